import { isJsonObject } from '../canonical/json-value.js'
import { findSubAttribute } from '../schema/sub-attribute-lookup.js'
import type { AttributeDefinition } from '../schema/types.js'
import { findKey } from './attribute-keys.js'

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

/** A test for "equal to `expected`" between values of one simple attribute: strings ignore case unless caseExact. */
function equalTo(definition: AttributeDefinition, expected: unknown): (value: unknown) => boolean {
  if (definition.caseExact || typeof expected !== 'string') return (value) => jsonEqual(value, expected)
  const lower = expected.toLowerCase()
  return (value) =>
    value === expected ||
    (typeof value === 'string' && value.length === lower.length && value.toLowerCase() === lower)
}

/**
 * A test for whether a value of a multi-valued attribute is "the same value" as `added`, for add (RFC 7644
 * §3.5.2.1: adding a value that is already there changes nothing). Complex values with a `value` sub-attribute are
 * the same when their `value`s are equal (so re-adding a group member with another `display` is still a no-op);
 * other values when they are equal as JSON.
 */
export function sameValueAs(definition: AttributeDefinition, added: unknown): (existing: unknown) => boolean {
  if (definition.type !== 'complex') return equalTo(definition, added)
  const valueSub = findSubAttribute(definition, 'value')
  if (!valueSub || !isJsonObject(added) || added.value === undefined)
    return (existing) => jsonEqual(existing, added)
  const matches = equalTo(valueSub, added.value)
  return (existing) => {
    if (!isJsonObject(existing)) return false
    const key = findKey(existing, 'value')
    return key !== undefined && matches(existing[key])
  }
}
