import type { AttributeDefinition } from '../schema/types.js'
import { ScimError } from '../scim-error.js'
import { describeWhere, invalidAttribute, type Where } from './attribute-error.js'
import { isXsdDateTime } from './xsd-date-time.js'

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/** The lenient boolean of RFC-minded but tolerant input: true/false, or the strings "True"/"False" in any case. */
export function lenientBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value
  if (typeof value !== 'string') return undefined
  const lower = value.toLowerCase()
  return lower === 'true' ? true : lower === 'false' ? false : undefined
}

/** Keeps the canonical spelling of a value that matches a canonical value ignoring case; strict lists reject others. */
function canonicalSpelling(definition: AttributeDefinition, value: string, where: Where): string {
  const canonical = definition.canonicalValues
  if (!canonical?.length) return value
  const lower = value.toLowerCase()
  const match = canonical.find((c) => c.toLowerCase() === lower)
  if (match !== undefined) return match
  if (definition.strictCanonicalValues) {
    throw new ScimError(
      400,
      'invalidValue',
      `Attribute ${describeWhere(where)} must be one of ${canonical.map((c) => JSON.stringify(c)).join(', ')}, got ${JSON.stringify(value)}`,
    )
  }
  return value
}

/**
 * Checks one non-null value of a simple (not complex) attribute against its type (RFC 7643 §2.3) and returns it
 * cleaned: "True"/"False" strings become booleans, canonical values take their canonical spelling.
 * Throws ScimError 400 invalidValue naming the attribute and the expected type.
 */
export function cleanSimpleValue(definition: AttributeDefinition, value: unknown, where: Where): unknown {
  switch (definition.type) {
    case 'string':
      if (typeof value !== 'string') throw invalidAttribute(where, 'a string', value)
      return canonicalSpelling(definition, value, where)
    case 'reference':
      if (typeof value !== 'string') throw invalidAttribute(where, 'a reference (a URI string)', value)
      return canonicalSpelling(definition, value, where)
    case 'boolean': {
      const result = lenientBoolean(value)
      if (result === undefined) throw invalidAttribute(where, 'a boolean (true or false)', value)
      return result
    }
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value))
        throw invalidAttribute(where, 'an integer', value)
      return value
    case 'decimal':
      if (typeof value !== 'number' || !Number.isFinite(value))
        throw invalidAttribute(where, 'a decimal number', value)
      return value
    case 'dateTime':
      if (typeof value !== 'string' || !isXsdDateTime(value)) {
        throw invalidAttribute(where, 'an xsd:dateTime such as "2008-01-23T04:56:22Z"', value)
      }
      return value
    case 'binary':
      if (typeof value !== 'string' || !BASE64.test(value.replace(/\s+/g, ''))) {
        throw invalidAttribute(where, 'base64-encoded binary', value)
      }
      return value
    case 'complex':
      throw invalidAttribute(where, 'an object', value)
  }
}
