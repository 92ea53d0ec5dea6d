// Staying inside Google's quotas: at most N calls a minute per bucket (Sheets allows 60 reads and 60 writes a
// minute per user), and back-off with jitter on 429 and 5xx. Clock and sleep are injected for tests.

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}
export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** A sliding one-minute window: a call waits until fewer than `perMinute` calls were started in the last 60 s. */
export class RateLimiter {
  private readonly started: number[] = [];
  private chain: Promise<void> = Promise.resolve();
  constructor(
    private readonly perMinute: number,
    private readonly clock: Clock = realClock,
  ) {}

  /** Resolves when a call may start; calls start in the order they asked. */
  take(): Promise<void> {
    const turn = this.chain.then(async () => {
      for (;;) {
        const now = this.clock.now();
        while (this.started.length && this.started[0]! <= now - 60_000) this.started.shift();
        if (this.started.length < this.perMinute) {
          this.started.push(now);
          return;
        }
        await this.clock.sleep(this.started[0]! + 60_000 - now);
      }
    });
    this.chain = turn.catch(() => undefined);
    return turn;
  }
}

/** An error of a Google call as gaxios gives it: the HTTP status, when there was an answer. */
export const statusOf = (error: unknown): number | null => {
  const e = error as { status?: unknown; response?: { status?: unknown }; code?: unknown };
  const status = e?.response?.status ?? e?.status ?? (typeof e?.code === 'number' ? e.code : undefined);
  return typeof status === 'number' ? status : null;
};
const retryable = (status: number | null) => status === null || status === 429 || status === 408 || status >= 500;

export interface BackoffOptions {
  attempts: number;
  baseMs: number;
  maxMs: number;
  random?: () => number;
  onRetry?: (attempt: number, status: number | null, waitMs: number) => void;
}

/** Runs `call`, trying again after 429, 408, 5xx and network errors: full jitter over an exponential ceiling. */
export async function withBackoff<T>(call: () => Promise<T>, clock: Clock, o: BackoffOptions): Promise<T> {
  const random = o.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const status = statusOf(error);
      if (!retryable(status) || attempt >= o.attempts) throw error;
      const wait = Math.round(random() * Math.min(o.maxMs, o.baseMs * 2 ** (attempt - 1)));
      o.onRetry?.(attempt, status, wait);
      await clock.sleep(wait);
    }
  }
}
