/**
 * PATCH benchmarks: a typical Entra user PATCH (default dialect: capitalised ops, `emails[type eq "work"].value`,
 * `name.familyName`, `active` as the string "False", an enterprise attribute) normalised and applied; one group
 * member added; one group member removed by a filter naming a new id each time (so no parsed-path cache helps).
 */
import { applyPatch } from '../src/scim/patch/apply-patch.js'
import { normalisePatch } from '../src/scim/patch/normalise-patch.js'
import { createDefaultRegistry } from '../src/scim/schema/schema-registry.js'
import type { BenchResult } from './types.js'

const registry = createDefaultRegistry()
const users = registry.resourceSchema('User')
const groups = registry.resourceSchema('Group')

const user = {
  schemas: [
    'urn:ietf:params:scim:schemas:core:2.0:User',
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  ],
  id: '2819c223-7f76-453a-919d-413861904646',
  externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
  userName: 'Test_User_00aa00aa@testuser.com',
  active: true,
  name: { formatted: 'Given Family', familyName: 'Family', givenName: 'Given' },
  emails: [
    { primary: true, type: 'work', value: 'Test_User_00aa00aa@testuser.com' },
    { primary: false, type: 'home', value: 'home@example.com' },
  ],
  phoneNumbers: [{ type: 'mobile', value: '+1 555 0100' }],
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': {
    employeeNumber: '701984',
    department: 'Tour',
  },
  meta: { resourceType: 'User', created: '2026-01-01T00:00:00Z', lastModified: '2026-01-01T00:00:00Z' },
}

const entraPatch = {
  schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
  Operations: [
    { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' },
    { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
    { op: 'Replace', path: 'active', value: 'False' },
    {
      op: 'Replace',
      path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber',
      value: '42',
    },
  ],
}

const group = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
  id: 'e9e30dba-f08f-4109-8486-d5c6a331660a',
  displayName: 'Tour Guides',
  members: Array.from({ length: 100 }, (_, i) => ({ value: `member-${i}`, type: 'User' })),
}

const addMember = {
  schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
  Operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: 'f648f8d5ea4e4cd38e9c' }] }],
}

/** Microseconds per call of `fn`, the best of several rounds after a warm-up. */
function microsecondsPerCall(fn: () => unknown, iterations: number): number {
  for (let i = 0; i < iterations; i++) fn()
  let best = Number.POSITIVE_INFINITY
  for (let round = 0; round < 5; round++) {
    const start = process.hrtime.bigint()
    for (let i = 0; i < iterations; i++) fn()
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1000 / iterations)
  }
  return best
}

/** Measures the PATCH figures: µs per request, normalisePatch + applyPatch. */
export async function run(): Promise<BenchResult[]> {
  const entra = microsecondsPerCall(() => applyPatch(user, normalisePatch(entraPatch, users), users), 20_000)
  const add = microsecondsPerCall(() => applyPatch(group, normalisePatch(addMember, groups), groups), 20_000)
  let n = 0
  const removeMember = () => {
    const body = { Operations: [{ op: 'remove', path: `members[value eq "member-${n++ % 100_000}"]` }] }
    return applyPatch(group, normalisePatch(body, groups), groups)
  }
  const remove = microsecondsPerCall(removeMember, 20_000)
  return [
    {
      name: 'Entra user PATCH (4 ops) normalised + applied',
      value: entra,
      unit: 'µs/op',
      target: '< 20',
      pass: entra < 20,
    },
    { name: 'group member add (group of 100) normalised + applied', value: add, unit: 'µs/op' },
    { name: 'group member remove, a new id each time (group of 100)', value: remove, unit: 'µs/op' },
  ]
}
