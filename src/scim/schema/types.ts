/** RFC 7643 §7 attribute data types. */
export type AttributeType =
  | 'string'
  | 'boolean'
  | 'decimal'
  | 'integer'
  | 'dateTime'
  | 'binary'
  | 'reference'
  | 'complex'

export type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly'
export type Returned = 'always' | 'never' | 'default' | 'request'
export type Uniqueness = 'none' | 'server' | 'global'

/** One attribute definition with every RFC 7643 §7 characteristic. */
export interface AttributeDefinition {
  name: string
  type: AttributeType
  multiValued: boolean
  description: string
  required: boolean
  caseExact: boolean
  mutability: Mutability
  returned: Returned
  uniqueness: Uniqueness
  canonicalValues?: string[]
  /**
   * Whether a value outside `canonicalValues` is rejected. Off by default: RFC 7643 makes canonical values a MAY, and
   * Entra and Okta send types such as "mobile" or custom ones. Not part of the RFC representation.
   */
  strictCanonicalValues?: boolean
  referenceTypes?: string[]
  subAttributes?: AttributeDefinition[]
}

/** A schema resource (RFC 7643 §7): core or extension. */
export interface SchemaDefinition {
  id: string
  name: string
  description: string
  attributes: AttributeDefinition[]
}

/** A ResourceType resource (RFC 7643 §6). */
export interface ResourceTypeDefinition {
  id: string
  name: string
  endpoint: string
  description: string
  schema: string
  schemaExtensions: { schema: string; required: boolean }[]
}

/** A SCIM resource as JSON: attribute names as the client or store wrote them. */
export type ScimResource = Record<string, unknown>
