import type { ResourceTypeDefinition } from './types.js'
import { ENTERPRISE_USER_SCHEMA_URN, GROUP_SCHEMA_URN, USER_SCHEMA_URN } from './urns.js'

/** The User resource type (RFC 7643 §8.6) with the Enterprise User extension, not required. */
export const USER_RESOURCE_TYPE: ResourceTypeDefinition = {
  id: 'User',
  name: 'User',
  endpoint: '/Users',
  description: 'User Account',
  schema: USER_SCHEMA_URN,
  schemaExtensions: [{ schema: ENTERPRISE_USER_SCHEMA_URN, required: false }],
}

/** The Group resource type (RFC 7643 §8.6). */
export const GROUP_RESOURCE_TYPE: ResourceTypeDefinition = {
  id: 'Group',
  name: 'Group',
  endpoint: '/Groups',
  description: 'Group',
  schema: GROUP_SCHEMA_URN,
  schemaExtensions: [],
}
