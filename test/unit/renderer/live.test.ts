import { describe, expect, it } from 'vitest';
import type { EventSummary } from '@shared/contract';
import { anchorOffset, appendOlder, applyAttempt, prependNewest } from '../../../renderer/src/events/live';

const e = (id: number): EventSummary => ({
  id,
  webhookId: `w${id}`,
  entity: 'lead',
  op: 'create',
  version: '0.8',
  attempts: 1,
  receivedAt: id,
  lastReceivedAt: id,
  size: 1,
  summary: '',
  recordKey: null,
  origin: 'received',
});
const ids = (items: EventSummary[]) => items.map((x) => x.id);

describe('live insertion', () => {
  it('puts new events on top, newest first, and reports how many were added', () => {
    const { items, added } = prependNewest([e(3), e(2)], [e(4), e(6), e(5)]);
    expect(ids(items)).toEqual([6, 5, 4, 3, 2]);
    expect(added).toBe(3);
  });
  it('never inserts a row twice or below the top (duplicate notifications, a page that raced)', () => {
    const { items, added } = prependNewest([e(5), e(4)], [e(5), e(3), e(6), e(6)]);
    expect(ids(items)).toEqual([6, 5, 4]);
    expect(added).toBe(1);
  });
  it('returns the same list when nothing is new, so the UI does not re-render', () => {
    const list = [e(2)];
    expect(prependNewest(list, [e(1)]).items).toBe(list);
  });
  it('appends an older page without repeating listed ids', () => {
    expect(ids(appendOlder([e(9), e(8)], [e(8), e(7), e(6)]))).toEqual([9, 8, 7, 6]);
  });
  it('updates a retried event in place', () => {
    const list = [e(2), e(1)];
    const next = applyAttempt(list, { id: 1, attempts: 3, lastReceivedAt: 99 });
    expect(next[1]).toMatchObject({ id: 1, attempts: 3, lastReceivedAt: 99 });
    expect(next[0]).toBe(list[0]);
    expect(applyAttempt(list, { id: 7, attempts: 2, lastReceivedAt: 1 })).toBe(list);
  });
});

describe('scroll anchoring', () => {
  it('moves the viewport down by the inserted rows when the user is scrolled down', () => {
    expect(anchorOffset(600, 3, 30)).toBe(90);
  });
  it('leaves the viewport at the top, where the user watches new rows arrive', () => {
    expect(anchorOffset(0, 3, 30)).toBe(0);
  });
});
