/**
 * Every PATCH request shape of entra-client-behavior.md §2.3–2.5 (../shared/reference), in both Entra dialects:
 * the default ("non-compliant") one and the `aadOptscim062020` one. Each client-dialect rule of normalisePatch is
 * named after the behaviour it serves.
 */
import { describe, expect, it } from 'vitest'
import { normalisePatch } from '../../../src/scim/patch/normalise-patch.js'
import { bjensen, ENTERPRISE, group, groups, memberIds, patch, patchBody, users } from './patch-fixtures.js'

describe('Entra user PATCH (entra-client-behavior.md §2.3)', () => {
  it('update multi-valued: Replace emails[type eq "work"].value and name.familyName', () => {
    const after = patch(
      bjensen(),
      users,
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' },
      { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
    )
    expect((after.emails as { value: string }[]).map((e) => e.value)).toEqual([
      'updatedEmail@microsoft.com',
      'babs@jensen.org',
    ])
    expect((after.name as { familyName: string }).familyName).toBe('updatedFamilyName')
  })

  it('update single-valued: Replace userName', () => {
    expect(patch(bjensen(), users, { op: 'Replace', path: 'userName', value: 'new@x.org' }).userName).toBe(
      'new@x.org',
    )
  })

  it('disable (documented form): Replace active with the boolean false', () => {
    expect(patch(bjensen(), users, { op: 'Replace', path: 'active', value: false }).active).toBe(false)
  })

  it('manager, documented form: Add path "manager" with a one-element list of {$ref, value}', () => {
    const after = patch(bjensen(), users, {
      op: 'Add',
      path: 'manager',
      value: [{ $ref: 'http://example.com/Users/m-1', value: 'm-1' }],
    })
    // readOnly displayName of the old manager is kept: add merges the sub-attributes given.
    expect(after[ENTERPRISE]).toMatchObject({
      manager: { value: 'm-1', $ref: 'http://example.com/Users/m-1' },
    })
  })

  it('manager given as a bare string on its URN path becomes { value } (observed, SCIM-SDK#686)', () => {
    const before = bjensen()
    delete (before[ENTERPRISE] as Record<string, unknown>).manager
    const after = patch(before, users, {
      op: 'add',
      path: `${ENTERPRISE}:manager`,
      value: '2c2f6fb8-3e4b-4d2a-9b64-6b6d1c1f0001',
    })
    expect((after[ENTERPRISE] as Record<string, unknown>).manager).toEqual({
      value: '2c2f6fb8-3e4b-4d2a-9b64-6b6d1c1f0001',
    })
  })

  it('manager removal by filter on the single-valued manager (observed, scim-patch#453)', () => {
    const before = bjensen()
    const id = '26118915-6090-4610-87e4-49d8ca9f808d'
    const other = patch(before, users, { op: 'remove', path: 'manager[value eq "someone-else"]' })
    expect((other[ENTERPRISE] as Record<string, unknown>).manager).toBeDefined()
    const after = patch(before, users, { op: 'remove', path: `manager[value eq "${id}"]` })
    expect(after[ENTERPRISE]).not.toHaveProperty('manager')
  })

  it('replace on emails[type eq "work"].value when the user has no work email creates it', () => {
    const before = bjensen()
    before.emails = [{ value: 'babs@jensen.org', type: 'home' }]
    const after = patch(before, users, {
      op: 'Replace',
      path: 'emails[type eq "work"].value',
      value: 'w@x.org',
    })
    expect(after.emails).toEqual([
      { value: 'babs@jensen.org', type: 'home' },
      { type: 'work', value: 'w@x.org' },
    ])
  })

  it('add on emails[type eq "work"].value creates the emails attribute when the user has none', () => {
    const before = bjensen()
    delete before.emails
    const after = patch(before, users, { op: 'Add', path: 'emails[type eq "work"].value', value: 'w@x.org' })
    expect(after.emails).toEqual([{ type: 'work', value: 'w@x.org' }])
  })

  it('addresses[type eq "work"].streetAddress is created the same way', () => {
    const before = bjensen()
    delete before.addresses
    const after = patch(before, users, {
      op: 'Replace',
      path: 'addresses[type eq "work"].streetAddress',
      value: '1 Main St',
    })
    expect(after.addresses).toEqual([{ type: 'work', streetAddress: '1 Main St' }])
  })
})

describe('Entra group PATCH (entra-client-behavior.md §2.4)', () => {
  it('update non-member attribute: Replace displayName', () => {
    expect(patch(group(), groups, { op: 'Replace', path: 'displayName', value: 'Renamed' }).displayName).toBe(
      'Renamed',
    )
  })

  it('add members: Add members with [{"$ref":null,"value":…}] ($ref null is no value)', () => {
    const after = patch(group('a'), groups, {
      op: 'Add',
      path: 'members',
      value: [{ $ref: null, value: 'f648f8d5ea4e4cd38e9c' }],
    })
    expect(after.members).toEqual([{ value: 'a', type: 'User' }, { value: 'f648f8d5ea4e4cd38e9c' }])
  })

  it('adding a member that is already there is a no-op (one PATCH per member, resent on retries)', () => {
    const before = group('f648f8d5ea4e4cd38e9c')
    const after = patch(before, groups, {
      op: 'Add',
      path: 'members',
      value: [{ $ref: null, value: 'f648f8d5ea4e4cd38e9c' }],
    })
    expect(after.members).toEqual(before.members)
  })

  it('remove members, default dialect: Remove members with a value list, no filter', () => {
    const after = patch(group('a', 'f648f8d5ea4e4cd38e9c', 'b'), groups, {
      op: 'Remove',
      path: 'members',
      value: [{ $ref: null, value: 'f648f8d5ea4e4cd38e9c' }],
    })
    expect(memberIds(after)).toEqual(['a', 'b'])
  })

  it('removing a member that is no longer there changes nothing', () => {
    const before = group('a')
    const after = patch(before, groups, { op: 'Remove', path: 'members', value: [{ value: 'gone' }] })
    expect(after).toEqual(before)
  })
})

describe('Entra default dialect vs aadOptscim062020 (entra-client-behavior.md §2.5)', () => {
  it('disable user: the string "False" (default) and false (flag) both give active false', () => {
    const loose = patch(bjensen(), users, { op: 'Replace', path: 'active', value: 'False' })
    const strict = patch(bjensen(), users, { op: 'replace', path: 'active', value: false })
    expect(loose.active).toBe(false)
    expect(strict).toEqual(loose)
  })

  it('"True"/"False" in any case become booleans, also inside path-less value objects', () => {
    const ops = normalisePatch(
      patchBody(
        { op: 'Replace', path: 'active', value: 'TRUE' },
        { op: 'Replace', value: { active: 'false' } },
        { op: 'Add', path: 'emails[type eq "home"].primary', value: 'True' },
      ),
      users,
    )
    expect(ops.map((o) => o.value)).toEqual([true, false, true])
  })

  it('add single-value string: Add (default) and add (flag) are the same operation', () => {
    const [capital] = normalisePatch(patchBody({ op: 'Add', path: 'nickName', value: 'Babs' }), users)
    const [lower] = normalisePatch(patchBody({ op: 'add', path: 'nickName', value: 'Babs' }), users)
    expect(capital).toEqual(lower)
    expect(capital.op).toBe('add')
  })

  it('replace multiple attributes, default dialect: one Replace per path', () => {
    const after = patch(
      bjensen(),
      users,
      { op: 'Replace', path: 'displayName', value: 'Barbara J' },
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'bj@contoso.com' },
      { op: 'Replace', path: 'name.givenName', value: 'Barb' },
      { op: 'Replace', path: 'name.familyName', value: 'Jensen-Smith' },
      { op: 'Replace', path: 'externalId', value: 'ext-2' },
      { op: 'Replace', path: `${ENTERPRISE}:employeeNumber`, value: '42' },
    )
    expect(after).toMatchObject({
      displayName: 'Barbara J',
      externalId: 'ext-2',
      name: { givenName: 'Barb', familyName: 'Jensen-Smith' },
      [ENTERPRISE]: { employeeNumber: '42' },
    })
    expect((after.emails as { value: string }[])[0].value).toBe('bj@contoso.com')
  })

  it('replace multiple attributes, flag dialect: one path op plus one path-less op with dotted and URN keys', () => {
    const flagged = patch(
      bjensen(),
      users,
      { op: 'replace', path: 'emails[type eq "work"].value', value: 'bj@contoso.com' },
      {
        op: 'replace',
        value: {
          displayName: 'Barbara J',
          'name.givenName': 'Barb',
          'name.familyName': 'Jensen-Smith',
          externalId: 'ext-2',
          [`${ENTERPRISE}:employeeNumber`]: '42',
        },
      },
    )
    const perPath = patch(
      bjensen(),
      users,
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'bj@contoso.com' },
      { op: 'Replace', path: 'displayName', value: 'Barbara J' },
      { op: 'Replace', path: 'name.givenName', value: 'Barb' },
      { op: 'Replace', path: 'name.familyName', value: 'Jensen-Smith' },
      { op: 'Replace', path: 'externalId', value: 'ext-2' },
      { op: 'Replace', path: `${ENTERPRISE}:employeeNumber`, value: '42' },
    )
    expect(flagged).toEqual(perPath)
    expect((flagged.name as Record<string, unknown>).formatted).toBe('Ms. Barbara J Jensen, III')
  })

  it('path-less keys become operations with paths; the manager URN key as a bare string becomes { value }', () => {
    const ops = normalisePatch(
      patchBody({
        op: 'Replace',
        value: {
          'name.givenName': 'Barb',
          [`${ENTERPRISE}:manager`]: 'm-2',
          unknownThing: 1,
          schemas: ['x'],
        },
      }),
      users,
    )
    expect(ops).toEqual([
      { op: 'replace', path: { attr: { attribute: 'name', subAttribute: 'givenName' } }, value: 'Barb' },
      {
        op: 'replace',
        path: { attr: { schema: ENTERPRISE, attribute: 'manager' } },
        value: { value: 'm-2' },
      },
    ])
  })

  it('remove group member, default dialect (value list) and flag dialect (filter) give the same operation', () => {
    const id = '7f4bc1a3-0a54-4cf2-8e93-2f0f7c4a1b11'
    const byList = normalisePatch(
      patchBody({ op: 'Remove', path: 'members', value: [{ value: id }] }),
      groups,
    )
    const byFilter = normalisePatch(patchBody({ op: 'remove', path: `members[value eq "${id}"]` }), groups)
    expect(byList).toEqual(byFilter)
  })

  it('remove by a value list of several members gives one remove per member', () => {
    const ops = normalisePatch(
      patchBody({ op: 'Remove', path: 'members', value: [{ value: 'id1' }, { value: 'id2' }] }),
      groups,
    )
    expect(ops).toEqual(
      ['id1', 'id2'].map((id) => ({
        op: 'remove',
        path: {
          attr: { attribute: 'members' },
          filter: { kind: 'compare', path: { attribute: 'value' }, op: 'eq', value: id },
        },
      })),
    )
  })

  it('an empty value list removes nothing (it does not read as "remove all members")', () => {
    const before = group('a', 'b')
    expect(normalisePatch(patchBody({ op: 'Remove', path: 'members', value: [] }), groups)).toEqual([])
    expect(patch(before, groups, { op: 'Remove', path: 'members', value: [] })).toEqual(before)
  })

  it('roles as JSON in a string (SingleAppRoleAssignment PATCH) are kept verbatim as the role value', () => {
    const role = '{"id":"b1a9f1d2","value":"25","displayName":"Role1234"}'
    const after = patch(bjensen(), users, { op: 'Add', path: 'roles', value: [{ value: role }] })
    expect(after.roles).toEqual([{ value: role }])
  })

  it('roles replaced as a whole (AssertiveAppRoleAssignmentsComplex)', () => {
    const before = patch(bjensen(), users, {
      op: 'Add',
      path: 'roles',
      value: [{ value: 'Admin', primary: false }],
    })
    const after = patch(before, users, {
      op: 'replace',
      path: 'roles',
      value: [{ primary: false, type: 'WindowsAzureActiveDirectoryRole', value: 'Reader' }],
    })
    expect(after.roles).toEqual([
      { primary: false, type: 'WindowsAzureActiveDirectoryRole', value: 'Reader' },
    ])
  })
})
