import { attribute } from './attribute-builder.js'
import type { SchemaDefinition } from './types.js'
import { GROUP_SCHEMA_URN } from './urns.js'

const immutable = { mutability: 'immutable' } as const

/**
 * The core Group schema (RFC 7643 §4.2, §8.7.1). `displayName` is required as §4.2 says (the §8.7.1 listing says
 * otherwise, a known inconsistency); members carry `value`, `$ref`, `display` and `type`.
 */
export const GROUP_SCHEMA: SchemaDefinition = {
  id: GROUP_SCHEMA_URN,
  name: 'Group',
  description: 'Group',
  attributes: [
    attribute('displayName', 'A human-readable name for the Group.', { required: true }),
    attribute('members', 'A list of members of the Group.', {
      type: 'complex',
      multiValued: true,
      subAttributes: [
        attribute('value', 'Identifier of the member of this Group.', immutable),
        attribute('$ref', 'The URI corresponding to a SCIM resource that is a member of this Group.', {
          type: 'reference',
          referenceTypes: ['User', 'Group'],
          ...immutable,
        }),
        attribute('display', 'A human-readable name, primarily used for display purposes.', immutable),
        attribute('type', "A label indicating the type of resource, e.g., 'User' or 'Group'.", {
          canonicalValues: ['User', 'Group'],
          ...immutable,
        }),
      ],
    }),
  ],
}
