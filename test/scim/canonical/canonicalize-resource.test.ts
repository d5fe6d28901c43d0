import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonicalizeResource } from '../../../src/scim/canonical/canonicalize-resource.js'
import { createDefaultRegistry } from '../../../src/scim/schema/schema-registry.js'
import { ENTERPRISE_USER_SCHEMA_URN, USER_SCHEMA_URN } from '../../../src/scim/schema/urns.js'
import { PEAKON_URN, peakonRegistry } from '../schema/peakon-schema.js'
import { rfcFullUser } from '../schema/rfc7643-examples.js'

const users = createDefaultRegistry().resourceSchema('User')
const peakonUsers = peakonRegistry().resourceSchema('User')
const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 1000)

describe('canonicalizeResource', () => {
  it('keeps the RFC 7643 §8.2/§8.3 User unchanged: it is already canonical', () => {
    expect(canonicalizeResource(rfcFullUser(), users)).toEqual(rfcFullUser())
  })

  it('spells attribute and sub-attribute names as the schema does, whatever case the client used', () => {
    const out = canonicalizeResource(
      {
        USERNAME: 'bjensen',
        Name: { GIVENNAME: 'Barbara' },
        EMAILS: [{ VALUE: 'b@example.com', Primary: true }],
      },
      users,
    )
    expect(out).toEqual({
      schemas: [USER_SCHEMA_URN],
      userName: 'bjensen',
      name: { givenName: 'Barbara' },
      emails: [{ value: 'b@example.com', primary: true }],
    })
  })

  it('drops attributes and sub-attributes the schema does not define', () => {
    const out = canonicalizeResource(
      {
        userName: 'x',
        favouriteColour: 'blue',
        name: { givenName: 'a', nick: 'b' },
        'urn:example:Unknown': { a: 1 },
      },
      users,
    )
    expect(out).toEqual({ schemas: [USER_SCHEMA_URN], userName: 'x', name: { givenName: 'a' } })
  })

  it('moves URN-qualified top-level keys under their extension and lists the extension in schemas', () => {
    const out = canonicalizeResource(
      {
        schemas: [USER_SCHEMA_URN],
        userName: 'x',
        [`${ENTERPRISE_USER_SCHEMA_URN}:employeeNumber`]: '7',
        [`${ENTERPRISE_USER_SCHEMA_URN.toUpperCase()}:MANAGER.value`]: 'boss',
        [`${USER_SCHEMA_URN}:displayName`]: 'X',
      },
      users,
    )
    expect(out).toEqual({
      schemas: [USER_SCHEMA_URN, ENTERPRISE_USER_SCHEMA_URN],
      userName: 'x',
      [ENTERPRISE_USER_SCHEMA_URN]: { employeeNumber: '7', manager: { value: 'boss' } },
      displayName: 'X',
    })
  })

  it('merges an extension object with qualified keys and takes the canonical URN spelling', () => {
    const out = canonicalizeResource(
      {
        [ENTERPRISE_USER_SCHEMA_URN.toLowerCase()]: { Department: 'Tours', manager: { VALUE: 'm1' } },
        [`${ENTERPRISE_USER_SCHEMA_URN}:costCenter`]: '4130',
      },
      users,
    )
    expect(out[ENTERPRISE_USER_SCHEMA_URN]).toEqual({
      department: 'Tours',
      manager: { value: 'm1' },
      costCenter: '4130',
    })
    expect(out.schemas).toEqual([USER_SCHEMA_URN, ENTERPRISE_USER_SCHEMA_URN])
  })

  it('accepts dotted keys for sub-attributes of single-valued complex attributes (Entra path-less style)', () => {
    const out = canonicalizeResource(
      { 'name.givenName': 'B', 'name.familyName': 'J', 'emails.value': 'x' },
      users,
    )
    expect(out).toEqual({ schemas: [USER_SCHEMA_URN], name: { givenName: 'B', familyName: 'J' } })
  })

  it('places the custom Peakon attributes whose names contain spaces', () => {
    const out = canonicalizeResource(
      {
        schemas: [USER_SCHEMA_URN, PEAKON_URN],
        userName: 'x',
        [PEAKON_URN]: { 'business unit': 'Engineering', DEPARTMENT: 'IT' },
        [`${PEAKON_URN}:Date of Birth`]: '1990-01-01T00:00:00Z',
      },
      peakonUsers,
    )
    expect(out).toEqual({
      schemas: [USER_SCHEMA_URN, PEAKON_URN],
      userName: 'x',
      [PEAKON_URN]: {
        'Business Unit': 'Engineering',
        Department: 'IT',
        'Date of Birth': '1990-01-01T00:00:00Z',
      },
    })
  })

  it('keeps listed known extensions in schemas and drops unknown or misspelt URNs (Entra sends both)', () => {
    const out = canonicalizeResource(
      {
        schemas: [
          USER_SCHEMA_URN,
          'urn:ietf:params:scim:schemas:extension:enterprise:2.0User',
          ENTERPRISE_USER_SCHEMA_URN.toUpperCase(),
        ],
        userName: 'x',
      },
      users,
    )
    expect(out.schemas).toEqual([USER_SCHEMA_URN, ENTERPRISE_USER_SCHEMA_URN])
  })

  it('copies: changing the result does not change the input', () => {
    const input = rfcFullUser()
    const out = canonicalizeResource(input, users)
    ;(out.name as Record<string, unknown>).givenName = 'changed'
    expect((input.name as Record<string, unknown>).givenName).toBe('Barbara')
  })

  it('never lets a __proto__ key reach a prototype', () => {
    const input = JSON.parse(
      '{"userName":"x","name":{"__proto__":{"polluted":1}},"__proto__":{"polluted":1}}',
    )
    const out = canonicalizeResource(input, users)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.getPrototypeOf(out.name)).toBe(Object.prototype)
  })

  it('copes with values nested far deeper than any SCIM value, and with cycles', () => {
    let deep: unknown = 'bottom'
    for (let i = 0; i < 100_000; i++) deep = [deep]
    const cyclic: Record<string, unknown> = { givenName: 'B' }
    cyclic.self = cyclic
    const out = canonicalizeResource({ userName: 'x', title: deep, name: cyclic, displayName: cyclic }, users)
    expect(out.name).toEqual({ givenName: 'B' })
    expect(Array.isArray(out.title)).toBe(true)
  })

  it('never throws on arbitrary JSON and is idempotent', () => {
    const keys = fc.constantFrom(
      'userName',
      'USERNAME',
      'name',
      'name.givenName',
      'emails',
      'schemas',
      'active',
      'meta',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value',
      `${PEAKON_URN}:Business Unit`,
      PEAKON_URN,
      'givenName',
      'value',
      'type',
      'primary',
      '__proto__',
    )
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue({ maxDepth: 1 }),
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(fc.oneof(keys, fc.string()), tie('value'), { maxKeys: 5 }),
      ),
    })).value
    fc.assert(
      fc.property(
        fc.oneof(json, fc.dictionary(fc.oneof(keys, fc.string()), json, { maxKeys: 8 })),
        (input) => {
          const once = canonicalizeResource(input, peakonUsers)
          expect(canonicalizeResource(once, peakonUsers)).toEqual(once)
          expect((once.schemas as string[])[0]).toBe(USER_SCHEMA_URN)
        },
      ),
      { numRuns: FUZZ_RUNS },
    )
  })
})
