import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { depthOfKey, idOfKey, managerFirstKeys } from '../../../src/engine/cycle/manager-order.js'

/** A random org chart: user i reports to a user before it (or to nobody, or to someone outside the map). */
const orgChart = fc
  .array(fc.oneof(fc.constant(-1), fc.constant(-2), fc.nat()), { maxLength: 60 })
  .map((picks) => {
    const managerOf = new Map<string, string | null>()
    picks.forEach((pick, i) => {
      const manager =
        pick === -1 || i === 0 ? null : pick === -2 ? 'outsider' : `u${String(pick % i).padStart(3, '0')}`
      managerOf.set(`u${String(i).padStart(3, '0')}`, manager)
    })
    return managerOf
  })

describe('managerFirstKeys', () => {
  it('orders every user after its manager, once each, sorted', () => {
    fc.assert(
      fc.property(orgChart, (managerOf) => {
        const keys = managerFirstKeys(managerOf)
        expect(keys.map(idOfKey).sort()).toEqual([...managerOf.keys()].sort())
        expect([...keys].sort()).toEqual(keys)
        const position = new Map(keys.map((k, i) => [idOfKey(k), i]))
        for (const [id, manager] of managerOf) {
          if (manager !== null && managerOf.has(manager))
            expect(position.get(manager)!).toBeLessThan(position.get(id)!)
        }
      }),
    )
  })

  it('gives the depth of the management chain, a manager outside the map ending it', () => {
    const keys = managerFirstKeys(
      new Map([
        ['c', 'b'],
        ['b', 'a'],
        ['a', 'ceo-not-synced'],
        ['d', null],
      ]),
    )
    expect(keys).toEqual(['0000:a', '0000:d', '0001:b', '0002:c'])
    expect(depthOfKey(keys[3])).toBe('0002')
  })

  it('ends on a management cycle, putting its members last', () => {
    const keys = managerFirstKeys(
      new Map([
        ['x', 'y'],
        ['y', 'x'],
        ['z', null],
      ]),
    )
    expect(keys.map(idOfKey)).toEqual(['z', 'x', 'y'])
  })
})
