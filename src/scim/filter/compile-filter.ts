import type { ResolvedAttribute, ResourceSchema } from '../schema/resource-schema.js'
import type { AttributeDefinition, ScimResource } from '../schema/types.js'
import { ScimError } from '../scim-error.js'
import type { AttrPath, CompareFilter, Filter } from './ast.js'
import { printAttrPath } from './filter-printer.js'
import { isPresent, propertyOf, someValue, subAttributeOf } from './resource-values.js'
import { valueMatcher } from './value-matcher.js'

/** A compiled filter: whether one resource (or, inside `[…]`, one value of a complex attribute) matches. */
export type FilterPredicate = (resource: ScimResource) => boolean

type Predicate = (context: unknown) => boolean
type Visit = (value: unknown) => boolean

/** Where a path leads in a context: a walk over the values it reaches, and the definition of those values. */
interface Target {
  some(context: unknown, visit: Visit): boolean
  definition: AttributeDefinition
}

/** Resolves paths in one context: the resource, or one value of a complex attribute inside `[…]`. */
interface Scope {
  /** The target of a path, undefined when unknown; `compare` redirects a complex attribute to its `value`. */
  target(path: AttrPath, compare: boolean): Target | undefined
  /** The attribute a value filter `path[…]` ranges over, undefined when unknown. */
  valuePathAttribute(path: AttrPath): ResolvedAttribute | undefined
}

/**
 * `schemas` (RFC 7643 §3) belongs to every resource but to no schema's attribute list, so the schema does not
 * resolve it; RFC 7644 §3.4.2.2 filters on it (`schemas eq "urn:…:enterprise:2.0:User"`). URIs ignore case here.
 */
const SCHEMAS_ATTRIBUTE: AttributeDefinition = {
  name: 'schemas',
  type: 'reference',
  multiValued: true,
  description: 'The schema URIs of the resource.',
  required: true,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'always',
  uniqueness: 'none',
  referenceTypes: ['uri'],
}

const ALWAYS: Predicate = () => true
const NEVER: Predicate = () => false

function invalid(detail: string): never {
  throw new ScimError(400, 'invalidFilter', detail)
}

/** Walks the values of `attribute` (or of its sub-attribute `sub`) in a resource, the extension URN key first. */
function walk(extension: string | undefined, attribute: string, sub: string | undefined) {
  const extensionLower = extension?.toLowerCase() ?? ''
  const lower = attribute.toLowerCase()
  const subLower = sub?.toLowerCase() ?? ''
  return (context: unknown, visit: Visit): boolean => {
    const container = extension === undefined ? context : propertyOf(context, extension, extensionLower)
    const value = propertyOf(container, attribute, lower)
    if (sub === undefined) return someValue(value, visit)
    if (!Array.isArray(value)) return someValue(subAttributeOf(value, sub, subLower), visit)
    for (const element of value) if (someValue(subAttributeOf(element, sub, subLower), visit)) return true
    return false
  }
}

function valueSubAttribute(attribute: AttributeDefinition): AttributeDefinition | undefined {
  return attribute.subAttributes?.find((sub) => sub.name.toLowerCase() === 'value')
}

function resourceScope(schema: ResourceSchema): Scope {
  return {
    target(path, compare) {
      const resolved = schema.resolve(path)
      if (!resolved) {
        const schemas = path.schema === undefined && path.subAttribute === undefined
        if (!schemas || path.attribute.toLowerCase() !== 'schemas') return undefined
        return { some: walk(undefined, 'schemas', undefined), definition: SCHEMAS_ATTRIBUTE }
      }
      const extension = resolved.extension ? resolved.schema : undefined
      const { attribute, subAttribute } = resolved
      if (subAttribute)
        return { some: walk(extension, attribute.name, subAttribute.name), definition: subAttribute }
      if (!compare || attribute.type !== 'complex') {
        return { some: walk(extension, attribute.name, undefined), definition: attribute }
      }
      // RFC 7644 §3.4.2.2: a complex attribute without a sub-attribute compares its "value" (`emails co "x"`).
      const value = valueSubAttribute(attribute)
      if (!value) {
        const example = attribute.subAttributes?.[0]?.name ?? 'value'
        invalid(
          `"${printAttrPath(path)}" is complex: compare a sub-attribute such as "${attribute.name}.${example}"`,
        )
      }
      return { some: walk(extension, attribute.name, value.name), definition: value }
    },
    valuePathAttribute(path) {
      return schema.resolve(path)
    },
  }
}

/** Paths inside `attr[…]` name sub-attributes of one value of `attr` (or `value`, the value itself, if simple). */
function valueScope(schema: ResourceSchema, outer: ResolvedAttribute): Scope {
  return {
    target(path) {
      if (path.schema !== undefined || path.subAttribute !== undefined) return undefined
      const lower = path.attribute.toLowerCase()
      if (outer.attribute.type !== 'complex') {
        return lower === 'value'
          ? { some: (value, visit) => visit(value), definition: outer.attribute }
          : undefined
      }
      const sub = schema.resolve({
        schema: outer.schema,
        attribute: outer.attribute.name,
        subAttribute: path.attribute,
      })?.subAttribute
      if (!sub) return undefined
      const name = sub.name
      const subLower = name.toLowerCase()
      return {
        some: (value, visit) => someValue(subAttributeOf(value, name, subLower), visit),
        definition: sub,
      }
    },
    valuePathAttribute() {
      return invalid('Value filters cannot be nested inside another value filter')
    },
  }
}

