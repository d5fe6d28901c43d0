import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isScimError } from '../../../src/scim/scim-error.js'
import { validateResource } from '../../../src/scim/validation/validate-resource.js'
import { PEAKON_URN, peakonRegistry } from '../schema/peakon-schema.js'

const users = peakonRegistry().resourceSchema('User')
const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 1000)

const key = fc.constantFrom(
  'userName',
  'active',
  'name',
  'givenName',
  'emails',
  'value',
  'type',
  'primary',
  'phoneNumbers',
  'meta',
  'id',
  'x509Certificates',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  'manager',
  `${PEAKON_URN}:Date of Birth`,
  'Business Unit',
)
const leaf = fc.oneof(
  fc.constantFrom('True', 'false', 'work', 'MOBILE', '2008-01-23T04:56:22Z', 'TWFu', null, true, 1, 1.5),
  fc.string({ maxLength: 5 }),
)
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    leaf,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
})).value

describe('validateResource properties', () => {
  it('throws nothing but ScimError 400, and a valid result validates to itself', () => {
    fc.assert(
      fc.property(
        fc.dictionary(key, json, { maxKeys: 8 }),
        fc.string({ maxLength: 6 }),
        (input, userName) => {
          let out: Record<string, unknown>
          try {
            out = validateResource({ userName, ...input }, users, { mode: 'create' })
          } catch (error) {
            expect(isScimError(error) && error.status === 400).toBe(true)
            return
          }
          expect(validateResource(out, users, { mode: 'create' })).toEqual(out)
        },
      ),
      { numRuns: FUZZ_RUNS },
    )
  })
})
