// Confirm, refund and cancel carry the till's own id, so sending the very same request again after a
// lost answer is safe: the server returns the first result. Only "no answer" and gateway failures are
// retried here, with the same id and the same body; every other answer is final.
import { ApiError } from '../../api/client';

const RETRY_DELAYS_MS = [400, 1200, 3000];

export function isRetryable(e: unknown): boolean {
  return e instanceof ApiError && (e.status === 0 || e.status === 502 || e.status === 503 || e.status === 504);
}

/** Runs `send` until it answers, or gives up after a few tries on connection trouble (rethrowing the last error). */
export async function withRetry<T>(send: () => Promise<T>, onRetry?: (attempt: number) => void, sleep = (ms: number) => new Promise((r) => window.setTimeout(r, ms))): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (e) {
      const delay = RETRY_DELAYS_MS[attempt];
      if (!isRetryable(e) || delay === undefined) throw e;
      onRetry?.(attempt + 1);
      await sleep(delay);
    }
  }
}
