/** Bad PATCH requests: the right status and scimType, a message naming the operation, and the resource unchanged. */
import { describe, expect, it } from 'vitest'
import { applyPatch } from '../../../src/scim/patch/apply-patch.js'
import { normalisePatch } from '../../../src/scim/patch/normalise-patch.js'
import type { ResourceSchema } from '../../../src/scim/schema/resource-schema.js'
import type { ScimResource } from '../../../src/scim/schema/types.js'
import { bjensen, expectScimError, group, groups, patch, patchBody, users } from './patch-fixtures.js'

/** Freezes a resource all the way down, so that any write to it throws. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const item of Object.values(value)) deepFreeze(item)
    Object.freeze(value)
  }
  return value
}

/** Patches a frozen copy with `operations`, expects the error, checks the resource kept its value, returns the error. */
function expectRejected(
  resource: ScimResource,
  schema: ResourceSchema,
  status: number,
  scimType: string,
  ...operations: unknown[]
): ReturnType<typeof expectScimError> {
  const snapshot = structuredClone(resource)
  const frozen = deepFreeze(resource)
  const error = expectScimError(() => patch(frozen, schema, ...operations), status, scimType)
  expect(frozen).toEqual(snapshot)
  return error
}

describe('the PatchOp message', () => {
  it.each([
    ['not an object', []],
    ['null', null],
    ['no Operations', { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'] }],
    ['empty Operations', patchBody()],
    ['Operations not an array', { Operations: { op: 'add' } }],
    [
      'schemas without the PatchOp URN',
      { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], Operations: [] },
    ],
    ['an operation that is not an object', patchBody('replace')],
  ])('%s is 400 invalidSyntax', (_, body) => {
    expectScimError(() => normalisePatch(body, users), 400, 'invalidSyntax')
  })

  it('accepts a body without "schemas", and "operations" in another case', () => {
    const ops = normalisePatch({ operations: [{ op: 'replace', path: 'nickName', value: 'B' }] }, users)
    expect(ops).toHaveLength(1)
  })

  it('an unknown op is 400 invalidSyntax naming the operation index', () => {
    const error = expectScimError(
      () =>
        normalisePatch(
          patchBody({ op: 'add', path: 'nickName', value: 'x' }, { op: 'delete', path: 'title' }),
          users,
        ),
      400,
      'invalidSyntax',
    )
    expect(error.message).toMatch(
      /^Operations\[1\]: "op" must be "add", "remove" or "replace"; got string "delete"/,
    )
  })

  it('a missing op is 400 invalidSyntax', () => {
    expectScimError(
      () => normalisePatch(patchBody({ path: 'title', value: 'x' }), users),
      400,
      'invalidSyntax',
    )
  })
})

describe('invalidPath', () => {
  it.each([
    ['an unparsable path', 'emails[type eq "work"'],
    ['an unknown attribute', 'favouriteColour'],
    ['an unknown sub-attribute', 'name.nickname'],
    ['an unknown extension attribute', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:shoeSize'],
    ['a value filter on a simple attribute', 'userName[value eq "x"]'],
    ['a sub-attribute of a simple attribute', 'userName.value'],
    ['a filter that does not fit the types', 'emails[primary gt true].value'],
  ])('%s', (_, path) => {
    const error = expectRejected(bjensen(), users, 400, 'invalidPath', { op: 'replace', path, value: 'x' })
    expect(error.message).toMatch(/^Operations\[0\]: /)
  })

  it('a path that is not a string', () => {
    expectRejected(bjensen(), users, 400, 'invalidPath', { op: 'remove', path: 42 })
  })

  it('says which attribute is unknown', () => {
    const error = expectRejected(bjensen(), users, 400, 'invalidPath', {
      op: 'remove',
      path: 'favouriteColour',
    })
    expect(error.message).toContain('unknown attribute "favouriteColour"')
  })
})

describe('noTarget', () => {
  it('remove without a path', () => {
    const error = expectRejected(bjensen(), users, 400, 'noTarget', { op: 'remove' })
    expect(error.message).toContain('"remove" needs a "path"')
  })

  it('replace with a filter that matches nothing, without a sub-attribute', () => {
    const error = expectRejected(bjensen(), users, 400, 'noTarget', {
      op: 'replace',
      path: 'addresses[type eq "other"]',
      value: { type: 'other', locality: 'X' },
    })
    expect(error.message).toContain('addresses[type eq "other"]')
  })

  it('replace of a sub-attribute with a filter that cannot describe a new value (ne, or)', () => {
    expectRejected(bjensen(), users, 400, 'noTarget', {
      op: 'replace',
      path: 'emails[type eq "x" or type eq "y"].value',
      value: 'v',
    })
    expectRejected(bjensen(), users, 400, 'noTarget', {
      op: 'replace',
      path: 'emails[value ew "none"].display',
      value: 'v',
    })
  })
})

describe('mutability', () => {
  it.each([
    ['id', { op: 'replace', path: 'id', value: 'x' }],
    ['meta.created', { op: 'replace', path: 'meta.created', value: '2020-01-01T00:00:00Z' }],
    ['meta', { op: 'remove', path: 'meta' }],
    ['groups', { op: 'add', path: 'groups', value: [{ value: 'g' }] }],
    ['manager.displayName', { op: 'replace', path: 'manager.displayName', value: 'x' }],
  ])('%s is readOnly', (_, operation) => {
    const error = expectRejected(bjensen(), users, 400, 'mutability', operation)
    expect(error.message).toContain('readOnly')
  })

  it('removing the required userName', () => {
    const error = expectRejected(bjensen(), users, 400, 'mutability', { op: 'remove', path: 'userName' })
    expect(error.message).toBe('Operations[0]: "userName" is required and cannot be removed')
  })

  it('replacing the required userName with null', () => {
    expectRejected(bjensen(), users, 400, 'mutability', { op: 'replace', path: 'userName', value: null })
  })

  it('removing the required displayName of a group', () => {
    expectRejected(group('a'), groups, 400, 'mutability', { op: 'remove', path: 'displayName' })
  })

  it('changing an immutable sub-attribute (a member value)', () => {
    expectRejected(group('a'), groups, 400, 'mutability', {
      op: 'replace',
      path: 'members[value eq "a"].value',
      value: 'b',
    })
    expectRejected(group('a'), groups, 400, 'mutability', {
      op: 'replace',
      path: 'members[value eq "a"]',
      value: { value: 'b' },
    })
  })

  it('an immutable sub-attribute may be set while it has no value', () => {
    const before = { ...group(), members: [{ value: 'a' }] }
    const after = patch(before, groups, { op: 'add', path: 'members[value eq "a"].display', value: 'Alice' })
    expect(after.members).toEqual([{ value: 'a', display: 'Alice' }])
    expectRejected(after, groups, 400, 'mutability', {
      op: 'add',
      path: 'members[value eq "a"].display',
      value: 'Bob',
    })
  })
})

describe('invalidValue', () => {
  it('a string that is not a boolean', () => {
    const error = expectRejected(bjensen(), users, 400, 'invalidValue', {
      op: 'replace',
      path: 'active',
      value: 'yes',
    })
    expect(error.message).toMatch(/^Operations\[0\]: .*"active"/)
  })

  it('a number for a string sub-attribute, naming the sub-attribute', () => {
    const error = expectRejected(bjensen(), users, 400, 'invalidValue', {
      op: 'replace',
      path: 'name.givenName',
      value: 5,
    })
    expect(error.message).toContain('"name.givenName"')
  })

  it('a wrong type inside a value object, naming the sub-attribute and the operation', () => {
    const error = expectRejected(
      bjensen(),
      users,
      400,
      'invalidValue',
      { op: 'replace', path: 'nickName', value: 'ok' },
      { op: 'add', path: 'emails', value: [{ value: 'x@y.z', primary: 'maybe' }] },
    )
    expect(error.message).toMatch(/^Operations\[1\]: .*"emails\.primary"/)
  })

  it('a scalar for a complex attribute without a value sub-attribute', () => {
    expectRejected(bjensen(), users, 400, 'invalidValue', {
      op: 'replace',
      path: 'name',
      value: 'Barbara Jensen',
    })
  })

  it('add and replace without a value', () => {
    expectRejected(bjensen(), users, 400, 'invalidValue', { op: 'add', path: 'title' })
    expectRejected(bjensen(), users, 400, 'invalidValue', { op: 'replace', path: 'title' })
  })

  it('a path-less add whose value is not an object', () => {
    expectRejected(bjensen(), users, 400, 'invalidValue', { op: 'add', value: 'Babs' })
  })

  it('two primary values in one operation', () => {
    expectRejected(bjensen(), users, 400, 'invalidValue', {
      op: 'replace',
      path: 'emails',
      value: [
        { value: 'a@x', primary: true },
        { value: 'b@x', primary: true },
      ],
    })
  })

  it('removing by a value list whose entries have no "value"', () => {
    expectRejected(group('a'), groups, 400, 'invalidValue', {
      op: 'Remove',
      path: 'members',
      value: [{ display: 'a' }],
    })
  })

  it('a number for the boolean sub-attribute of the selected values', () => {
    expectRejected(bjensen(), users, 400, 'invalidValue', {
      op: 'replace',
      path: 'emails[type eq "work"].primary',
      value: 3,
    })
  })
})

describe('applyPatch on its own (RFC form only for op)', () => {
  it('refuses an op that normalisePatch would have lower-cased', () => {
    const op = { op: 'Add', path: { attr: { attribute: 'title' } }, value: 'x' }
    // biome-ignore lint/suspicious/noExplicitAny: an operation from a caller that skipped normalisePatch
    expectScimError(() => applyPatch(bjensen(), [op as any], users), 400, 'invalidSyntax')
  })

  it('refuses a path-less remove', () => {
    expectScimError(() => applyPatch(bjensen(), [{ op: 'remove' }], users), 400, 'noTarget')
  })

  it('is all or nothing: a failing third operation leaves the resource as it was', () => {
    expectRejected(
      bjensen(),
      users,
      400,
      'mutability',
      { op: 'replace', path: 'nickName', value: 'B' },
      { op: 'add', path: 'emails', value: [{ value: 'n@x', primary: true }] },
      { op: 'remove', path: 'userName' },
    )
  })
})
