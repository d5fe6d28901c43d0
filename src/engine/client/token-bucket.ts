import type { Clock } from '../clock.js'

/** A request-rate budget: `ratePerSecond` tokens a second, bursts up to that many. A rate of 0 means no limit. */
export class TokenBucket {
  readonly #rate: number
  readonly #clock: Clock
  #tokens: number
  #updatedAt: number
  #queue: Promise<void> = Promise.resolve()

  constructor(ratePerSecond: number, clock: Clock) {
    this.#rate = ratePerSecond
    this.#clock = clock
    this.#tokens = ratePerSecond
    this.#updatedAt = clock.now()
  }

  /** Resolves when one token is available, and takes it. Callers are served in order. */
  take(): Promise<void> {
    if (this.#rate <= 0) return Promise.resolve()
    const turn = this.#queue.then(() => this.#takeNow())
    this.#queue = turn
    return turn
  }

  async #takeNow(): Promise<void> {
    for (;;) {
      const now = this.#clock.now()
      this.#tokens = Math.min(this.#rate, this.#tokens + ((now - this.#updatedAt) * this.#rate) / 1000)
      this.#updatedAt = now
      if (this.#tokens >= 1) {
        this.#tokens -= 1
        return
      }
      await this.#clock.sleep(Math.ceil(((1 - this.#tokens) * 1000) / this.#rate))
    }
  }
}
