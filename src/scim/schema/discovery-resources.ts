import type { SchemaRegistry } from './schema-registry.js'
import type { AttributeDefinition, ResourceTypeDefinition, SchemaDefinition } from './types.js'
import { RESOURCE_TYPE_SCHEMA_URN, SCHEMA_SCHEMA_URN } from './urns.js'

/** The `meta` of a discovery resource. */
export interface DiscoveryMeta {
  resourceType: 'Schema' | 'ResourceType' | 'ServiceProviderConfig'
  location: string
}

/** A Schema resource as GET /Schemas returns it (RFC 7643 §7). */
export interface SchemaResource extends SchemaDefinition {
  schemas: [typeof SCHEMA_SCHEMA_URN]
  meta: DiscoveryMeta
}

/** A ResourceType resource as GET /ResourceTypes returns it (RFC 7643 §6). */
export interface ResourceTypeResource extends ResourceTypeDefinition {
  schemas: [typeof RESOURCE_TYPE_SCHEMA_URN]
  meta: DiscoveryMeta
}

/** The base URL without its trailing slashes. */
export function trimBaseUrl(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '')
}

/** An attribute as RFC 7643 §7 represents it: only RFC characteristics (no `strictCanonicalValues`). */
function attributeResource(attribute: AttributeDefinition): AttributeDefinition {
  const { strictCanonicalValues: _internal, subAttributes, ...rest } = attribute
  return subAttributes ? { ...rest, subAttributes: subAttributes.map(attributeResource) } : rest
}

/** The Schema resources of every registered schema, for GET /Schemas and /Schemas/{urn}. */
export function schemaResources(registry: SchemaRegistry, baseUrl: string): SchemaResource[] {
  const base = trimBaseUrl(baseUrl)
  return registry.schemas().map((schema) => ({
    schemas: [SCHEMA_SCHEMA_URN],
    id: schema.id,
    name: schema.name,
    description: schema.description,
    attributes: schema.attributes.map(attributeResource),
    meta: { resourceType: 'Schema', location: `${base}/Schemas/${schema.id}` },
  }))
}

/** The ResourceType resources of every registered resource type, for GET /ResourceTypes and /ResourceTypes/{id}. */
export function resourceTypeResources(registry: SchemaRegistry, baseUrl: string): ResourceTypeResource[] {
  const base = trimBaseUrl(baseUrl)
  return registry.resourceTypes().map((type) => ({
    schemas: [RESOURCE_TYPE_SCHEMA_URN],
    id: type.id,
    name: type.name,
    endpoint: type.endpoint,
    description: type.description,
    schema: type.schema,
    schemaExtensions: type.schemaExtensions.map((e) => ({ schema: e.schema, required: e.required })),
    meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/${encodeURIComponent(type.id)}` },
  }))
}
