import { expect } from 'vitest'
import { applyPatch } from '../../../src/scim/patch/apply-patch.js'
import { normalisePatch } from '../../../src/scim/patch/normalise-patch.js'
import type { ResourceSchema } from '../../../src/scim/schema/resource-schema.js'
import { createDefaultRegistry } from '../../../src/scim/schema/schema-registry.js'
import type { ScimResource } from '../../../src/scim/schema/types.js'
import { ENTERPRISE_USER_SCHEMA_URN, PATCH_OP_URN, USER_SCHEMA_URN } from '../../../src/scim/schema/urns.js'
import { isScimError, type ScimError } from '../../../src/scim/scim-error.js'

export const registry = createDefaultRegistry()
export const users = registry.resourceSchema('User')
export const groups = registry.resourceSchema('Group')
export const ENTERPRISE = ENTERPRISE_USER_SCHEMA_URN

/** A User much like RFC 7643 §8.2's full representation, with the Enterprise extension. */
export function bjensen(): ScimResource {
  return {
    schemas: [USER_SCHEMA_URN, ENTERPRISE],
    id: '2819c223-7f76-453a-919d-413861904646',
    externalId: '701984',
    userName: 'bjensen@example.com',
    name: { formatted: 'Ms. Barbara J Jensen, III', familyName: 'Jensen', givenName: 'Barbara' },
    displayName: 'Babs Jensen',
    nickName: 'Babs',
    active: true,
    emails: [
      { value: 'bjensen@example.com', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'home' },
    ],
    addresses: [
      {
        type: 'work',
        streetAddress: '100 Universal City Plaza',
        locality: 'Hollywood',
        region: 'CA',
        postalCode: '91608',
        country: 'USA',
        primary: true,
      },
      {
        type: 'home',
        streetAddress: '456 Hollywood Blvd',
        locality: 'Hollywood',
        region: 'CA',
        country: 'USA',
      },
    ],
    phoneNumbers: [
      { value: '555-555-5555', type: 'work' },
      { value: '555-555-4444', type: 'mobile' },
    ],
    groups: [{ value: 'e9e30dba-f08f-4109-8486-d5c6a331660a', display: 'Tour Guides' }],
    [ENTERPRISE]: {
      employeeNumber: '701984',
      department: 'Tour Operations',
      manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d', displayName: 'John Smith' },
    },
    meta: {
      resourceType: 'User',
      created: '2010-01-23T04:56:22Z',
      lastModified: '2011-05-13T04:42:34Z',
      version: 'W/"3694e05e9dff591"',
    },
  }
}

/** A Group with these member ids (RFC 7643 §8.4 shape). */
export function group(...memberIds: string[]): ScimResource {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
    id: 'e9e30dba-f08f-4109-8486-d5c6a331660a',
    displayName: 'Tour Guides',
    members: memberIds.map((value) => ({ value, type: 'User' })),
  }
}

/** A PatchOp message with these operations. */
export function patchBody(...operations: unknown[]): unknown {
  return { schemas: [PATCH_OP_URN], Operations: operations }
}

/** normalisePatch then applyPatch, as a service provider does with a request body. */
export function patch(
  resource: ScimResource,
  schema: ResourceSchema,
  ...operations: unknown[]
): ScimResource {
  return applyPatch(resource, normalisePatch(patchBody(...operations), schema), schema)
}

/** Member ids of a group resource, sorted. */
export function memberIds(resource: ScimResource): string[] {
  const members = (resource.members ?? []) as { value: string }[]
  return members.map((m) => m.value).sort()
}

/** Runs `fn`, expects a ScimError with this status and scimType, and returns it (for message checks). */
export function expectScimError(fn: () => unknown, status: number, scimType: string): ScimError {
  let caught: unknown
  try {
    fn()
  } catch (error) {
    caught = error
  }
  expect(isScimError(caught), `expected a ScimError, got ${String(caught)}`).toBe(true)
  const error = caught as ScimError
  expect({ status: error.status, scimType: error.scimType }).toEqual({ status, scimType })
  return error
}
