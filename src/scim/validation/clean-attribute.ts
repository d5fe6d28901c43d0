import { copyJson, isJsonObject, type JsonObject } from '../canonical/json-value.js'
import { findSubAttribute } from '../schema/sub-attribute-lookup.js'
import type { AttributeDefinition } from '../schema/types.js'
import { ScimError } from '../scim-error.js'
import { describeValue, describeWhere, invalidAttribute, type Where } from './attribute-error.js'
import { cleanSimpleValue } from './simple-value.js'

/** Create (POST) or replace (PUT): replace also enforces `immutable` against the existing resource. */
export type ValidationMode = 'create' | 'replace'

function isAbsent(value: unknown): boolean {
  return value === null || value === undefined || (Array.isArray(value) && value.length === 0)
}

/** Equality for the immutability check: strings ignore case unless the attribute is caseExact. */
function sameValue(a: unknown, b: unknown, caseExact: boolean): boolean {
  if (typeof a === 'string' && typeof b === 'string')
    return caseExact ? a === b : a.toLowerCase() === b.toLowerCase()
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i], caseExact))
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a)
    return (
      keys.length === Object.keys(b).length && keys.every((k) => k in b && sameValue(a[k], b[k], caseExact))
    )
  }
  return a === b
}

function expectedType(definition: AttributeDefinition): string {
  const type = definition.type === 'complex' ? 'complex' : definition.type
  return definition.multiValued ? `a list of ${type} values` : `a ${type} value`
}

function cleanComplex(
  definition: AttributeDefinition,
  given: unknown,
  where: Where,
  mode: ValidationMode,
  existing: unknown,
): JsonObject | undefined {
  const subAttributes = definition.subAttributes ?? []
  // `"manager": "26118915"` as Entra sends it: a bare string for a single-valued complex attribute is its `value`.
  const bare = typeof given === 'string' && !definition.multiValued && findSubAttribute(definition, 'value')
  const value = bare ? { value: given } : given
  if (!isJsonObject(value)) {
    const names = subAttributes.map((s) => s.name).join(', ')
    throw invalidAttribute(where, `an object with sub-attributes ${names}`, value)
  }
  const before = isJsonObject(existing) ? existing : undefined
  const out: JsonObject = {}
  for (const sub of subAttributes) {
    const subWhere: Where = { ...where, path: `${where.path}.${sub.name}` }
    const cleaned = cleanAttribute(sub, value[sub.name], subWhere, mode, before?.[sub.name])
    if (cleaned !== undefined) out[sub.name] = cleaned
  }
  return Object.keys(out).length > 0 ? out : undefined
}

function cleanOne(
  definition: AttributeDefinition,
  value: unknown,
  where: Where,
  mode: ValidationMode,
  existing: unknown,
) {
  return definition.type === 'complex'
    ? cleanComplex(definition, value, where, mode, existing)
    : cleanSimpleValue(definition, value, where)
}

function cleanMultiValued(
  definition: AttributeDefinition,
  value: unknown,
  where: Where,
  mode: ValidationMode,
) {
  // A client that sends one value where the schema says multi-valued gets it wrapped in a list.
  const items = Array.isArray(value) ? value : [value]
  const out: unknown[] = []
  items.forEach((item, index) => {
    if (item === null || item === undefined) return
    const itemWhere: Where = { path: where.path, item: { attribute: where.path, index } }
    // Values of a multi-valued attribute cannot be matched to existing ones, so no immutability check inside them.
    const cleaned = cleanOne(definition, item, itemWhere, mode, undefined)
    if (cleaned !== undefined) out.push(cleaned)
  })
  const primaries = out.filter((item) => isJsonObject(item) && item.primary === true).length
  if (primaries > 1) {
    throw new ScimError(
      400,
      'invalidValue',
      `Attribute ${describeWhere(where)} has ${primaries} values with "primary": true; at most one value may be primary`,
    )
  }
  return out.length > 0 ? out : undefined
}

/** On replace, the existing values of the immutable sub-attributes of an omitted single-valued complex attribute. */
function keptImmutableSubAttributes(
  definition: AttributeDefinition,
  existing: unknown,
): JsonObject | undefined {
  if (definition.multiValued || !isJsonObject(existing)) return undefined
  const kept: JsonObject = {}
  for (const sub of definition.subAttributes ?? []) {
    if (sub.mutability === 'immutable' && !isAbsent(existing[sub.name]))
      kept[sub.name] = copyJson(existing[sub.name])
  }
  return Object.keys(kept).length > 0 ? kept : undefined
}

/**
 * Checks and cleans one attribute value against its definition; returns undefined when the attribute ends up without
 * a value (null, an empty list or object, or readOnly input, which is ignored). On replace, an immutable attribute
 * that already has a value must keep it (omitting it keeps the existing value).
 */
export function cleanAttribute(
  definition: AttributeDefinition,
  value: unknown,
  where: Where,
  mode: ValidationMode,
  existing: unknown,
): unknown {
  if (definition.mutability === 'readOnly') return undefined
  let cleaned: unknown
  if (isAbsent(value))
    cleaned = mode === 'replace' ? keptImmutableSubAttributes(definition, existing) : undefined
  else if (definition.multiValued) cleaned = cleanMultiValued(definition, value, where, mode)
  else if (Array.isArray(value))
    throw invalidAttribute(where, `a single ${definition.type} value, not a list`, value)
  else cleaned = cleanOne(definition, value, where, mode, existing)
  if (definition.mutability === 'immutable' && mode === 'replace' && !isAbsent(existing)) {
    if (cleaned === undefined) cleaned = copyJson(existing)
    else if (!sameValue(existing, cleaned, definition.caseExact)) {
      throw new ScimError(
        400,
        'mutability',
        `Attribute ${describeWhere(where)} is immutable: it is ${describeValue(existing)} and cannot change to ${describeValue(cleaned)}`,
      )
    }
  }
  if (cleaned === undefined && definition.required) {
    throw new ScimError(
      400,
      'invalidValue',
      `Attribute ${describeWhere(where)} is required (${expectedType(definition)})`,
    )
  }
  return cleaned
}
