import { schemaInResource } from '../schema/compiled-resource-schema.js'
import type { ResolvedAttribute, ResourceSchema } from '../schema/resource-schema.js'
import { findSubAttribute } from '../schema/sub-attribute-lookup.js'
import type { AttributeDefinition, ScimResource } from '../schema/types.js'
import { copyJson, isJsonObject, type JsonObject, setOwn } from './json-value.js'

/** The canonical copy of a complex value: known sub-attributes under their canonical names, unknown ones dropped. */
function canonicalComplex(attribute: AttributeDefinition, value: JsonObject): JsonObject {
  const out: JsonObject = {}
  for (const key in value) {
    const sub = findSubAttribute(attribute, key)
    const copied = sub && copyJson(value[key])
    if (sub && copied !== undefined) setOwn(out, sub.name, copied)
  }
  return out
}

/** The canonical copy of an attribute value; values of the wrong shape are copied as they are, for validation. */
function canonicalValue(attribute: AttributeDefinition, value: unknown): unknown {
  if (attribute.type !== 'complex') return copyJson(value)
  if (isJsonObject(value)) return canonicalComplex(attribute, value)
  if (attribute.multiValued && Array.isArray(value)) {
    return value.map((item) => (isJsonObject(item) ? canonicalComplex(attribute, item) : copyJson(item)))
  }
  return copyJson(value)
}

/** Puts one value where the resolved attribute lives, merging complex objects given in several pieces. */
function place(out: JsonObject, found: ResolvedAttribute, value: unknown): void {
  let container = out
  if (found.extension) {
    const existing = out[found.schema]
    container = isJsonObject(existing) ? existing : {}
    out[found.schema] = container
  }
  const name = found.attribute.name
  if (found.subAttribute) {
    // `name.givenName` as a key: only meaningful for a single-valued complex attribute.
    if (found.attribute.multiValued) return
    const parent = isJsonObject(container[name]) ? (container[name] as JsonObject) : {}
    parent[found.subAttribute.name] = copyJson(value)
    container[name] = parent
    return
  }
  const next = canonicalValue(found.attribute, value)
  if (next === undefined) return
  const previous = container[name]
  container[name] =
    !found.attribute.multiValued && isJsonObject(previous) && isJsonObject(next)
      ? { ...previous, ...next }
      : next
}

function orderedSchemas(resourceSchema: ResourceSchema, present: Set<string>): string[] {
  const schemas = [resourceSchema.core.id]
  for (const { schema } of resourceSchema.extensions) if (present.has(schema.id)) schemas.push(schema.id)
  return schemas
}

/**
 * A copy of a resource in canonical form (RFC 7643 §2.1, §3): attribute and sub-attribute names in the spelling of
 * their definition whatever case the client used; extension attributes under their schema URN key, also when given at
 * the top level as `urn:…:enterprise:2.0:User:employeeNumber`, as a dotted `name.givenName` key or unqualified;
 * attributes the schema does not define dropped (ignored, not rejected); `schemas` set to the core URN followed by the
 * known extensions that were listed or carry data. Values are copied, not checked: see validateResource. Never throws.
 *
 * @example canonicalizeResource({ USERNAME: 'bjensen', foo: 1 }, users)
 * // → { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'bjensen' }
 */
export function canonicalizeResource(resource: unknown, resourceSchema: ResourceSchema): ScimResource {
  const out: JsonObject = {}
  const present = new Set<string>()
  if (!isJsonObject(resource)) return { schemas: [resourceSchema.core.id] }
  for (const [key, value] of Object.entries(resource)) {
    if (key.toLowerCase() === 'schemas') {
      if (!Array.isArray(value)) continue
      for (const urn of value) {
        const known = typeof urn === 'string' ? schemaInResource(resourceSchema, urn) : undefined
        if (known) present.add(known.schema.id)
      }
      continue
    }
    const found = resourceSchema.resolve({ attribute: key })
    if (found) {
      place(out, found, value)
      continue
    }
    const schemaKey = schemaInResource(resourceSchema, key)
    if (!schemaKey || !isJsonObject(value)) continue
    present.add(schemaKey.schema.id)
    for (const inner in value) {
      const innerFound = resourceSchema.resolve({ schema: schemaKey.schema.id, attribute: inner })
      if (innerFound) place(out, innerFound, value[inner])
    }
  }
  for (const { schema } of resourceSchema.extensions) if (out[schema.id] !== undefined) present.add(schema.id)
  return { schemas: orderedSchemas(resourceSchema, present), ...out }
}
