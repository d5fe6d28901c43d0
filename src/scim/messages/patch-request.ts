import { isJsonObject } from '../canonical/json-value.js'
import type { RawPatchOperation, RawPatchRequest } from '../patch/patch-operation.js'
import { PATCH_OP_URN } from '../schema/urns.js'
import { ScimError } from '../scim-error.js'
import { member, messageBody } from './message-body.js'

/**
 * The shape of a PatchOp request (RFC 7644 §3.5.2): `schemas` (optional, but listing the PatchOp URN when present)
 * and a non-empty `Operations` array of objects with a string `op`, an optional string `path` and a `value`. Member
 * names ignore case. Operations stay raw (any `op` case, path as text): normalisePatch turns them into RFC form.
 * Throws ScimError 400 invalidSyntax naming the operation at fault.
 */
export function parsePatchRequest(body: unknown): RawPatchRequest {
  const message = messageBody(body, PATCH_OP_URN, 'PatchOp message')
  const operations = member(message, 'Operations')
  if (!Array.isArray(operations) || operations.length === 0) {
    throw new ScimError(
      400,
      'invalidSyntax',
      'A PatchOp message needs "Operations": an array of one or more operations',
    )
  }
  const parsed = operations.map((raw, index): RawPatchOperation => {
    const where = `Operations[${index}]`
    if (!isJsonObject(raw)) throw new ScimError(400, 'invalidSyntax', `${where} must be an object with "op"`)
    const op = member(raw, 'op')
    if (typeof op !== 'string')
      throw new ScimError(400, 'invalidSyntax', `${where} needs "op": "add", "remove" or "replace"`)
    const path = member(raw, 'path')
    if (path !== undefined && path !== null && typeof path !== 'string') {
      throw new ScimError(400, 'invalidPath', `${where}: "path" must be a string`)
    }
    const operation: RawPatchOperation = { op }
    if (typeof path === 'string') operation.path = path
    const value = member(raw, 'value')
    if (value !== undefined) operation.value = value
    return operation
  })
  return { schemas: [PATCH_OP_URN], Operations: parsed }
}