function compileCompare(filter: CompareFilter, scope: Scope): Predicate {
  const { op, value, path } = filter
  if (value === null) {
    // `attr eq null` asks for absence, `attr ne null` for presence; no other operator takes null.
    if (op !== 'eq' && op !== 'ne')
      invalid(`The operator "${op}" on "${printAttrPath(path)}" needs a value, not null`)
    const present = compilePresent(path, scope)
    return op === 'ne' ? present : (context) => !present(context)
  }
  const target = scope.target(path, true)
  if (!target) return op === 'ne' ? ALWAYS : NEVER
  const match = valueMatcher(target.definition, op === 'ne' ? 'eq' : op, value, printAttrPath(path))
  const { some } = target
  if (op === 'ne') return (context) => !some(context, match)
  return (context) => some(context, match)
}

function compilePresent(path: AttrPath, scope: Scope): Predicate {
  const target = scope.target(path, false)
  if (!target) return NEVER
  const { some } = target
  return (context) => some(context, isPresent)
}

function compileNode(filter: Filter, schema: ResourceSchema, scope: Scope): Predicate {
  switch (filter.kind) {
    case 'compare':
      return compileCompare(filter, scope)
    case 'present':
      return compilePresent(filter.path, scope)
    case 'and': {
      const left = compileNode(filter.left, schema, scope)
      const right = compileNode(filter.right, schema, scope)
      return (context) => left(context) && right(context)
    }
    case 'or': {
      const left = compileNode(filter.left, schema, scope)
      const right = compileNode(filter.right, schema, scope)
      return (context) => left(context) || right(context)
    }
    case 'not': {
      const inner = compileNode(filter.filter, schema, scope)
      return (context) => !inner(context)
    }
    case 'valuePath': {
      const outer = scope.valuePathAttribute(filter.path)
      if (!outer) return NEVER
      const matches = valuePredicate(filter.path, outer, filter.filter, schema)
      const some = walk(outer.extension ? outer.schema : undefined, outer.attribute.name, undefined)
      return (context) => some(context, matches)
    }
  }
}

/** The test of one value of `outer` against the filter inside `path[…]`. */
function valuePredicate(
  path: AttrPath,
  outer: ResolvedAttribute,
  filter: Filter,
  schema: ResourceSchema,
): Predicate {
  if (outer.subAttribute)
    invalid(`A value filter needs an attribute, not the sub-attribute "${printAttrPath(path)}"`)
  const inner = compileNode(filter, schema, valueScope(schema, outer))
  return (value) => value !== null && value !== undefined && inner(value)
}

/**
 * Compiles a filter against a resource type's schema into a predicate over resources, for evaluating many resources
 * fast. Semantics (RFC 7644 §3.4.2.2, with these choices where the RFC is silent):
 * - attribute names ignore case, in the filter and in the resource; extension attributes are read under their URN key;
 * - an unknown attribute or sub-attribute is absent: every comparison and `pr` on it is false, `ne` is true;
 * - multi-valued attributes match when any value matches; `ne` is "not eq" (true when no value equals, or absent);
 * - a complex attribute without a sub-attribute compares its `value` sub-attribute (`emails co "x"`, `manager eq "id"`);
 * - `eq null` means absent and `ne null` present; strings honour caseExact; dateTimes compare as instants;
 *   numbers numerically; booleans take eq/ne only (`gt` on a boolean, binary or complex is an error).
 * Throws ScimError 400 invalidFilter when an operator or value does not fit the attribute's type.
 */
export function compileFilter(filter: Filter, schema: ResourceSchema): FilterPredicate {
  return compileNode(filter, schema, resourceScope(schema))
}

/**
 * Compiles the filter of a value path `path[filter]` (`emails[type eq "work"]`, `members[value eq "2819c223"]`) into
 * a test of ONE value of that attribute (an element of `emails`), with compileFilter's semantics; for PATCH, which
 * must pick the matching elements. An unknown attribute matches no value. Throws ScimError 400 invalidFilter.
 */
export function compileValueFilter(
  path: AttrPath,
  filter: Filter,
  schema: ResourceSchema,
): (value: unknown) => boolean {
  const outer = schema.resolve(path)
  return outer ? valuePredicate(path, outer, filter, schema) : NEVER
}

const compiled = new WeakMap<Filter, { schema: ResourceSchema; predicate: FilterPredicate }>()

/**
 * Whether a resource (SCIM JSON: core attributes at the top level, extension attributes under the URN key) matches
 * a filter, with compileFilter's semantics. The compiled form is cached per filter object.
 */
export function evaluateFilter(filter: Filter, resource: ScimResource, schema: ResourceSchema): boolean {
  let entry = compiled.get(filter)
  if (entry?.schema !== schema) {
    entry = { schema, predicate: compileFilter(filter, schema) }
    compiled.set(filter, entry)
  }
  return entry.predicate(resource)
}
