import { isJsonObject, type JsonObject } from '../canonical/json-value.js'
import { ScimError } from '../scim-error.js'

/** A member of a message by name, ignoring case (`Operations`, `operations`), as RFC 7643 §2.1 makes names. */
export function member(body: JsonObject, name: string): unknown {
  if (name in body) return body[name]
  const lower = name.toLowerCase()
  for (const key of Object.keys(body)) if (key.toLowerCase() === lower) return body[key]
  return undefined
}

/**
 * The body of a SCIM message (RFC 7644 §3.4.3, §3.5.2, §3.7) as a JSON object. `schemas` may be omitted (the members
 * already say what the body is) but when present it must list `urn`, so that a resource sent to the wrong endpoint
 * is refused rather than misread. Throws ScimError 400 invalidSyntax.
 */
export function messageBody(body: unknown, urn: string, message: string): JsonObject {
  if (!isJsonObject(body))
    throw new ScimError(400, 'invalidSyntax', `The request body must be a JSON object: a ${message}`)
  const schemas = member(body, 'schemas')
  if (schemas === undefined) return body
  const lower = urn.toLowerCase()
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === lower)) {
    throw new ScimError(400, 'invalidSyntax', `"schemas" of a ${message} must contain "${urn}"`)
  }
  return body
}
