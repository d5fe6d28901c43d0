/**
 * fast-check properties of PATCH: all or nothing, nothing but ScimError escapes, add then remove restores, replace is
 * idempotent. FUZZ_RUNS raises the number of runs (npm run test:fuzz).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyPatch } from '../../../src/scim/patch/apply-patch.js'
import { normalisePatch } from '../../../src/scim/patch/normalise-patch.js'
import type { ScimResource } from '../../../src/scim/schema/types.js'
import { USER_SCHEMA_URN } from '../../../src/scim/schema/urns.js'
import { isScimError } from '../../../src/scim/scim-error.js'
import { ENTERPRISE, patchBody, users } from './patch-fixtures.js'

const numRuns = Number(process.env.FUZZ_RUNS ?? 1000)
/** Fuzz runs take long; the default test timeout holds for the default number of runs. */
const timeout = 30_000 + numRuns * 10

const word = fc.string({ unit: fc.constantFrom(...'abcXYZ019 @.-_'), minLength: 1, maxLength: 12 })
const emailType = fc.constantFrom('work', 'home', 'other')

const email = fc.record(
  { value: word, type: emailType, primary: fc.boolean(), display: word },
  { requiredKeys: ['value'] },
)

/** A consistent User: at most one primary email, the extension URN in `schemas` exactly when its object is there. */
const userResource: fc.Arbitrary<ScimResource> = fc
  .record(
    {
      userName: word,
      nickName: word,
      displayName: word,
      active: fc.boolean(),
      name: fc.record({ givenName: word, familyName: word, formatted: word }, { requiredKeys: [] }),
      emails: fc.array(email, { minLength: 1, maxLength: 4 }),
      enterprise: fc.record({ employeeNumber: word, department: word }, { requiredKeys: ['department'] }),
    },
    { requiredKeys: ['userName'] },
  )
  .map(({ enterprise, emails, ...core }) => {
    const resource: ScimResource = { schemas: [USER_SCHEMA_URN], id: 'fixed-id', ...core }
    if (emails) {
      let seenPrimary = false
      resource.emails = emails.map((e) => {
        const primary = e.primary === true && !seenPrimary
        seenPrimary ||= primary
        return { ...e, primary }
      })
    }
    if (enterprise) {
      resource.schemas = [USER_SCHEMA_URN, ENTERPRISE]
      resource[ENTERPRISE] = enterprise
    }
    return resource
  })

/** Client operations that are valid on any generated user (though some may still fail, e.g. two primaries). */
const validReplace = fc.oneof(
  word.map((value) => ({ op: 'Replace', path: 'nickName', value })),
  word.map((value) => ({ op: 'replace', path: 'name.givenName', value })),
  fc
    .tuple(emailType, word)
    .map(([t, value]) => ({ op: 'Replace', path: `emails[type eq "${t}"].value`, value })),
  emailType.map((t) => ({ op: 'replace', path: `emails[type eq "${t}"].primary`, value: true })),
  fc.boolean().map((b) => ({ op: 'Replace', path: 'active', value: b ? 'True' : 'False' })),
  word.map((value) => ({ op: 'replace', path: `${ENTERPRISE}:employeeNumber`, value })),
  fc.tuple(word, word).map(([a, b]) => ({ op: 'replace', value: { displayName: a, 'name.familyName': b } })),
  fc.array(email, { maxLength: 2 }).map((value) => ({
    op: 'replace',
    path: 'emails',
    value: value.map((e) => ({ ...e, primary: false })),
  })),
)

const validOperation = fc.oneof(
  validReplace,
  word.map((value) => ({ op: 'add', path: 'title', value })),
  fc.constant({ op: 'remove', path: 'title' }),
  fc.tuple(word, emailType).map(([value, type]) => ({ op: 'Add', path: 'emails', value: [{ value, type }] })),
  emailType.map((t) => ({ op: 'remove', path: `emails[type eq "${t}"]` })),
  fc.constant({ op: 'remove', path: `${ENTERPRISE}:department` }),
)

