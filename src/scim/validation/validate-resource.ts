import { canonicalizeResource } from '../canonical/canonicalize-resource.js'
import { isJsonObject, type JsonObject } from '../canonical/json-value.js'
import { schemaAttributes } from '../schema/compiled-resource-schema.js'
import type { ResourceSchema } from '../schema/resource-schema.js'
import type { ScimResource } from '../schema/types.js'
import { ScimError } from '../scim-error.js'
import { cleanAttribute, type ValidationMode } from './clean-attribute.js'

/** How to validate: `create` (POST) or `replace` (PUT, with the stored resource as `existing`). */
export interface ValidateOptions {
  mode: ValidationMode
  /** The stored resource a replace applies to: immutable attributes are checked against it. */
  existing?: ScimResource
}

/**
 * Validates a resource sent for create or replace (RFC 7643 §2, §7; RFC 7644 §3.3, §3.5.1) and returns it cleaned and
 * canonical (see canonicalizeResource): unknown attributes dropped; readOnly attributes (id, meta, groups…) dropped,
 * since the service provider sets them; null and empty lists treated as unassigned; "True"/"False" strings turned into
 * booleans where the schema says boolean; canonical values in canonical spelling; one value where a multi-valued
 * attribute is expected wrapped in a list. On replace, an immutable attribute keeps its existing value when omitted.
 *
 * Throws ScimError 400 `invalidValue` (wrong type, missing required attribute or extension, a value outside a strict
 * canonical list, several primary values), 400 `mutability` (an immutable attribute changed on replace) or
 * 400 `invalidSyntax` (the body is not a JSON object). Each message names the attribute's full path.
 */
export function validateResource(
  input: unknown,
  resourceSchema: ResourceSchema,
  options: ValidateOptions,
): ScimResource {
  if (!isJsonObject(input)) {
    throw new ScimError(
      400,
      'invalidSyntax',
      'The request body must be a JSON object holding one SCIM resource',
    )
  }
  const canonical = canonicalizeResource(input, resourceSchema)
  const existing = options.existing ? canonicalizeResource(options.existing, resourceSchema) : undefined
  const schemas = new Set(canonical.schemas as string[])
  const out: ScimResource = {}
  for (const group of schemaAttributes(resourceSchema)) {
    const urn = group.schema.id
    const source = group.extension ? canonical[urn] : canonical
    const before = group.extension ? existing?.[urn] : existing
    const target: JsonObject = group.extension ? {} : out
    for (const definition of group.attributes) {
      const path = group.extension ? `${urn}:${definition.name}` : definition.name
      const value = isJsonObject(source) ? source[definition.name] : undefined
      const previous = isJsonObject(before) ? before[definition.name] : undefined
      const cleaned = cleanAttribute(definition, value, { path }, options.mode, previous)
      if (cleaned !== undefined) target[definition.name] = cleaned
    }
    if (!group.extension) continue
    if (Object.keys(target).length > 0) {
      out[urn] = target
      schemas.add(urn)
    } else if (group.required) {
      throw new ScimError(
        400,
        'invalidValue',
        `Schema extension "${urn}" is required for resource type "${resourceSchema.resourceType.name}" but has no attributes`,
      )
    }
  }
  const ordered = [resourceSchema.core.id, ...resourceSchema.extensions.map((e) => e.schema.id)]
  return { schemas: ordered.filter((urn) => schemas.has(urn)), ...out }
}
