/**
 * Headers this app defines. HTTP names are case-insensitive: compare lower-cased
 * (Node lower-cases incoming names), send as written here.
 */

/** The receiver's secret, sent by Maximizer's target (or given as `?secret=`). Never forwarded. */
export const SECRET_HEADER = 'X-Inspector-Secret';
/** Marks a test event sent by this app (sendTestEvent): stored with origin `test`. */
export const TEST_EVENT_HEADER = 'X-Inspector-Test-Event';

/** An HTTP field name (RFC 9110 token). */
const FIELD_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** What no field value may hold on the wire: a line break or NUL would end or split the field. */
const BREAKING = /[\r\n\0]+/g;

/**
 * Header pairs as they may be sent again (replayed, copied as cURL): pairs whose name is no HTTP
 * field name are dropped, and line breaks or NULs in a value become a space, as a folded line
 * would read. The receiver never stores such headers (Node's parser refuses them); a hand-edited
 * import file can hold them, and a CRLF there would otherwise inject a header of its own.
 */
export function sendableHeaders(headers: readonly (readonly [string, string])[]): [string, string][] {
  const out: [string, string][] = [];
  for (const [name, value] of headers) if (FIELD_NAME.test(name)) out.push([name, value.replace(BREAKING, ' ')]);
  return out;
}
