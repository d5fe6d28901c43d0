import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { projectResource } from '../../../src/scim/projection/project-resource.js'
import { createDefaultRegistry } from '../../../src/scim/schema/schema-registry.js'
import { ENTERPRISE_USER_SCHEMA_URN } from '../../../src/scim/schema/urns.js'
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
})
