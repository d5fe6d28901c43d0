import type { AttrPath } from '../filter/ast.js'
import type { AttributeDefinition, ResourceTypeDefinition, SchemaDefinition } from './types.js'

/** Where a path lands: the schema that defines the attribute, the attribute and, for `a.b`, the sub-attribute. */
export interface ResolvedAttribute {
  /** URN of the schema that defines the attribute. */
  schema: string
  /** Whether that schema is an extension (its attributes live under the URN key of the resource). */
  extension: boolean
  attribute: AttributeDefinition
  subAttribute?: AttributeDefinition
}

/**
 * One resource type with its core schema and extension schemas: what the filter evaluator, PATCH, projection and
 * validation ask about attributes. Lookups ignore case. In a resource, core attributes sit at the top level and
 * extension attributes under their schema URN key (RFC 7643 §3.3).
 */
export interface ResourceSchema {
  readonly resourceType: ResourceTypeDefinition
  readonly core: SchemaDefinition
  readonly extensions: readonly { schema: SchemaDefinition; required: boolean }[]
  /**
   * Resolves a path. An unqualified name is looked up in the core schema first, then in each extension.
   * Returns undefined for an unknown attribute or sub-attribute.
   */
  resolve(path: AttrPath): ResolvedAttribute | undefined
}
