/** applyPatch behaviour beyond the RFC examples: names, extensions, sharing, unassigning, the chosen edge cases. */
import { describe, expect, it } from 'vitest'
import { applyPatch } from '../../../src/scim/patch/apply-patch.js'
import { normalisePatch } from '../../../src/scim/patch/normalise-patch.js'
import { USER_SCHEMA_URN } from '../../../src/scim/schema/urns.js'
import { bjensen, ENTERPRISE, group, groups, patch, patchBody, users } from './patch-fixtures.js'

describe('applyPatch', () => {
  it('finds attributes in any case and writes them back under their canonical names', () => {
    const before = {
      schemas: [USER_SCHEMA_URN],
      id: '1',
      USERNAME: 'b',
      Emails: [{ Value: 'a@x', Type: 'work' }],
    }
    const after = patch(
      before,
      users,
      { op: 'replace', path: 'EMAILS[TYPE eq "work"].VALUE', value: 'b@x' },
      { op: 'replace', path: 'userName', value: 'c' },
    )
    expect(after).toEqual({
      schemas: [USER_SCHEMA_URN],
      id: '1',
      userName: 'c',
      emails: [{ Type: 'work', value: 'b@x' }],
    })
  })

  it('puts URN-qualified attributes under the extension key and lists the extension in schemas', () => {
    const before = bjensen()
    delete before[ENTERPRISE]
    before.schemas = [USER_SCHEMA_URN]
    const after = patch(before, users, { op: 'add', path: `${ENTERPRISE}:costCenter`, value: '4130' })
    expect(after[ENTERPRISE]).toEqual({ costCenter: '4130' })
    expect(after.schemas).toEqual([USER_SCHEMA_URN, ENTERPRISE])
    const removed = patch(after, users, { op: 'remove', path: `${ENTERPRISE}:costCenter` })
    expect(removed).toEqual(before)
  })

  it('accepts a path-less value with an extension object under its URN key', () => {
    const after = patch(bjensen(), users, {
      op: 'replace',
      value: { [ENTERPRISE]: { department: 'Sales', DIVISION: 'West' } },
    })
    expect(after[ENTERPRISE]).toMatchObject({
      department: 'Sales',
      division: 'West',
      employeeNumber: '701984',
    })
  })

  it('never mutates its input and shares what no operation touched', () => {
    const before = bjensen()
    const snapshot = structuredClone(before)
    const after = patch(before, users, { op: 'Replace', path: 'emails[type eq "work"].value', value: 'n@x' })
    expect(before).toEqual(snapshot)
    expect(after.name).toBe(before.name)
    expect(after.addresses).toBe(before.addresses)
    expect((after.emails as unknown[])[1]).toBe((before.emails as unknown[])[1])
    expect((after.emails as unknown[])[0]).not.toBe((before.emails as unknown[])[0])
  })

  it('sets a sub-attribute of a complex attribute that has no value yet', () => {
    const before = bjensen()
    delete before.name
    expect(patch(before, users, { op: 'replace', path: 'name.givenName', value: 'B' }).name).toEqual({
      givenName: 'B',
    })
  })

  it('replace with null unassigns; add with null changes nothing', () => {
    expect(patch(bjensen(), users, { op: 'replace', path: 'nickName', value: null })).not.toHaveProperty(
      'nickName',
    )
    expect(patch(bjensen(), users, { op: 'add', path: 'nickName', value: null })).toEqual(bjensen())
  })

  it('replace of a multi-valued attribute with an empty list unassigns it', () => {
    expect(patch(bjensen(), users, { op: 'replace', path: 'phoneNumbers', value: [] })).not.toHaveProperty(
      'phoneNumbers',
    )
  })

  it('removing what is not there changes nothing', () => {
    const before = bjensen()
    expect(patch(before, users, { op: 'remove', path: 'title' })).toEqual(before)
    expect(patch(before, users, { op: 'remove', path: 'emails[type eq "other"]' })).toEqual(before)
  })

  it('removing the last sub-attribute of a value removes the value', () => {
    const before = { ...bjensen(), phoneNumbers: [{ value: '1' }, { value: '2', type: 'work' }] }
    const after = patch(before, users, { op: 'remove', path: 'phoneNumbers[value eq "1"].value' })
    expect(after.phoneNumbers).toEqual([{ value: '2', type: 'work' }])
  })

  it('adds a value that differs only in case from one that is there as a no-op (emails are not caseExact)', () => {
    const before = bjensen()
    expect(
      patch(before, users, { op: 'add', path: 'emails', value: [{ value: 'BABS@jensen.org' }] }),
    ).toEqual(before)
  })

  it('sets a sub-attribute on every value without a filter', () => {
    const after = patch(bjensen(), users, { op: 'replace', path: 'phoneNumbers.display', value: 'x' })
    expect((after.phoneNumbers as { display: string }[]).map((p) => p.display)).toEqual(['x', 'x'])
  })

  it('creates from a filter with several equalities, with the types of the schema', () => {
    const before = bjensen()
    delete before.emails
    const after = patch(before, users, {
      op: 'replace',
      path: 'emails[type eq "work" and primary eq true].value',
      value: 'w@x',
    })
    expect(after.emails).toEqual([{ type: 'work', primary: true, value: 'w@x' }])
  })

  it('keeps one primary when a created value is primary', () => {
    const after = patch(bjensen(), users, {
      op: 'replace',
      path: 'emails[type eq "other" and primary eq true].value',
      value: 'o@x',
    })
    expect((after.emails as { primary?: boolean }[]).map((e) => e.primary)).toEqual([false, undefined, true])
  })

  it('applies the operations of normalisePatch unchanged when given them again (they are plain data)', () => {
    const operations = normalisePatch(
      patchBody({ op: 'Add', path: 'members', value: [{ value: 'x' }] }),
      groups,
    )
    const once = applyPatch(group('a'), operations, groups)
    expect(applyPatch(once, operations, groups)).toEqual(once)
  })
})
