import { describe, expect, it } from 'vitest';
import { parseBody, summarize } from '../../../shared/envelope';
import { decodeKey, encodeKey } from '../../../shared/keys';

describe('parseBody', () => {
  it('reads a guide-style array and a Postman-style object alike', () => {
    const guide = parseBody(
      '[{"Id":"a","Entity":"Opportunity","WorkspaceId":"W","Data":{"Op":"Update","Original":{"Key":"k"},"New":{"Key":"k","X":1},"Version":"1.1"}}]',
    );
    const postman = parseBody(
      '{"id":"b","entity":"lead","workspaceid":"W","processedTimestamp":"t2","data":{"op":"update","original":{"key":"k"},"new":{"x":1},"version":"0.8"}}',
    );
    expect(guide.events[0]).toMatchObject({ webhookId: 'a', entity: 'Opportunity', op: 'Update', version: '1.1', workspaceId: 'W', recordKey: 'k' });
    expect(postman.events[0]).toMatchObject({
      webhookId: 'b',
      entity: 'lead',
      op: 'update',
      version: '0.8',
      workspaceId: 'W',
      processedTimestamp: 't2',
      recordKey: 'k',
    });
    expect(guide.parseError).toBeUndefined();
    expect(postman.parseError).toBeUndefined();
  });

  it('keeps Version as written, even as a JSON number', () => {
    expect(parseBody('{"Id":"1","Entity":"o","Data":{"Op":"create","Version":0.1}}').events[0]!.version).toBe('0.1');
    expect(parseBody('{"Id":"1","Entity":"o","Data":{"Op":"create","Version":1.10}}').events[0]!.version).toBe('1.10');
    expect(parseBody('{"Id":"1","Entity":"o","Data":{"Op":"create","Version":null}}').events[0]!.version).toBeNull();
    expect(parseBody('{"Id":"1","Entity":"o","Data":{"Op":"create"}}').events[0]!.version).toBeNull();
  });

  it('gives each element of an array its own text, brackets inside strings included', () => {
    const body = '[ {"Id":"1","Entity":"A","Data":{"Op":"read","Original":{"Note":"a ] b [ c } {"}}} , {"Id":"2","Entity":"B","Data":{"Op":"read"}} ]';
    const { events } = parseBody(body);
    expect(events.map((e) => e.webhookId)).toEqual(['1', '2']);
    expect(JSON.parse(events[0]!.payload)).toEqual(JSON.parse(body)[0]);
    expect(events[1]!.payload).toBe('{"Id":"2","Entity":"B","Data":{"Op":"read"}}');
  });

  it('flags what is not a Maximizer webhook but keeps it', () => {
    expect(parseBody('nope').parseError).toMatch(/Not valid JSON/);
    expect(parseBody('[]').parseError).toMatch(/Empty JSON array/);
    expect(parseBody('42').parseError).toMatch(/Expected a JSON object or array/);
    const other = parseBody('{"hello":"world"}');
    expect(other.parseError).toMatch(/not a Maximizer webhook envelope/);
    expect(other.events).toHaveLength(1);
  });

  describe('reads envelope fields from the envelope itself, not from same-named record fields', () => {
    // Postman key order: Original and New come before Version, so record fields are met first in the text.
    const postman = (version: string) =>
      `{"id":"E1","entity":"opportunity","data":{"op":"update","original":{"Version":7,"Id":"rec-1","Entity":"x","Op":"o"},"new":{"version":8,"id":"rec-2"},"version":${version}}}`;
    const guide = (version: string) =>
      `[{"Id":"E2","Entity":"Opportunity","Data":{"Original":{"Version":7,"Op":"zz"},"New":{"VERSION":8.50,"Entity":"y"},"Op":"Update","Version":${version}}}]`;

    it.each([
      ['postman', postman],
      ['guide', guide],
    ])('%s style: a numeric Version keeps its spelling and record fields never stand in', (_style, make) => {
      for (const version of ['1.10', '0.1', '2', '1.0', '"1.10"']) {
        const event = parseBody(make(version)).events[0]!;
        expect(event.version).toBe(version.replaceAll('"', ''));
        expect(event.webhookId).toMatch(/^E[12]$/);
        expect(event.entity?.toLowerCase()).toBe('opportunity');
        expect(event.op?.toLowerCase()).toBe('update');
      }
    });

    it('a missing envelope Version is unknown even when a record has one', () => {
      expect(parseBody('{"id":"E","entity":"lead","data":{"op":"update","original":{"Version":7},"new":{"Version":8}}}').events[0]!.version).toBeNull();
    });

    it('each event of an array keeps its own numeric spelling', () => {
      const { events } = parseBody(
        '[{"Id":"a","Entity":"o","Data":{"New":{"Version":3},"Op":"create","Version":1.10}},{"Id":"b","Entity":"o","Data":{"Op":"create","version":1.20}}]',
      );
      expect(events.map((e) => e.version)).toEqual(['1.10', '1.20']);
    });
  });

  it('takes the record key from New, else from Original (v1.0 stage changes)', () => {
    const { events } = parseBody(
      '{"id":"x","entity":"Opportunity","data":{"op":"update","original":{"key":"K1"},"new":{"salesStageSetupKey":"S"},"version":"1.0"}}',
    );
    expect(events[0]!.recordKey).toBe('K1');
  });
});

