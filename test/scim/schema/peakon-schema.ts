import { attribute } from '../../../src/scim/schema/attribute-builder.js'
import { createDefaultRegistry, type SchemaRegistry } from '../../../src/scim/schema/schema-registry.js'
import type { SchemaDefinition } from '../../../src/scim/schema/types.js'

/** The Peakon custom extension URN (peakon-scim.md §2d). */
export const PEAKON_URN = 'urn:ietf:params:scim:schemas:extension:peakon:2.0:User'

/** A Peakon-like tenant extension: segment names with spaces, as Peakon makes them from underscore names. */
export const PEAKON_SCHEMA: SchemaDefinition = {
  id: PEAKON_URN,
  name: 'PeakonUser',
  description: 'Peakon custom attributes',
  attributes: [
    attribute('Business Unit', 'Segment: business unit'),
    attribute('Department', 'Segment: department'),
    attribute('Date of Birth', 'Segment: date of birth', { type: 'dateTime' }),
  ],
}

/** The default registry with the Peakon extension added to User (not required). */
export function peakonRegistry(): SchemaRegistry {
  const registry = createDefaultRegistry()
  registry.registerSchema(PEAKON_SCHEMA)
  registry.addSchemaExtension('User', PEAKON_URN, false)
  return registry
}
