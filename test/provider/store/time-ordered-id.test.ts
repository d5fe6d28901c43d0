import { expect, it } from 'vitest'
import { timeOrderedId } from '../../../src/provider/store/time-ordered-id.js'

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

it('is a version 7 UUID whose first 48 bits are the time in milliseconds', () => {
  const at = Date.UTC(2026, 11, 6, 12, 0, 0, 123)
  const id = timeOrderedId(at)
  expect(id).toMatch(UUID_V7)
  expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at)
})

it('sorts by creation time, and ids of one millisecond still differ', () => {
  const ids = [1_700_000_000_000, 1_700_000_000_001, 1_700_000_001_000, 1_800_000_000_000].map((t) =>
    timeOrderedId(t),
  )
  expect([...ids].sort()).toEqual(ids)
  expect(new Set(Array.from({ length: 10_000 }, () => timeOrderedId(1_800_000_000_000))).size).toBe(10_000)
})
