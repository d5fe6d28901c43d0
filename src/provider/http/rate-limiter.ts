import { ScimError } from '../../scim/scim-error.js'

/** A token bucket's size and refill rate. */
export interface RateLimitConfig {
  /** Requests a client may send in a burst (the bucket size). */
  burst: number
  /** Requests per second the bucket refills with (the sustained rate). */
  perSecond: number
}

/** Generous by default: 1,000 requests per second sustained, bursts of 2,000 (Entra asks for at least 25 per second). */
export const DEFAULT_RATE_LIMIT: RateLimitConfig = { burst: 2000, perSecond: 1000 }

interface Bucket {
  tokens: number
  at: number
}

/**
 * A token-bucket rate limiter keyed by an id (the bearer token's id), in memory, one bucket per key.
 * `take(key)` spends one request or throws a 429 ScimError whose `retryAfterSeconds` says when to try again.
 *
 * @example const limiter = new RateLimiter({ burst: 10, perSecond: 5 }, () => Date.now())
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>()

  constructor(
    private readonly config: RateLimitConfig,
    private readonly now: () => number,
  ) {
    if (!(config.burst >= 1) || !(config.perSecond > 0)) {
      throw new RangeError(`rate limit needs burst >= 1 and perSecond > 0, got ${JSON.stringify(config)}`)
    }
  }

  /** Spends one request for `key`; throws RateLimitedError when the bucket is empty. */
  take(key: string): void {
    const now = this.now()
    const bucket = this.buckets.get(key) ?? { tokens: this.config.burst, at: now }
    const refilled = Math.min(
      this.config.burst,
      bucket.tokens + ((now - bucket.at) / 1000) * this.config.perSecond,
    )
    if (refilled < 1) {
      this.buckets.set(key, { tokens: refilled, at: now })
      throw new RateLimitedError(Math.max(1, Math.ceil((1 - refilled) / this.config.perSecond)))
    }
    this.buckets.set(key, { tokens: refilled - 1, at: now })
    if (this.buckets.size > 10_000) this.evictFull(now)
  }

  /** Drops buckets that have refilled completely: they hold no state worth keeping. */
  private evictFull(now: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * this.config.perSecond >= this.config.burst)
        this.buckets.delete(key)
    }
  }
}

/** A 429: too many requests for one token; `retryAfterSeconds` goes into the Retry-After header. */
export class RateLimitedError extends ScimError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, undefined, `Too many requests for this token: retry after ${retryAfterSeconds} s`)
  }
}
