/**
 * @module The SCIM 2.0 protocol core (RFC 7643, RFC 7644, RFC 9865) as pure code: schemas, filters, paths, PATCH,
 * projection, validation and messages. No I/O, no clock, no framework.
 */

export * from './canonical/canonicalize-resource.js'
export * from './cursor.js'
export * from './etag.js'
export type * from './filter/ast.js'
export * from './filter/compile-filter.js'
export * from './filter/date-time.js'
export * from './filter/filter-printer.js'
export * from './filter/parse-filter.js'
export * from './messages/bulk.js'
export * from './messages/bulk-request.js'
export * from './messages/list-response.js'
export * from './messages/patch-request.js'
export * from './messages/search-request.js'
export { applyPatch } from './patch/apply-patch.js'
export { normalisePatch } from './patch/normalise-patch.js'
export type {
  PatchOperation,
  PatchOpName,
  RawPatchOperation,
  RawPatchRequest,
} from './patch/patch-operation.js'
export type * from './path/ast.js'
export * from './path/parse-path.js'
export * from './path/print-path.js'
export * from './projection/attribute-list.js'
export * from './projection/project-resource.js'
export * from './schema/attribute-builder.js'
export * from './schema/compiled-resource-schema.js'
export * from './schema/core-schemas.js'
export * from './schema/discovery-resources.js'
export type * from './schema/resource-schema.js'
export * from './schema/schema-registry.js'
export * from './schema/service-provider-config.js'
export * from './schema/sub-attribute-lookup.js'
export type * from './schema/types.js'
export * from './schema/urn-path.js'
export * from './schema/urns.js'
export * from './scim-error.js'
export { lenientBoolean } from './validation/simple-value.js'
export * from './validation/validate-resource.js'
export * from './validation/xsd-date-time.js'
