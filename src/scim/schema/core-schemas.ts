/** The RFC 7643 core schemas and resource types in one import. */
export { COMMON_ATTRIBUTES } from './common-attributes.js'
export { GROUP_RESOURCE_TYPE, USER_RESOURCE_TYPE } from './core-resource-types.js'
export { ENTERPRISE_USER_SCHEMA } from './enterprise-user-schema.js'
export { GROUP_SCHEMA } from './group-schema.js'
export { USER_SCHEMA } from './user-schema.js'
