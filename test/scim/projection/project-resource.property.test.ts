import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compileProjection, projectResource } from '../../../src/scim/projection/project-resource.js'
import { createDefaultRegistry } from '../../../src/scim/schema/schema-registry.js'
import { ENTERPRISE_USER_SCHEMA_URN } from '../../../src/scim/schema/urns.js'
import { jsonWithKeys } from '../../support/json-arbitraries.js'
import { rfcFullUser } from '../schema/rfc7643-examples.js'

const users = createDefaultRegistry().resourceSchema('User')
const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 500)

const name = fc.oneof(
  fc.constantFrom(
    'id',
    'ID',
    'schemas',
    'userName',
    'password',
    'name',
    'name.givenName',
    'NAME.FAMILYNAME',
    'emails',
    'emails.value',
    'emails.primary',
    'meta',
    'meta.created',
    'groups',
    ENTERPRISE_USER_SCHEMA_URN,
    `${ENTERPRISE_USER_SCHEMA_URN}:manager.value`,
    `${ENTERPRISE_USER_SCHEMA_URN}:department`,
    'urn:ietf:params:scim:schemas:core:2.0:User:displayName',
  ),
  fc.string({ maxLength: 8 }),
)

/** Every leaf path of a JSON value, as "a.b" strings, array indexes left out. */
function leaves(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => leaves(item, prefix))
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k))
}

describe('projectResource properties', () => {
  it('always keeps id and schemas, never the password, and only ever removes', () => {
    const user = rfcFullUser()
    const all = new Set(leaves(user))
    fc.assert(
      fc.property(
        fc.option(fc.array(name, { maxLength: 4 }), { nil: undefined }),
        fc.option(fc.array(name, { maxLength: 4 }), { nil: undefined }),
        (attributes, excludedAttributes) => {
          const out = projectResource(user, users, { attributes, excludedAttributes })
          expect(out.id).toBe(user.id)
          expect(out.schemas).toEqual(user.schemas)
          expect(out).not.toHaveProperty('password')
          for (const leaf of leaves(out)) expect(all.has(leaf)).toBe(true)
        },
      ),
      { numRuns: FUZZ_RUNS },
    )
  })

  it('says a resource may change whenever apply would change it (mayChange false: apply keeps its content)', () => {
    // Member names the schemas know, in other letter cases too, and unknown ones; values of every JSON kind.
    const key = fc.oneof(
      fc.constantFrom('schemas', 'userName', 'password', 'PassWord', 'name', 'givenName', 'emails', 'value'),
      fc.constantFrom(
        'type',
        'primary',
        'groups',
        'x509Certificates',
        'employeeNumber',
        'manager',
        'displayName',
      ),
      fc.constantFrom(ENTERPRISE_USER_SCHEMA_URN, ENTERPRISE_USER_SCHEMA_URN.toUpperCase()),
      fc.string({ maxLength: 6 }),
    )
    const value = jsonWithKeys(key)
    const resource = fc.dictionary(key, value, { maxKeys: 6 })
    fc.assert(
      fc.property(
        resource,
        fc.option(fc.array(name, { maxLength: 3 }), { nil: undefined }),
        (r, excluded) => {
          const projection = compileProjection(users, { excludedAttributes: excluded })
          const text = JSON.stringify(r)
          if (!projection.mayChange(text))
            expect(projection.apply(JSON.parse(text))).toEqual(JSON.parse(text))
        },
      ),
      { numRuns: FUZZ_RUNS },
    )
  })

  it('says any resource may change under an attributes list that names an attribute', () => {
    const known = fc.constantFrom('userName', 'name.givenName', 'emails', 'meta', ENTERPRISE_USER_SCHEMA_URN)
    fc.assert(
      fc.property(fc.array(known, { minLength: 1, maxLength: 3 }), (attributes) => {
        expect(compileProjection(users, { attributes }).mayChange('{"schemas":[]}')).toBe(true)
      }),
      { numRuns: 50 },
    )
  })
})
