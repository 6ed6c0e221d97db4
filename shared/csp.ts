/**
 * The renderer's Content-Security-Policy: sent as a header by browser mode and written as a
 * `<meta>` into the built index.html for the desktop window (a header does not reach `file://`
 * loads). One constant, so the two cannot drift apart. (`frame-ancestors` only works as a header;
 * in the `<meta>` a browser ignores it, and the desktop window is never framed.)
 */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

export const cspMeta = `<meta http-equiv="Content-Security-Policy" content="${CSP}" />`;
