import { isJsonObject, type JsonObject } from '../canonical/json-value.js'
import { schemaInResource } from '../schema/compiled-resource-schema.js'
import type { ResourceSchema } from '../schema/resource-schema.js'
import type { AttributeDefinition, ScimResource } from '../schema/types.js'
import { attrPathFromText } from '../schema/urn-path.js'

/** The `attributes` and `excludedAttributes` of a request, as names (see parseAttributeList). */
export interface ProjectionRequest {
  attributes?: readonly string[]
  excludedAttributes?: readonly string[]
}

/** A projection compiled for one resource type, to apply to many resources (a list response). */
export interface Projection {
  /** The resource with only the attributes the request and the `returned` rules allow. */
  apply(resource: ScimResource): ScimResource
  /**
   * Whether the answer would carry this attribute (a name as in `attributes`), so a store can skip loading what is
   * not returned: `includes('members')` is false for `excludedAttributes=members`.
   */
  includes(name: string): boolean
}

/** Named attributes: whole schemas (URNs), whole attributes ('all') or some of their sub-attributes. */
interface Selection {
  schemas: Set<string>
  attributes: Map<AttributeDefinition, 'all' | Set<AttributeDefinition>>
}

function selectionOf(resourceSchema: ResourceSchema, names: readonly string[] | undefined): Selection {
  const selection: Selection = { schemas: new Set(), attributes: new Map() }
  for (const name of names ?? []) {
    const schema = schemaInResource(resourceSchema, name)
    if (schema) {
      selection.schemas.add(schema.schema.id)
      continue
    }
    const found = resourceSchema.resolve(attrPathFromText(name))
    if (!found) continue
    const current = selection.attributes.get(found.attribute)
    if (!found.subAttribute) selection.attributes.set(found.attribute, 'all')
    else if (current === undefined) selection.attributes.set(found.attribute, new Set([found.subAttribute]))
    else if (current !== 'all') current.add(found.subAttribute)
  }
  return selection
}

function isEmpty(selection: Selection): boolean {
  return selection.schemas.size === 0 && selection.attributes.size === 0
}

/** Whether every sub-attribute is returned by default, so that a whole value can be returned as it is. */
function plainSubAttributes(attribute: AttributeDefinition): boolean {
  return (attribute.subAttributes ?? []).every((s) => s.returned === 'default' || s.returned === 'always')
}

class CompiledProjection implements Projection {
  private readonly included: Selection
  private readonly excluded: Selection
  private readonly includeMode: boolean

  constructor(
    private readonly resourceSchema: ResourceSchema,
    request: ProjectionRequest,
  ) {
    this.included = selectionOf(resourceSchema, request.attributes)
    this.excluded = selectionOf(resourceSchema, request.excludedAttributes)
    this.includeMode = !isEmpty(this.included)
  }

  apply(resource: ScimResource): ScimResource {
    const out: ScimResource = {}
    for (const [key, value] of Object.entries(resource)) {
      if (key.toLowerCase() === 'schemas') {
        out[key] = value
        continue
      }
      const schema = schemaInResource(this.resourceSchema, key)
      if (schema?.extension) {
        if (!isJsonObject(value)) continue
        const projected = this.container(schema.schema.id, value)
        if (Object.keys(projected).length > 0) out[key] = projected
        continue
      }
      const found = this.resourceSchema.resolve({ attribute: key })
      const projected = found ? this.attribute(found.attribute, found.schema, value) : this.unknown(value)
      if (projected !== undefined) out[key] = projected
    }
    return out
  }

  includes(name: string): boolean {
    const schema = schemaInResource(this.resourceSchema, name)
    if (schema)
      return (
        !this.excluded.schemas.has(schema.schema.id) &&
        (!this.includeMode || this.included.schemas.has(schema.schema.id))
      )
    const found = this.resourceSchema.resolve(attrPathFromText(name))
    if (!found) return !this.includeMode
    return this.attribute(found.attribute, found.schema, true) !== undefined
  }