describe('summarize', () => {
  it('names the changed fields of an update, old → new, and skips written-but-equal ones', () => {
    expect(
      summarize({
        entity: 'Opportunity',
        op: 'update',
        original: { Key: 'k', Stage: 'Qualified', Revenue: 5 },
        new: { Key: 'k', Stage: 'Presentation', revenue: 5 },
      }),
    ).toBe('Stage: Qualified → Presentation');
  });
  it('puts readable fields before Maximizer keys', () => {
    const summary = summarize({
      entity: 'Opportunity',
      op: 'update',
      original: { SalesStageSetupKey: 'U2FsZXNQcm9jZXNzU3RhZ2UJMTUyOA==', SalesStageSetupName: 'Qualified' },
      new: { SalesStageSetupKey: 'U2FsZXNQcm9jZXNzU3RhZ2UJMTUyOQ==', SalesStageSetupName: 'Presentation' },
    });
    expect(summary.startsWith('SalesStageSetupName: Qualified → Presentation, SalesStageSetupKey:')).toBe(true);
  });
  it('describes creates, deletes and exports', () => {
    expect(summarize({ entity: 'lead', op: 'create', original: null, new: { Key: 'k', CompanyName: 'Acme', City: 'X' } })).toBe('created “Acme” with 3 fields');
    expect(summarize({ entity: 'lead', op: 'delete', original: { LastName: 'Doe' }, new: null })).toBe('deleted “Doe”');
    expect(summarize({ entity: 'Export', op: 'read', original: { entityType: 2, rows: 30 }, new: null })).toBe('export of Opportunity, 30 rows');
  });
});

describe('keys', () => {
  it('decodes Maximizer keys and refuses what is not one', () => {
    expect(decodeKey('T3Bwb3J0dW5pdHkJMjQwOTE5MjUxNjQ1MjA0MTQwMDAxTwkw')).toMatchObject({ type: 'Opportunity', id: '240919251645204140001O', number: '0' });
    expect(decodeKey('VXNlcglNQVNURVI=')).toMatchObject({ type: 'User', id: 'MASTER', number: null });
    expect(decodeKey('TODO')).toBeNull();
    expect(decodeKey('aGVsbG8gd29ybGQ=')).toBeNull(); // "hello world": base64, but no tab-separated type
    expect(decodeKey(encodeKey('Lead', '230908000320772238169LE'))).toMatchObject({ type: 'Lead', id: '230908000320772238169LE', number: '0' });
  });
});
