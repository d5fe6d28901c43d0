import { isJsonObject } from '../canonical/json-value.js'
import type { AttrPath } from '../filter/ast.js'
import { schemaInResource } from '../schema/compiled-resource-schema.js'
import type { ResourceSchema } from '../schema/resource-schema.js'
import { attrPathFromText } from '../schema/urn-path.js'
import { ScimError } from '../scim-error.js'
import type { PatchOperation } from './patch-operation.js'

function push(
  out: PatchOperation[],
  op: 'add' | 'replace',
  attr: AttrPath,
  value: unknown,
  schema: ResourceSchema,
): void {
  const resolved = schema.resolve(attr)
  // Unknown attributes are ignored; readOnly ones (Okta sends the group's `id`) are the server's to set.
  if (
    !resolved ||
    resolved.attribute.mutability === 'readOnly' ||
    resolved.subAttribute?.mutability === 'readOnly'
  ) {
    return
  }
  if (value === null && op === 'add') return
  out.push({ op, path: { attr }, value })
}

/**
 * Turns a path-less add or replace (RFC 7644 §3.5.2.1, §3.5.2.3: "the target location is the resource itself") into
 * one operation per attribute of its value object, with a path. Accepts the keys real clients write:
 * - plain and URN-keyed objects: `{"displayName":"x","urn:…:enterprise:2.0:User":{"department":"y"}}` (RFC form);
 * - dotted keys `"name.givenName"` and URN-qualified keys `"urn:…:enterprise:2.0:User:employeeNumber"`: Entra's
 *   `aadOptscim062020` dialect replaces several attributes in one path-less op (entra-client-behavior.md §2.5);
 * - Okta's `{"op":"replace","value":{"active":false}}` and its group rename that repeats the readOnly `id`.
 *
 * Unknown attributes, readOnly attributes and `schemas` are ignored (tolerant, RFC 7643 §2.2 for readOnly); a null
 * in an add adds nothing. A value that is not a JSON object is a ScimError 400 invalidValue.
 */
export function expandPathless(
  op: 'add' | 'replace',
  value: unknown,
  schema: ResourceSchema,
  where: string,
): PatchOperation[] {
  if (!isJsonObject(value)) {
    throw new ScimError(
      400,
      'invalidValue',
      `${where}: an "${op}" without "path" needs a JSON object "value" holding the attributes to ${op}`,
    )
  }
  const out: PatchOperation[] = []
  for (const key in value) {
    const item = value[key]
    const urnSchema = key.includes(':') ? schemaInResource(schema, key) : undefined
    if (!urnSchema) {
      push(out, op, attrPathFromText(key), item, schema)
      continue
    }
    if (!isJsonObject(item)) {
      throw new ScimError(
        400,
        'invalidValue',
        `${where}: "${key}" needs a JSON object holding that schema's attributes`,
      )
    }
    for (const name in item)
      push(out, op, { ...attrPathFromText(name), schema: urnSchema.schema.id }, item[name], schema)
  }
  return out
}
