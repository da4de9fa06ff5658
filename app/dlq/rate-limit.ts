/**
 * A token bucket: at most `perSecond` events re-published per second on average, in bursts of at
 * most one second's worth.
 */

/** Waits until `n` more events may be sent. */
export interface RateLimiter {
  take(n: number): Promise<void>;
}

/** Injected clock, so tests need no timers. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** A limiter of `perSecond` events per second (a positive number). */
export function rateLimiter(perSecond: number, clock: Clock = systemClock): RateLimiter {
  if (!(perSecond > 0)) throw new Error(`rate must be a positive number, got ${perSecond}`);
  let tokens = perSecond;
  let last = clock.now();
  return {
    async take(n) {
      for (;;) {
        const now = clock.now();
        tokens = Math.min(perSecond, tokens + ((now - last) / 1000) * perSecond);
        last = now;
        // A request larger than the bucket waits for a full bucket, then goes.
        const need = Math.min(n, perSecond);
        if (tokens >= need) {
          tokens -= need;
          return;
        }
        await clock.sleep(Math.ceil(((need - tokens) / perSecond) * 1000));
      }
    },
  };
}
