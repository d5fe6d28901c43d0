import { describe, expect, it } from 'vitest'
import { applyPatch } from '../../../src/scim/patch/apply-patch.js'
import { membershipChanges } from '../../../src/scim/patch/membership-changes.js'
import { normalisePatch } from '../../../src/scim/patch/normalise-patch.js'
import { group, groups, memberIds, patchBody } from './patch-fixtures.js'

function changes(...operations: unknown[]) {
  return membershipChanges(normalisePatch(patchBody(...operations), groups))
}

describe('membershipChanges', () => {
  it('Entra add members by value list', () => {
    expect(
      changes({ op: 'Add', path: 'members', value: [{ $ref: null, value: 'u1' }, { value: 'u2' }] }),
    ).toEqual({
      add: ['u1', 'u2'],
      remove: [],
      otherOperations: [],
    })
  })

  it('Entra remove members by value list (default dialect) and by filter (aadOptscim062020)', () => {
    const byList = changes({ op: 'Remove', path: 'members', value: [{ value: 'u1' }, { value: 'u2' }] })
    const byFilter = changes(
      { op: 'remove', path: 'members[value eq "u1"]' },
      { op: 'remove', path: 'members[value eq "u2"]' },
    )
    expect(byList).toEqual({ add: [], remove: ['u1', 'u2'], otherOperations: [] })
    expect(byFilter).toEqual(byList)
  })

  it('remove with value eq joined by or', () => {
    expect(changes({ op: 'remove', path: 'Members[Value eq "u1" or value eq "u2"]' }).remove).toEqual([
      'u1',
      'u2',
    ])
  })

  it('remove of members without a filter removes all; replace gives the new list', () => {
    expect(changes({ op: 'remove', path: 'members' })).toEqual({
      add: [],
      remove: [],
      replaceAll: [],
      otherOperations: [],
    })
    expect(
      changes({ op: 'replace', path: 'members', value: [{ value: 'a' }, { value: 'b' }] }).replaceAll,
    ).toEqual(['a', 'b'])
  })

  it('folds the operations in order', () => {
    expect(
      changes(
        { op: 'add', path: 'members', value: [{ value: 'x' }] },
        { op: 'remove', path: 'members[value eq "x"]' },
      ),
    ).toMatchObject({ add: [], remove: ['x'] })
    expect(
      changes(
        { op: 'remove', path: 'members[value eq "x"]' },
        { op: 'add', path: 'members', value: [{ value: 'x' }] },
      ),
    ).toMatchObject({ add: ['x'], remove: [] })
    expect(
      changes(
        { op: 'add', path: 'members', value: [{ value: 'before' }] },
        { op: 'remove', path: 'members' },
        { op: 'add', path: 'members', value: [{ value: 'a' }, { value: 'b' }] },
        { op: 'remove', path: 'members[value eq "a"]' },
      ),
    ).toEqual({ add: [], remove: [], replaceAll: ['b'], otherOperations: [] })
  })

  it('keeps non-member operations and members operations it cannot express, in order', () => {
    const result = changes(
      { op: 'Replace', path: 'displayName', value: 'New name' },
      { op: 'add', path: 'members', value: [{ value: 'a' }] },
      { op: 'remove', path: 'members[type eq "Group"]' },
      { op: 'replace', path: 'members[value eq "a"].display', value: 'A' },
    )
    expect(result.add).toEqual(['a'])
    expect(result.otherOperations.map((o) => [o.op, o.path?.attr.attribute])).toEqual([
      ['replace', 'displayName'],
      ['remove', 'members'],
      ['replace', 'members'],
    ])
  })

  it('gives the same member set as applyPatch for the delta shapes', () => {
    const before = group('a', 'b', 'c')
    const operations = normalisePatch(
      patchBody(
        { op: 'Add', path: 'members', value: [{ value: 'd' }, { value: 'a' }] },
        { op: 'Remove', path: 'members', value: [{ value: 'b' }] },
        { op: 'remove', path: 'members[value eq "zz"]' },
      ),
      groups,
    )
    const delta = membershipChanges(operations)
    const viaDelta = new Set(memberIds(before))
    for (const id of delta.add) viaDelta.add(id)
    for (const id of delta.remove) viaDelta.delete(id)
    expect([...viaDelta].sort()).toEqual(memberIds(applyPatch(before, operations, groups)))
  })
})
