/** PATCH on a tenant's custom extension whose attribute names contain spaces (peakon-scim.md §2d). */
import { describe, expect, it } from 'vitest'
import { applyPatch } from '../../../src/scim/patch/apply-patch.js'
import { normalisePatch } from '../../../src/scim/patch/normalise-patch.js'
import { attribute } from '../../../src/scim/schema/attribute-builder.js'
import { createDefaultRegistry } from '../../../src/scim/schema/schema-registry.js'
import { USER_SCHEMA_URN } from '../../../src/scim/schema/urns.js'
import { expectScimError, patchBody } from './patch-fixtures.js'

const PEAKON = 'urn:ietf:params:scim:schemas:extension:peakon:2.0:User'
const registry = createDefaultRegistry()
registry.registerSchema({
  id: PEAKON,
  name: 'PeakonUser',
  description: 'Peakon custom attributes',
  attributes: [
    attribute('Business Unit', 'Option'),
    attribute('Date of Birth', 'Date', { type: 'dateTime' }),
    attribute('Salary', 'Number', { type: 'integer' }),
  ],
})
registry.addSchemaExtension('User', PEAKON, false)
const users = registry.resourceSchema('User')
const jane = { schemas: [USER_SCHEMA_URN], id: '1', userName: 'jane@example.com' }

function patch(...operations: unknown[]) {
  return applyPatch(jane, normalisePatch(patchBody(...operations), users), users)
}

describe('custom extension attributes with spaces in their names', () => {
  it('are set by a URN-qualified path', () => {
    const after = patch({ op: 'Replace', path: `${PEAKON}:Business Unit`, value: 'Engineering' })
    expect(after[PEAKON]).toEqual({ 'Business Unit': 'Engineering' })
    expect(after.schemas).toEqual([USER_SCHEMA_URN, PEAKON])
  })

  it('are set by path-less keys, URN-qualified or under the URN object, in any case', () => {
    const after = patch({
      op: 'replace',
      value: {
        [`${PEAKON}:business unit`]: 'Sales',
        [PEAKON]: { 'date of birth': '1990-04-01T00:00:00Z', salary: 5 },
      },
    })
    expect(after[PEAKON]).toEqual({
      'Business Unit': 'Sales',
      'Date of Birth': '1990-04-01T00:00:00Z',
      Salary: 5,
    })
  })

  it('are type-checked', () => {
    expectScimError(() => patch({ op: 'add', path: `${PEAKON}:Salary`, value: 'a lot' }), 400, 'invalidValue')
    expectScimError(
      () => patch({ op: 'add', path: `${PEAKON}:Date of Birth`, value: '1 April' }),
      400,
      'invalidValue',
    )
  })

  it('an unknown name with spaces is still invalidPath', () => {
    expectScimError(() => patch({ op: 'add', path: `${PEAKON}:Shoe Size`, value: '42' }), 400, 'invalidPath')
  })
})
