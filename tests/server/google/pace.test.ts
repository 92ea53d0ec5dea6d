// Pacing Google calls: a sliding minute window per bucket, and back-off with jitter on 429/5xx only.
import { describe, expect, it } from 'vitest';
import { RateLimiter, withBackoff, type Clock } from '../../../server/google/pace.ts';

/** A clock that moves only when something sleeps on it. */
function fakeClock(): Clock & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}
const failing = (status: number | null, times: number) => {
  let n = 0;
  return async () => {
    if (n++ < times) throw Object.assign(new Error('boom'), status === null ? {} : { response: { status } });
    return 'ok';
  };
};

describe('the rate limiter', () => {
  it('lets 60 calls start in a minute, and the 61st when the first is a minute old', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(60, clock);
    for (let i = 0; i < 60; i++) await limiter.take();
    expect(clock.now()).toBe(0);
    await limiter.take();
    expect(clock.now()).toBe(60_000);
  });

  it('keeps the order in which calls asked', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(1, clock);
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((i) => limiter.take().then(() => order.push(i))));
    expect(order).toEqual([1, 2, 3]);
    expect(clock.now()).toBe(120_000);
  });
});

describe('back-off', () => {
  it('tries again after 429 and 503 with waits under an exponential ceiling', async () => {
    const clock = fakeClock();
    const retried: (number | null)[] = [];
    expect(
      await withBackoff(failing(429, 3), clock, {
        attempts: 5,
        baseMs: 1000,
        maxMs: 32_000,
        random: () => 0.999,
        onRetry: (_a, s) => retried.push(s),
      }),
    ).toBe('ok');
    expect(retried).toEqual([429, 429, 429]);
    expect(clock.slept).toEqual([999, 1998, 3996]);
    expect(await withBackoff(failing(503, 1), fakeClock(), { attempts: 2, baseMs: 1, maxMs: 1 })).toBe('ok');
  });

  it('gives up after its attempts, and never retries a 400, 403 or 404', async () => {
    await expect(withBackoff(failing(503, 9), fakeClock(), { attempts: 3, baseMs: 1, maxMs: 1 })).rejects.toThrow(
      'boom',
    );
    for (const status of [400, 403, 404]) {
      const clock = fakeClock();
      await expect(withBackoff(failing(status, 1), clock, { attempts: 5, baseMs: 1, maxMs: 1 })).rejects.toThrow(
        'boom',
      );
      expect(clock.slept).toEqual([]);
    }
  });
});
