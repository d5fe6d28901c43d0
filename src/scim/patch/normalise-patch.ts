import { parsePatchRequest } from '../messages/patch-request.js'
import type { PatchPath } from '../path/ast.js'
import type { ResourceSchema } from '../schema/resource-schema.js'
import { attrPathFromText } from '../schema/urn-path.js'
import { isScimError, ScimError } from '../scim-error.js'
import { opFromClient, removalsByValue } from './client-dialects.js'
import { checkValueFilter } from './element-filter.js'
import { expandPathless } from './expand-pathless.js'
import { parsePathCached } from './parsed-paths.js'
import type { PatchOperation, RawPatchOperation } from './patch-operation.js'
import { resolveTarget } from './patch-target.js'
import { conformTargetValue } from './target-value.js'

/**
 * Parses an operation's path. Names with spaces, which the registry allows for custom extensions (Peakon's
 * `urn:ietf:params:scim:schemas:extension:peakon:2.0:User:Business Unit`), are outside the RFC 7644 path grammar:
 * a path without a value filter that the grammar refuses is read as a plain attribute name when the schema knows it.
 */
function parseOperationPath(text: string, schema: ResourceSchema, where: string): PatchPath {
  try {
    return parsePathCached(text)
  } catch (error) {
    if (!isScimError(error)) throw error
    const attr = text.includes('[') ? undefined : attrPathFromText(text.trim())
    if (attr && schema.resolve(attr)) return { attr }
    throw new ScimError(
      400,
      'invalidPath',
      `${where}: invalid path ${JSON.stringify(text)}: ${error.message}`,
    )
  }
}

function normaliseOperation(
  raw: RawPatchOperation,
  where: string,
  schema: ResourceSchema,
  out: PatchOperation[],
): void {
  const op = opFromClient(raw.op, where)
  const { value } = raw
  if (raw.path === undefined) {
    if (op === 'remove')
      throw new ScimError(400, 'noTarget', `${where}: "remove" needs a "path" (RFC 7644 §3.5.2.2)`)
    for (const expanded of expandPathless(op, value, schema, where)) {
      const target = resolveTarget(expanded.path!, schema, where)
      out.push({ op, path: expanded.path, value: conformTargetValue(target, expanded.value, where) })
    }
    return
  }
  const path = parseOperationPath(raw.path, schema, where)
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
 * (see client-dialects.ts, conform-value.ts and expand-pathless.ts). The message itself is checked by
 * parsePatchRequest (`schemas` may be omitted; member names ignore case). Path-less operations come out as one
 * operation per attribute.
 *
 * Throws ScimError 400 whose message starts with the operation (`Operations[1]: …`): invalidSyntax for a malformed
 * message or `op`, invalidPath for an unparsable path or unknown attribute, mutability for a readOnly target,
 * noTarget for a path-less remove, invalidValue for a missing or mistyped value.
 *
 * @example normalisePatch({ Operations: [{ op: 'Replace', path: 'active', value: 'False' }] }, userSchema)
 * // → [{ op: 'replace', path: { attr: { attribute: 'active' } }, value: false }]
 */
export function normalisePatch(body: unknown, schema: ResourceSchema): PatchOperation[] {
  const operations = parsePatchRequest(body).Operations
  const out: PatchOperation[] = []
  for (let i = 0; i < operations.length; i++)
    normaliseOperation(operations[i], `Operations[${i}]`, schema, out)
  return out
}
