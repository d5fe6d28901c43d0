import { isJsonObject } from '../canonical/json-value.js'
import { findSubAttribute } from '../schema/sub-attribute-lookup.js'
import type { AttributeDefinition } from '../schema/types.js'
import { isScimError, ScimError } from '../scim-error.js'
import { describeValue } from '../validation/attribute-error.js'
import { cleanSimpleValue } from '../validation/simple-value.js'

/**
 * Client dialect: a bare string (or number) where the schema has a complex attribute with a `value` sub-attribute.
 * Entra sets the manager as `{"path":"urn:…:enterprise:2.0:User:manager","value":"2c2f6fb8-…"}` (observed,
 * entra-client-behavior.md §2.3), and Microsoft's Postman collection adds a group member as `"value":"string id 1"`.
 * Returns `{ value }`, or undefined when the attribute has no `value` sub-attribute or the value is not a scalar.
 */
function complexFromBareValue(
  definition: AttributeDefinition,
  value: unknown,
): { value: unknown } | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined
  return findSubAttribute(definition, 'value') ? { value } : undefined
}

/**
 * Client dialect: a single-valued attribute given as a one-element list. Entra's documented manager update is
 * `{"op":"Add","path":"manager","value":[{"$ref":"http://…/Users/<id>","value":"<id>"}]}`
 * (entra-client-behavior.md §2.3). Returns the one element, or the value unchanged.
 */
function singleFromOneElementList(value: unknown): unknown {
  return Array.isArray(value) && value.length === 1 ? value[0] : value
}

function conformComplex(
  definition: AttributeDefinition,
  value: unknown,
  name: string,
  where: string,
): Record<string, unknown> {
  const input: Record<string, unknown> | undefined = isJsonObject(value)
    ? value
    : complexFromBareValue(definition, value)
  if (!input) {
    throw new ScimError(
      400,
      'invalidValue',
      `${where}: "${name}" must be a complex value (a JSON object), got ${describeValue(value)}`,
    )
  }
  const out: Record<string, unknown> = {}
  for (const key in input) {
    const sub = findSubAttribute(definition, key)
    const subValue = input[key]
    // Unknown sub-attributes are ignored, readOnly ones are the server's to set (RFC 7643 §2.2).
    if (!sub || sub.mutability === 'readOnly' || subValue === null || subValue === undefined) continue
    const conformed = conformValue(sub, subValue, `${name}.${sub.name}`, where)
    if (conformed !== null) out[sub.name] = conformed
  }
  return out
}

/**
 * One (single) value of an attribute, checked against its definition and returned cleaned: complex values with
 * canonical sub-attribute names (unknown and readOnly ones dropped, a bare value taken as `value`), simple values as
 * validateResource cleans them ("True"/"False" strings become booleans, canonical values their canonical spelling).
 * Throws ScimError 400 invalidValue whose message starts with `where` and names the attribute.
 */
export function conformSingleValue(
  definition: AttributeDefinition,
  value: unknown,
  name: string,
  where: string,
): unknown {
  if (definition.type === 'complex') return conformComplex(definition, value, name, where)
  try {
    return cleanSimpleValue(definition, value, { path: name })
  } catch (error) {
    if (!isScimError(error)) throw error
    throw new ScimError(error.status, error.scimType, `${where}: ${error.message}`)
  }
}

/**
 * A value for a whole attribute: an array for a multi-valued one (a single value is wrapped, null elements dropped,
 * at most one primary value, RFC 7643 §2.4), one value otherwise. `null` stays `null`, which the caller treats as "unassign" (RFC 7643 §2.5).
 */
export function conformValue(
  definition: AttributeDefinition,
  value: unknown,
  name: string,
  where: string,
): unknown {
  if (value === null) return null
  if (!definition.multiValued)
    return conformSingleValue(definition, singleFromOneElementList(value), name, where)
  const items = Array.isArray(value) ? value : [value]
  const out: unknown[] = []
  let primaries = 0
  for (const item of items) {
    if (item === null || item === undefined) continue
    const conformed = conformSingleValue(definition, item, name, where)
    if (isJsonObject(conformed) && conformed.primary === true) primaries++
    out.push(conformed)
  }
  if (primaries > 1) {
    throw new ScimError(
      400,
      'invalidValue',
      `${where}: at most one value of "${name}" may be primary, got ${primaries}`,
    )
  }
  return out
}
