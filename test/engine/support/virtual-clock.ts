import type { Clock } from '../../../src/engine/clock.js'

/** A clock whose sleeps pass instantly and move virtual time forward, so waits can be checked exactly. */
export function virtualClock(start = 1_000_000): Clock & { sleeps: number[] } {
  let now = start
  const sleeps: number[] = []
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms)
      now += Math.max(0, ms)
    },
  }
}