  private container(urn: string, value: JsonObject): JsonObject {
    const out: JsonObject = {}
    for (const [key, item] of Object.entries(value)) {
      const found = this.resourceSchema.resolve({ schema: urn, attribute: key })
      const projected = found ? this.attribute(found.attribute, urn, item) : this.unknown(item)
      if (projected !== undefined) out[key] = projected
    }
    return out
  }

  /** Attributes the schema does not define are treated as `returned: default`. */
  private unknown(value: unknown): unknown {
    return this.includeMode ? undefined : value
  }

  private attribute(attribute: AttributeDefinition, schema: string, value: unknown): unknown {
    if (attribute.returned === 'never') return undefined
    if (attribute.returned === 'always') return this.subAttributes(attribute, value, 'all', undefined)
    const included = this.included.schemas.has(schema) ? 'all' : this.included.attributes.get(attribute)
    const excluded = this.excluded.schemas.has(schema) ? 'all' : this.excluded.attributes.get(attribute)
    if (excluded === 'all') return undefined
    if (this.includeMode) {
      return included === undefined ? undefined : this.subAttributes(attribute, value, included, excluded)
    }
    if (attribute.returned === 'request') return undefined
    return this.subAttributes(attribute, value, undefined, excluded)
  }

  /**
   * The value with the sub-attributes that may be returned: `included` is what was named ('all' when the attribute
   * itself was), undefined when nothing was named (then `request` sub-attributes stay out).
   */
  private subAttributes(
    attribute: AttributeDefinition,
    value: unknown,
    included: 'all' | Set<AttributeDefinition> | undefined,
    excluded: Set<AttributeDefinition> | undefined,
  ): unknown {
    if (attribute.type !== 'complex') return value
    if (included === 'all' && !excluded && plainSubAttributes(attribute)) return value
    if (included === undefined && !excluded && plainSubAttributes(attribute)) return value
    const keep = (sub: AttributeDefinition): boolean => {
      if (sub.returned === 'never') return false
      if (sub.returned === 'always') return true
      if (excluded?.has(sub)) return false
      if (included === undefined) return sub.returned !== 'request'
      return included === 'all' || included.has(sub)
    }
    const project = (item: unknown): unknown => {
      if (!isJsonObject(item)) return item
      const out: JsonObject = {}
      for (const [key, subValue] of Object.entries(item)) {
        const sub = attribute.subAttributes?.find((s) => s.name.toLowerCase() === key.toLowerCase())
        if (sub ? keep(sub) : included === undefined) out[key] = subValue
      }
      return Object.keys(out).length > 0 ? out : undefined
    }
    if (!Array.isArray(value)) return project(value)
    const items = value.map(project).filter((item) => item !== undefined)
    return items.length > 0 || value.length === 0 ? items : undefined
  }
}

/**
 * Compiles `attributes`/`excludedAttributes` (RFC 7644 §3.4.2.5, §3.9) for one resource type. Names ignore case and
 * may be sub-attributes (`name.givenName`), URN-qualified (`urn:…:enterprise:2.0:User:manager`) or a whole extension
 * schema URN. Names the schema does not define are ignored, as the RFC asks. The `returned` characteristic wins:
 * `always` attributes (id, schemas) are returned even when excluded, `never` ones (password) never, `request` ones
 * only when named in `attributes`. With `attributes`, only the named attributes and the `always` ones are returned;
 * with `excludedAttributes` (also applied after `attributes`), the default set minus the excluded ones.
 */
export function compileProjection(resourceSchema: ResourceSchema, request: ProjectionRequest): Projection {
  return new CompiledProjection(resourceSchema, request)
}

/**
 * One resource projected as compileProjection describes. The result is a new object that shares unchanged nested
 * values with the input.
 *
 * @example projectResource(user, users, { attributes: ['userName'] }) // → { schemas, id, userName }
 */
export function projectResource(
  resource: ScimResource,
  resourceSchema: ResourceSchema,
  request: ProjectionRequest,
): ScimResource {
  return compileProjection(resourceSchema, request).apply(resource)
}
