import type { AttrPath } from '../filter/ast.js'
import { COMMON_ATTRIBUTES } from './common-attributes.js'
import type { ResolvedAttribute, ResourceSchema } from './resource-schema.js'
import type { AttributeDefinition, ResourceTypeDefinition, SchemaDefinition } from './types.js'
import { attrPathFromText } from './urn-path.js'

const COMMON_NAMES = new Set(COMMON_ATTRIBUTES.map((a) => a.name.toLowerCase()))

interface Entry {
  resolved: ResolvedAttribute
  /** Sub-attributes by lower-case name. */
  subs: Map<string, ResolvedAttribute> | undefined
}

/** One schema as seen from a resource type: the definition, whether it is an extension, whether it is required. */
export interface SchemaInResource {
  schema: SchemaDefinition
  extension: boolean
  required: boolean
}

/** A schema of a resource type with the attributes a resource carries for it (the core one with id, externalId, meta). */
export interface SchemaAttributes extends SchemaInResource {
  attributes: readonly AttributeDefinition[]
}

function entryFor(schema: string, extension: boolean, attribute: AttributeDefinition): Entry {
  const resolved: ResolvedAttribute = Object.freeze({ schema, extension, attribute })
  if (!attribute.subAttributes) return { resolved, subs: undefined }
  const subs = new Map<string, ResolvedAttribute>()
  for (const subAttribute of attribute.subAttributes) {
    subs.set(subAttribute.name.toLowerCase(), Object.freeze({ schema, extension, attribute, subAttribute }))
  }
  return { resolved, subs }
}

/**
 * The registry's ResourceSchema: every lookup is a Map lookup on lower-cased names and returns a shared, frozen
 * ResolvedAttribute, so resolve allocates nothing. Common attributes (id, externalId, meta) resolve in the core schema.
 */
class CompiledResourceSchema implements ResourceSchema {
  /** Unqualified name → entry: core (with common attributes) first, then each extension in order. */
  private readonly unqualified = new Map<string, Entry>()
  /** Lower-case schema URN → lower-case name → entry. */
  private readonly qualified = new Map<string, Map<string, Entry>>()
  /** Lower-case `urn:…:name` → entry, for an unsplit URN-qualified name given as `attribute`. */
  private readonly fullNames = new Map<string, Entry>()
  /** Lower-case schema URN → schema. */
  readonly schemasByUrn = new Map<string, SchemaInResource>()
  /** Core (with the common attributes) then each extension. */
  readonly attributeGroups: SchemaAttributes[] = []

  constructor(
    readonly resourceType: ResourceTypeDefinition,
    readonly core: SchemaDefinition,
    readonly extensions: readonly { schema: SchemaDefinition; required: boolean }[],
  ) {
    // Older schemas list id, externalId or meta themselves; RFC 7643 §3.1 says the common definitions take precedence.
    const own = core.attributes.filter((a) => !COMMON_NAMES.has(a.name.toLowerCase()))
    this.addSchema(core, false, true, [...COMMON_ATTRIBUTES, ...own])
    for (const { schema, required } of extensions) this.addSchema(schema, true, required, schema.attributes)
  }

  private addSchema(
    schema: SchemaDefinition,
    extension: boolean,
    required: boolean,
    attributes: readonly AttributeDefinition[],
  ): void {
    const urn = schema.id.toLowerCase()
    if (this.schemasByUrn.has(urn)) return
    this.schemasByUrn.set(urn, { schema, extension, required })
    this.attributeGroups.push({ schema, extension, required, attributes })
    const byName = new Map<string, Entry>()
    this.qualified.set(urn, byName)
    for (const attribute of attributes) {
      const name = attribute.name.toLowerCase()
      const entry = entryFor(schema.id, extension, attribute)
      byName.set(name, entry)
      this.fullNames.set(`${urn}:${name}`, entry)
      if (!this.unqualified.has(name)) this.unqualified.set(name, entry)
    }
  }

  resolve(path: AttrPath): ResolvedAttribute | undefined {
    const name = path.attribute.toLowerCase()
    const entry =
      path.schema === undefined
        ? (this.unqualified.get(name) ?? this.fullNames.get(name))
        : this.qualified.get(path.schema.toLowerCase())?.get(name)
    if (entry) {
      if (path.subAttribute === undefined) return entry.resolved
      return entry.subs?.get(path.subAttribute.toLowerCase())
    }
    // A client may hand over `name.givenName` (or `urn:…:User:name.givenName`) unsplit.
    if (path.subAttribute !== undefined || !path.attribute.includes('.')) return undefined
    const split = attrPathFromText(path.attribute)
    if (split.subAttribute === undefined) return undefined
    if (path.schema !== undefined) split.schema = path.schema
    return this.resolve(split)
  }
}

/** Builds the ResourceSchema of one resource type from its core and extension schema definitions. */
export function compileResourceSchema(
  resourceType: ResourceTypeDefinition,
  core: SchemaDefinition,
  extensions: readonly { schema: SchemaDefinition; required: boolean }[],
): ResourceSchema {
  return new CompiledResourceSchema(resourceType, core, extensions)
}

/**
 * The schema (core or extension) of a resource type with this URN, ignoring case; undefined when the resource type
 * has no such schema. Useful to tell an extension key (`urn:…:enterprise:2.0:User`) in a resource from an attribute.
 */
export function schemaInResource(resourceSchema: ResourceSchema, urn: string): SchemaInResource | undefined {
  if (resourceSchema instanceof CompiledResourceSchema)
    return resourceSchema.schemasByUrn.get(urn.toLowerCase())
  const lower = urn.toLowerCase()
  if (resourceSchema.core.id.toLowerCase() === lower) {
    return { schema: resourceSchema.core, extension: false, required: true }
  }
  const found = resourceSchema.extensions.find((e) => e.schema.id.toLowerCase() === lower)
  return found && { schema: found.schema, extension: true, required: found.required }
}

/**
 * The schemas of a resource type with their attributes, core first: the core entry lists the common attributes (id,
 * externalId, meta) before the core schema's own. What projection and validation walk.
 */
export function schemaAttributes(resourceSchema: ResourceSchema): readonly SchemaAttributes[] {
  if (resourceSchema instanceof CompiledResourceSchema) return resourceSchema.attributeGroups
  return [
    {
      schema: resourceSchema.core,
      extension: false,
      required: true,
      attributes: [
        ...COMMON_ATTRIBUTES,
        ...resourceSchema.core.attributes.filter((a) => !COMMON_NAMES.has(a.name.toLowerCase())),
      ],
    },
    ...resourceSchema.extensions.map((e) => ({ ...e, extension: true, attributes: e.schema.attributes })),
  ]
}
