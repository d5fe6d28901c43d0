import { isJsonObject } from '../canonical/json-value.js'
import type { AttributeDefinition } from '../schema/types.js'
import { findKey, subAttributeOf } from './attribute-keys.js'

/** Deep equality of two JSON values; object keys compare ignoring order, strings exactly. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false
    return true
  }
  if (!isJsonObject(a) || !isJsonObject(b)) return false
  const keys = Object.keys(a)
  if (keys.length !== Object.keys(b).length) return false
  for (const key of keys) if (!Object.hasOwn(b, key) || !jsonEqual(a[key], b[key])) return false
  return true
}

/** Equality of two values of one (simple) attribute: strings ignore case unless the attribute is caseExact. */
export function attributeValuesEqual(definition: AttributeDefinition, a: unknown, b: unknown): boolean {
  if (!definition.caseExact && typeof a === 'string' && typeof b === 'string') {
    return a === b || a.toLowerCase() === b.toLowerCase()
  }
  return jsonEqual(a, b)
}

/**
 * Whether two values of a multi-valued attribute are "the same value" for add (RFC 7644 §3.5.2.1: adding a value
 * that is already there changes nothing). Complex values with a `value` sub-attribute are the same when their
 * `value`s are equal (so re-adding a group member with another `display` is still a no-op); other values when
 * they are equal as JSON.
 */
export function sameMultiValue(definition: AttributeDefinition, existing: unknown, added: unknown): boolean {
  const valueSub = definition.type === 'complex' ? subAttributeOf(definition, 'value') : undefined
  if (valueSub && isJsonObject(existing) && isJsonObject(added) && added.value !== undefined) {
    const key = findKey(existing, 'value')
    return key !== undefined && attributeValuesEqual(valueSub, existing[key], added.value)
  }
  if (definition.type !== 'complex') return attributeValuesEqual(definition, existing, added)
  return jsonEqual(existing, added)
}