/** Operations that fail whatever comes before them. */
const invalidOperation = fc.constantFrom(
  { op: 'remove', path: 'userName' },
  { op: 'replace', path: 'id', value: 'other' },
  { op: 'replace', path: 'meta.lastModified', value: '2020-01-01T00:00:00Z' },
  { op: 'replace', path: 'active', value: 'maybe' },
  { op: 'replace', path: 'favouriteColour', value: 'blue' },
  { op: 'remove' },
  { op: 'replace', path: 'addresses[type eq "nowhere"]', value: { locality: 'x' } },
  {
    op: 'add',
    path: 'emails',
    value: [
      { value: 'a', primary: true },
      { value: 'b', primary: true },
    ],
  },
  { op: 'frobnicate', path: 'title', value: 'x' },
)

/** Freezes a value all the way down, so that a write to the input throws (and is caught as a non-ScimError). */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const item of Object.values(value)) deepFreeze(item)
    Object.freeze(value)
  }
  return value
}

function run(resource: ScimResource, operations: unknown[]): ScimResource {
  return applyPatch(resource, normalisePatch(patchBody(...operations), users), users)
}

describe('PATCH properties', () => {
  it(
    'is atomic: with one invalid operation among valid ones it throws ScimError and the input is unchanged',
    () => {
      fc.assert(
        fc.property(
          userResource,
          fc.array(validOperation, { maxLength: 6 }),
          invalidOperation,
          fc.nat(),
          (resource, valid, invalid, at) => {
            const snapshot = structuredClone(resource)
            const operations: unknown[] = [...valid]
            operations.splice(at % (valid.length + 1), 0, invalid)
            let thrown: unknown
            try {
              run(deepFreeze(resource), operations)
            } catch (error) {
              thrown = error
            }
            expect(isScimError(thrown)).toBe(true)
            expect(resource).toEqual(snapshot)
          },
        ),
        { numRuns },
      )
    },
    timeout,
  )

  it(
    'throws nothing but ScimError on arbitrary bodies, and never touches the input',
    () => {
      const anyPath = fc.oneof(
        fc.constantFrom(
          'members',
          'emails[type eq "work"].value',
          'name',
          'name.givenName',
          'emails',
          'manager',
          'x[y',
        ),
        fc.string({ maxLength: 30 }),
      )
      const anyOperation = fc.record(
        {
          op: fc.oneof(fc.constantFrom('add', 'Remove', 'REPLACE'), fc.anything()),
          path: anyPath,
          value: fc.anything(),
        },
        { requiredKeys: [] },
      )
      fc.assert(
        fc.property(
          userResource,
          fc.array(fc.oneof(anyOperation, validOperation), { maxLength: 5 }),
          (resource, ops) => {
            const snapshot = structuredClone(resource)
            try {
              run(deepFreeze(resource), ops)
            } catch (error) {
              if (!isScimError(error)) throw error
            }
            expect(resource).toEqual(snapshot)
          },
        ),
        { numRuns },
      )
    },
    timeout,
  )

  it(
    'add of a value then remove of it gives the resource back',
    () => {
      const added = fc.oneof(
        word.map((value) => ({ path: 'title', value, removePath: 'title' })),
        word.map((value) => ({ path: 'profileUrl', value, removePath: 'profileUrl' })),
        word.map((value) => ({
          path: `${ENTERPRISE}:costCenter`,
          value,
          removePath: `${ENTERPRISE}:costCenter`,
        })),
        fc.tuple(word, emailType).map(([v, type]) => ({
          path: 'emails',
          value: [{ value: `new-${v}`, type }],
          removePath: `emails[value eq ${JSON.stringify(`new-${v}`)}]`,
        })),
      )
      fc.assert(
        fc.property(userResource, added, (resource, { path, value, removePath }) => {
          const withValue = run(resource, [{ op: 'add', path, value }])
          expect(withValue).not.toEqual(resource)
          expect(run(withValue, [{ op: 'remove', path: removePath }])).toEqual(resource)
        }),
        { numRuns },
      )
    },
    timeout,
  )

  it(
    'replace is idempotent: applying the same replace twice equals applying it once',
    () => {
      fc.assert(
        fc.property(userResource, validReplace, (resource, operation) => {
          let once: ScimResource
          try {
            once = run(resource, [operation])
          } catch (error) {
            if (isScimError(error)) return
            throw error
          }
          expect(run(once, [operation])).toEqual(once)
        }),
        { numRuns },
      )
    },
    timeout,
  )
})
