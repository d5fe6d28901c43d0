import { ScimError } from '../scim-error.js'
import { checkSchemaDefinition } from './check-schema-definition.js'
import { compileResourceSchema } from './compiled-resource-schema.js'
import { GROUP_RESOURCE_TYPE, USER_RESOURCE_TYPE } from './core-resource-types.js'
import { ENTERPRISE_USER_SCHEMA } from './enterprise-user-schema.js'
import { GROUP_SCHEMA } from './group-schema.js'
import type { ResourceSchema } from './resource-schema.js'
import type { ResourceTypeDefinition, SchemaDefinition } from './types.js'
import { USER_SCHEMA } from './user-schema.js'

function invalid(detail: string): ScimError {
  return new ScimError(400, 'invalidValue', detail)
}

/**
 * The schemas and resource types one service provider (or one tenant) serves. Schemas can be added or replaced at
 * run time, e.g. a tenant's custom extension `urn:ietf:params:scim:schemas:extension:peakon:2.0:User` with an
 * attribute "Business Unit". Definitions are copied in; ResourceSchemas are built once and cached until the next
 * change, so ask `resourceSchema()` again after a change rather than keeping an old one.
 */
export class SchemaRegistry {
  private readonly schemaMap = new Map<string, SchemaDefinition>()
  private readonly typeMap = new Map<string, ResourceTypeDefinition>()
  private readonly compiled = new Map<string, ResourceSchema>()

  /** Adds a schema, or replaces the one with the same URN (ignoring case). Throws ScimError 400 when malformed. */
  registerSchema(definition: SchemaDefinition): void {
    checkSchemaDefinition(definition)
    this.schemaMap.set(definition.id.toLowerCase(), structuredClone(definition))
    this.compiled.clear()
  }

  /** Adds or replaces a resource type; its core and extension schemas must be registered first. */
  addResourceType(definition: ResourceTypeDefinition): void {
    this.requireSchema(definition.schema, `resource type "${definition.id}"`)
    for (const extension of definition.schemaExtensions) {
      this.requireSchema(extension.schema, `resource type "${definition.id}"`)
    }
    this.typeMap.set(definition.id.toLowerCase(), structuredClone(definition))
    this.compiled.clear()
  }

  /** Adds a registered schema as an extension of a resource type, or updates whether it is required. */
  addSchemaExtension(resourceTypeId: string, schemaUrn: string, required: boolean): void {
    const type = this.resourceType(resourceTypeId)
    const schema = this.requireSchema(schemaUrn, `resource type "${type.id}"`)
    const existing = type.schemaExtensions.find((e) => e.schema.toLowerCase() === schemaUrn.toLowerCase())
    if (existing) existing.required = required
    else type.schemaExtensions.push({ schema: schema.id, required })
    this.compiled.clear()
  }

  /** The schema with this URN (ignoring case), if registered. */
  schema(urn: string): SchemaDefinition | undefined {
    return this.schemaMap.get(urn.toLowerCase())
  }

  /** Every registered schema, in registration order. */
  schemas(): SchemaDefinition[] {
    return [...this.schemaMap.values()]
  }

  /** Every resource type, in registration order. */
  resourceTypes(): ResourceTypeDefinition[] {
    return [...this.typeMap.values()]
  }

  /** The ResourceSchema of a resource type given by id or name (ignoring case); ScimError 404 when unknown. */
  resourceSchema(resourceTypeIdOrName: string): ResourceSchema {
    const key = resourceTypeIdOrName.toLowerCase()
    const cached = this.compiled.get(key)
    if (cached) return cached
    const type = this.resourceType(resourceTypeIdOrName)
    const core = this.requireSchema(type.schema, `resource type "${type.id}"`)
    const extensions = type.schemaExtensions.map((e) => ({
      schema: this.requireSchema(e.schema, `resource type "${type.id}"`),
      required: e.required,
    }))
    const resourceSchema = compileResourceSchema(type, core, extensions)
    this.compiled.set(key, resourceSchema)
    return resourceSchema
  }

  private resourceType(idOrName: string): ResourceTypeDefinition {
    const key = idOrName.toLowerCase()
    const type = this.typeMap.get(key) ?? [...this.typeMap.values()].find((t) => t.name.toLowerCase() === key)
    if (!type) throw new ScimError(404, undefined, `Unknown resource type "${idOrName}"`)
    return type
  }

  private requireSchema(urn: string, usedBy: string): SchemaDefinition {
    const schema = this.schemaMap.get(urn.toLowerCase())
    if (!schema) throw invalid(`Schema "${urn}" used by ${usedBy} is not registered`)
    return schema
  }
}

/** A registry with the core User and Group resource types and the Enterprise User extension (not required). */
export function createDefaultRegistry(): SchemaRegistry {
  const registry = new SchemaRegistry()
  registry.registerSchema(USER_SCHEMA)
  registry.registerSchema(GROUP_SCHEMA)
  registry.registerSchema(ENTERPRISE_USER_SCHEMA)
  registry.addResourceType(USER_RESOURCE_TYPE)
  registry.addResourceType(GROUP_RESOURCE_TYPE)
  return registry
}
