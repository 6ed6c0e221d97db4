import { expect, it } from 'vitest';
import { WrongSecretLimiter } from '../../../electron/engine/receiver/wrong-secrets';

const limits = { perSender: { burst: 3, perSecond: 1 }, overall: { burst: 5, perSecond: 2 }, maxSenders: 2 };

it('lets a sender have a burst of refusals, then asks it to wait until a token is back', () => {
  let now = 0;
  const limiter = new WrongSecretLimiter(() => now, limits);
  expect([1, 2, 3].map(() => limiter.take('a'))).toEqual([0, 0, 0]);
  expect(limiter.take('a')).toBe(1);
  now += 1000;
  expect(limiter.take('a')).toBe(0);
  expect(limiter.take('a')).toBe(1);
});

it('caps all senders together, so forging a new sender for every request buys nothing', () => {
  const limiter = new WrongSecretLimiter(() => 0, limits);
  const answers = Array.from({ length: 10 }, (_, i) => limiter.take(`forged-${i}`));
  expect(answers.filter((wait) => wait === 0)).toHaveLength(5);
  expect(answers.slice(5).every((wait) => wait >= 1)).toBe(true);
});

it('forgets the least recently seen sender first', () => {
  const now = 0;
  const limiter = new WrongSecretLimiter(() => now, { ...limits, overall: { burst: 100, perSecond: 100 } });
  [1, 2, 3].forEach(() => limiter.take('a'));
  expect(limiter.take('a')).toBe(1);
  limiter.take('b');
  limiter.take('c'); // 'a' was used before 'b': forgotten, so it starts with a full burst again
  expect(limiter.take('a')).toBe(0);
});
