/**
 * @module The SCIM 2.0 protocol core (RFC 7643, RFC 7644, RFC 9865) as pure code: schemas, filters, paths, PATCH,
 * projection, validation and messages. No I/O, no clock, no framework.
 */
export * from './scim-error.js'
export type * from './schema/types.js'
export type * from './schema/resource-schema.js'
export type * from './filter/ast.js'
export type * from './path/ast.js'
