/**
 * The PATCH bodies Okta sends, and those of Microsoft's SCIM Postman collection
 * (../shared/conformance/microsoft-scim-postman, AzureAD/SCIMReferenceCode), quoted here as request shapes.
 */
import { describe, expect, it } from 'vitest'
import { normalisePatch } from '../../../src/scim/patch/normalise-patch.js'
import { bjensen, group, groups, memberIds, patch, users } from './patch-fixtures.js'

describe('Okta', () => {
  it('deactivates with a path-less replace {"active":false}', () => {
    expect(patch(bjensen(), users, { op: 'replace', value: { active: false } }).active).toBe(false)
  })

  it('renames a group with a path-less replace that repeats the readOnly id (ignored)', () => {
    const before = group('a')
    const after = patch(before, groups, {
      op: 'replace',
      value: { id: before.id, displayName: 'Test SCIMv2' },
    })
    expect(after).toEqual({ ...before, displayName: 'Test SCIMv2' })
  })

  it('adds a member with {value, display}', () => {
    const after = patch(group('a'), groups, {
      op: 'add',
      path: 'members',
      value: [{ value: 'id', display: 'x' }],
    })
    expect(after.members).toEqual([
      { value: 'a', type: 'User' },
      { value: 'id', display: 'x' },
    ])
  })

  it('removes a member with members[value eq "id"]', () => {
    expect(
      memberIds(patch(group('a', 'id'), groups, { op: 'remove', path: 'members[value eq "id"]' })),
    ).toEqual(['a'])
  })
})

describe('Microsoft Postman collection', () => {
  it('"patch user1": replace userName', () => {
    expect(patch(bjensen(), users, { op: 'replace', path: 'userName', value: 'ryan3' }).userName).toBe(
      'ryan3',
    )
  })

  it('"Patch add user4 to group1": add member with an unknown "displayName" and an extra "name" member', () => {
    const ops = normalisePatch(
      {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [
          {
            name: 'addMember',
            op: 'add',
            path: 'members',
            value: [{ displayName: 'new User', value: 'id4' }],
          },
        ],
      },
      groups,
    )
    expect(ops).toEqual([{ op: 'add', path: { attr: { attribute: 'members' } }, value: [{ value: 'id4' }] }])
  })

  it('"Patch remove user4 to group1" and "Patch remove all users"', () => {
    const one = patch(group('id3', 'id4'), groups, { op: 'remove', path: 'members[value eq "id4"]' })
    expect(memberIds(one)).toEqual(['id3'])
    expect(patch(group('id3', 'id4'), groups, { op: 'remove', path: 'members' })).not.toHaveProperty(
      'members',
    )
  })

  it('"Patch user omalley new username" (Replace) and "active with boolean" (Replace false)', () => {
    const after = patch(
      bjensen(),
      users,
      { op: 'Replace', path: 'userName', value: 'newusername' },
      { op: 'Replace', path: 'active', value: false },
    )
    expect(after).toMatchObject({ userName: 'newusername', active: false })
  })

  it('"Group patch add member": a member given as a bare string becomes { value }, body with an extra "id"', () => {
    const ops = normalisePatch(
      {
        id: 'g1',
        Operations: [{ op: 'add', path: 'members', value: 'string id 1' }],
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      },
      groups,
    )
    expect(ops[0].value).toEqual([{ value: 'string id 1' }])
  })
})
