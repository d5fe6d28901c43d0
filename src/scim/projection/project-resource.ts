import { isJsonObject, type JsonObject } from '../canonical/json-value.js'
import { schemaAttributes, schemaInResource } from '../schema/compiled-resource-schema.js'
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
  /**
   * Whether `apply` might change a resource whose JSON text (as JSON.stringify writes it) is `json`. When false,
   * `apply(JSON.parse(json))` has the same content as `JSON.parse(json)`, so a server may send the text as it is.
   * Always true with an `attributes` list that names a known attribute, which keeps only what it names. Errs towards
   * true: text that merely looks like something the projection drops (an empty object, a dropped attribute's name)
   * gives true too.
   */
  mayChange(json: string): boolean
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

/**
 * What a projection does with one member of a resource, the same for every resource: keep its value as it is, drop
 * it, keep the sub-attributes it may return, or project it as an extension's object.
 */
type Rule =
  | { kind: 'keep' }
  | { kind: 'drop' }
  | {
      kind: 'subAttributes'
      attribute: AttributeDefinition
      included: 'all' | Set<AttributeDefinition> | undefined
      excluded: Set<AttributeDefinition> | undefined
    }
  | { kind: 'extension'; urn: string }

const KEEP: Rule = { kind: 'keep' }
const DROP: Rule = { kind: 'drop' }
/** Rules kept per projection, by member name: resources repeat a handful of names. */
const MAX_RULES = 1000

class CompiledProjection implements Projection {
  private readonly included: Selection
  private readonly excluded: Selection
  private readonly includeMode: boolean
  /** The rule of each member name seen: top-level names as they are, an extension's as `urn NUL name`. */
  private readonly rules = new Map<string, Rule>()
  /** What mayChange looks for in lower-cased JSON text (null: anything may change), made on first use. */
  private changeMarks: RegExp | null | undefined

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
    for (const key of Object.keys(resource)) {
      const projected = this.project(this.rule(key, undefined), resource[key])
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
    return this.project(this.attributeRule(found.attribute, found.schema), true) !== undefined
  }

  mayChange(json: string): boolean {
    if (this.changeMarks === undefined) this.changeMarks = this.marksOfChange()
    return this.changeMarks === null || this.changeMarks.test(json.toLowerCase())
  }

  /**
   * What a resource's lower-cased JSON text holds wherever `apply` may change it: an empty object (an extension or
   * a complex value left empty is dropped), the quoted name of an attribute or sub-attribute whose rule is not to
   * keep it whole, an extension's URN key whose value is not an object. Names ignore case, as resolve does. Null in
   * include mode, where any resource may change.
   */
  private marksOfChange(): RegExp | null {
    if (this.includeMode) return null
    const marks = ['\\{\\}']
    const key = (name: string) => escapeRegExp(JSON.stringify(name.toLowerCase()))
    for (const group of schemaAttributes(this.resourceSchema)) {
      if (group.extension) marks.push(`${key(group.schema.id)}:(?!\\{)`)
      for (const attribute of group.attributes) {
        const rule = this.attributeRule(attribute, group.schema.id)
        if (rule.kind === 'drop') marks.push(`${key(attribute.name)}:`)
        if (rule.kind === 'subAttributes') {
          for (const sub of attribute.subAttributes ?? []) marks.push(`${key(sub.name)}:`)
        }
      }
    }
    return new RegExp(marks.join('|'))
  }

  /** The rule of a member: of the resource (`urn` undefined) or of the extension object `urn`. */
  private rule(key: string, urn: string | undefined): Rule {
    const name = urn === undefined ? key : `${urn}\u0000${key}`
    let rule = this.rules.get(name)
    if (rule === undefined) {
      rule = this.ruleOf(key, urn)
      if (this.rules.size < MAX_RULES) this.rules.set(name, rule)
    }
    return rule
  }

  private ruleOf(key: string, urn: string | undefined): Rule {
    if (urn === undefined) {
      if (key.toLowerCase() === 'schemas') return KEEP
      const schema = schemaInResource(this.resourceSchema, key)
      if (schema?.extension) return { kind: 'extension', urn: schema.schema.id }
    }
    const found = this.resourceSchema.resolve(
      urn === undefined ? { attribute: key } : { schema: urn, attribute: key },
    )
    // Attributes the schema does not define are treated as `returned: default`.
    if (!found) return this.includeMode ? DROP : KEEP
    return this.attributeRule(found.attribute, urn ?? found.schema)
  }

  private project(rule: Rule, value: unknown): unknown {
    switch (rule.kind) {
      case 'keep':
        return value
      case 'drop':
        return undefined
      case 'subAttributes':
        return this.subAttributes(rule.attribute, value, rule.included, rule.excluded)
      case 'extension': {
        if (!isJsonObject(value)) return undefined
        const out: JsonObject = {}
        for (const key of Object.keys(value)) {
          const projected = this.project(this.rule(key, rule.urn), value[key])
          if (projected !== undefined) out[key] = projected
        }
        return Object.keys(out).length > 0 ? out : undefined
      }
    }
  }

  /** What the `returned` characteristic and the request make of an attribute of `schema`. */
  private attributeRule(attribute: AttributeDefinition, schema: string): Rule {
    if (attribute.returned === 'never') return DROP
    if (attribute.returned === 'always') return this.subAttributesRule(attribute, 'all', undefined)
    const included = this.included.schemas.has(schema) ? 'all' : this.included.attributes.get(attribute)
    const excluded = this.excluded.schemas.has(schema) ? 'all' : this.excluded.attributes.get(attribute)
    if (excluded === 'all') return DROP
    if (this.includeMode) {
      return included === undefined ? DROP : this.subAttributesRule(attribute, included, excluded)
    }
    if (attribute.returned === 'request') return DROP
    return this.subAttributesRule(attribute, undefined, excluded)
  }

  /**
   * Keeping the sub-attributes that may be returned: `included` is what was named ('all' when the attribute itself
   * was), undefined when nothing was named (then `request` sub-attributes stay out). The whole value when that
   * keeps all of it.
   */
  private subAttributesRule(
    attribute: AttributeDefinition,
    included: 'all' | Set<AttributeDefinition> | undefined,
    excluded: Set<AttributeDefinition> | undefined,
  ): Rule {
    if (attribute.type !== 'complex') return KEEP
    const someNamed = included !== 'all' && included !== undefined
    if (!someNamed && !excluded && plainSubAttributes(attribute)) return KEEP
    return { kind: 'subAttributes', attribute, included, excluded }
  }

  /** The value with the sub-attributes a subAttributes rule keeps. */
  private subAttributes(
    attribute: AttributeDefinition,
    value: unknown,
    included: 'all' | Set<AttributeDefinition> | undefined,
    excluded: Set<AttributeDefinition> | undefined,
  ): unknown {
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

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
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
