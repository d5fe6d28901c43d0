import { isJsonObject } from '../canonical/json-value.js'
import type { PatchPath } from '../path/ast.js'
import type { ResourceSchema } from '../schema/resource-schema.js'
import { PATCH_OP_URN } from '../schema/urns.js'
import { isScimError, ScimError } from '../scim-error.js'
import { findKey } from './attribute-keys.js'
import { opFromClient, removalsByValue } from './client-dialects.js'
import { checkValueFilter } from './element-filter.js'
import { expandPathless } from './expand-pathless.js'
import { parsePathCached } from './parsed-paths.js'
import type { PatchOperation } from './patch-operation.js'
import { resolveTarget } from './patch-target.js'
import { conformTargetValue } from './target-value.js'

function invalidSyntax(detail: string): ScimError {
  return new ScimError(400, 'invalidSyntax', detail)
}

/** A member of a JSON object by name, ignoring case (`Operations`, `operations`; `op`, `Op`). */
function member(obj: Record<string, unknown>, name: string): unknown {
  const key = findKey(obj, name)
  return key === undefined ? undefined : obj[key]
}

/**
 * The operations of a PatchOp message. `schemas` may be omitted (the `Operations` member already says what the body
 * is), but when present it must list the PatchOp URN: a resource sent to PATCH by mistake is refused rather than
 * misread.
 */
function readOperations(body: unknown): unknown[] {
  if (!isJsonObject(body))
    throw invalidSyntax('The PATCH body must be a JSON object: a PatchOp message (RFC 7644 §3.5.2)')
  const schemas = member(body, 'schemas')
  if (schemas !== undefined) {
    const lower = PATCH_OP_URN.toLowerCase()
    const listsPatchOp =
      Array.isArray(schemas) && schemas.some((s) => typeof s === 'string' && s.toLowerCase() === lower)
    if (!listsPatchOp) throw invalidSyntax(`"schemas" of a PATCH body must contain "${PATCH_OP_URN}"`)
  }
  const operations = member(body, 'Operations')
  if (!Array.isArray(operations) || operations.length === 0) {
    throw invalidSyntax('The PATCH body needs "Operations": an array of one or more operations')
  }
  return operations
}

function parseOperationPath(text: unknown, where: string): PatchPath {
  if (typeof text !== 'string') throw new ScimError(400, 'invalidPath', `${where}: "path" must be a string`)
  try {
    return parsePathCached(text)
  } catch (error) {
    if (!isScimError(error)) throw error
    throw new ScimError(
      400,
      'invalidPath',
      `${where}: invalid path ${JSON.stringify(text)}: ${error.message}`,
    )
  }
}

function normaliseOperation(
  raw: unknown,
  where: string,
  schema: ResourceSchema,
  out: PatchOperation[],
): void {
  if (!isJsonObject(raw)) throw invalidSyntax(`${where} must be a JSON object with "op", "path" and "value"`)
  const op = opFromClient(member(raw, 'op'), where)
  const pathText = member(raw, 'path')
  const value = member(raw, 'value')
  if (pathText === undefined || pathText === null) {
    if (op === 'remove')
      throw new ScimError(400, 'noTarget', `${where}: "remove" needs a "path" (RFC 7644 §3.5.2.2)`)
    for (const expanded of expandPathless(op, value, schema, where)) {
      const target = resolveTarget(expanded.path!, schema, where)
      out.push({ op, path: expanded.path, value: conformTargetValue(target, expanded.value, where) })
    }
    return
  }
  const path = parseOperationPath(pathText, where)
  const target = resolveTarget(path, schema, where)
  checkValueFilter(target, schema, where)
  if (op === 'remove') {
    const removals = removalsByValue(path, target, value, where)
    if (removals) out.push(...removals)
    else out.push({ op, path })
    return
  }
  if (value === undefined) throw new ScimError(400, 'invalidValue', `${where}: "${op}" needs a "value"`)
  out.push({ op, path, value: conformTargetValue(target, value, where) })
}

/**
 * Validates a PATCH request body (a PatchOp message, RFC 7644 §3.5.2) and turns it into RFC operations, once, at
 * the edge: `op` lower-cased, paths parsed and checked against the schema, values type-checked with canonical
 * attribute names, and the client dialects of Entra, Okta and Microsoft's test collection rewritten into RFC form
 * (see client-dialects.ts, conform-value.ts and expand-pathless.ts). Path-less operations come out as one operation
 * per attribute.
 *
 * Throws ScimError 400 whose message starts with the operation (`Operations[1]: …`): invalidSyntax for a malformed
 * message or `op`, invalidPath for an unparsable path or unknown attribute, mutability for a readOnly target,
 * noTarget for a path-less remove, invalidValue for a missing or mistyped value.
 *
 * @example normalisePatch({ Operations: [{ op: 'Replace', path: 'active', value: 'False' }] }, userSchema)
 * // → [{ op: 'replace', path: { attr: { attribute: 'active' } }, value: false }]
 */
export function normalisePatch(body: unknown, schema: ResourceSchema): PatchOperation[] {
  const operations = readOperations(body)
  const out: PatchOperation[] = []
  for (let i = 0; i < operations.length; i++)
    normaliseOperation(operations[i], `Operations[${i}]`, schema, out)
  return out
}
