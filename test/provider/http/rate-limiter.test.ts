import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { RateLimitedError, RateLimiter } from '../../../src/provider/http/rate-limiter.js'

describe('RateLimiter', () => {
  it('lets a burst through, then answers 429 with the seconds until a request is allowed again', () => {
    let now = 0
    const limiter = new RateLimiter({ burst: 3, perSecond: 0.5 }, () => now)
    for (let i = 0; i < 3; i++) limiter.take('t')
    let error: unknown
    try {
      limiter.take('t')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(RateLimitedError)
    expect((error as RateLimitedError).status).toBe(429)
    expect((error as RateLimitedError).retryAfterSeconds).toBe(2)
    now = 2000
    expect(() => limiter.take('t')).not.toThrow()
  })

  it('keeps one bucket per key', () => {
    const limiter = new RateLimiter({ burst: 1, perSecond: 1 }, () => 0)
    limiter.take('a')
    expect(() => limiter.take('a')).toThrow(RateLimitedError)
    expect(() => limiter.take('b')).not.toThrow()
  })

  it('never allows more than burst + rate × elapsed requests', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 200 }),
        (burst, perSecond, gaps) => {
          let now = 0
          const limiter = new RateLimiter({ burst, perSecond }, () => now)
          let allowed = 0
          for (const gap of gaps) {
            now += gap
            try {
              limiter.take('k')
              allowed++
            } catch (e) {
              if (!(e instanceof RateLimitedError)) throw e
            }
          }
          expect(allowed).toBeLessThanOrEqual(burst + Math.floor((now / 1000) * perSecond) + 1)
        },
      ),
    )
  })

  it('refuses a configuration that could never allow a request', () => {
    expect(() => new RateLimiter({ burst: 0, perSecond: 1 }, () => 0)).toThrow(RangeError)
  })
})
