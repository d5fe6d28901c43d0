import {
  type BulkMethod,
  type BulkOperation,
  type BulkOperationResponse,
  type BulkResponse,
  bulkResponse,
} from '../../scim/messages/bulk.js'
import { parseBulkRequest } from '../../scim/messages/bulk-request.js'
import { ScimError } from '../../scim/scim-error.js'
import type { ResourceTypeName } from '../store/types.js'
import type { ScimLimits } from './limits.js'
import {
  createResource,
  deleteResource,
  type OperationRequest,
  type OperationResult,
  patchResource,
  replaceResource,
} from './resource-operations.js'
import type { ScimRequestContext } from './scim-context.js'
import { toScimHttpError } from './scim-errors.js'

/** What a Bulk request runs with. */
export interface BulkContext {
  ctx: ScimRequestContext
  baseUrl: string
  limits: ScimLimits
  /** Milliseconds clock for per-operation durations. */
  now: () => number
}

const ENDPOINTS: Record<string, ResourceTypeName> = { users: 'User', groups: 'Group' }
const BULK_ID = /^bulkId:(.+)$/

/**
 * Runs a BulkRequest. Operations run in order; one whose data or path refers to `bulkId:x` waits until the operation
 * with bulkId x has created its resource (so order in the request does not matter); a reference nothing defines, or
 * a cycle, fails that operation with 409. After `failOnErrors` failures the rest are skipped. Throws ScimError 400
 * for a malformed request and 413 above maxOperations.
 */
export async function executeBulk(body: unknown, bulk: BulkContext): Promise<BulkResponse> {
  const request = parseBulkRequest(body, { maxOperations: bulk.limits.bulkMaxOperations })
  const operations = request.Operations
  const failOnErrors = request.failOnErrors
  const created = new Map<string, string>()
  const definedBy = new Map<string, number>()
  operations.forEach((op, i) => {
    if (op.bulkId !== undefined && op.method === 'POST') definedBy.set(op.bulkId, i)
  })
  const responses: (BulkOperationResponse | undefined)[] = new Array(operations.length)
  let pending = operations.map((_, i) => i)
  let errors = 0
  while (pending.length > 0 && (failOnErrors === undefined || errors < failOnErrors)) {
    const waiting: number[] = []
    for (const i of pending) {
      if (failOnErrors !== undefined && errors >= failOnErrors) break
      const op = operations[i] as BulkOperation
      const refs = bulkIdsIn(op)
      const unresolved = refs.filter((r) => !created.has(r))
      if (unresolved.some((r) => definedBy.has(r) && responses[definedBy.get(r) as number] === undefined)) {
        waiting.push(i)
        continue
      }
      const response =
        unresolved.length > 0
          ? failure(
              op,
              new ScimError(
                409,
                undefined,
                `bulkId "${unresolved[0]}" is not created by any POST of this request`,
              ),
            )
          : await run(op, created, bulk)
      responses[i] = response
      if (Number(response.status) >= 400) errors++
    }
    if (waiting.length === pending.length) {
      for (const i of waiting) {
        const op = operations[i] as BulkOperation
        responses[i] = failure(
          op,
          new ScimError(409, undefined, 'Circular bulkId references cannot be resolved'),
        )
        errors++
      }
      break
    }
    pending = waiting
  }
  return bulkResponse(responses.filter((r) => r !== undefined))
}

async function run(
  op: BulkOperation,
  created: Map<string, string>,
  bulk: BulkContext,
): Promise<BulkOperationResponse> {
  const started = bulk.now()
  const path = substitute(op.path, created) as string
  const data = substitute(op.data, created)
  const target = parsePath(path, op.method)
  let result: OperationResult | undefined
  let response: BulkOperationResponse
  try {
    if (target instanceof ScimError) throw target
    const req: OperationRequest = {
      ctx: bulk.ctx,
      baseUrl: bulk.baseUrl,
      type: target.type,
      id: target.id,
      body: data,
      ifMatch: op.version,
      minimal: true,
    }
    result = await dispatch(op.method, req)
    if (op.bulkId !== undefined && result.id !== undefined) created.set(op.bulkId, result.id)
    // A PATCH runs without a body (minimal) but reports 200, as RFC 7644 §3.7.3 shows it.
    response = {
      method: op.method,
      status: String(result.status === 204 && op.method === 'PATCH' ? 200 : result.status),
    }
    if (op.bulkId !== undefined) response.bulkId = op.bulkId
    if (result.etag) response.version = result.etag
    if (result.location) response.location = result.location
  } catch (error) {
    response = failure(op, toScimHttpError(error, bulk.limits.bulkMaxPayloadBytes).error)
  }
  bulk.ctx.activity?.push({
    method: op.method,
    path,
    resourceType: target instanceof ScimError ? null : target.type,
    resourceId: result?.id ?? (target instanceof ScimError ? null : (target.id ?? null)),
    status: Number(response.status),
    durationMs: Math.round((bulk.now() - started) * 100) / 100,
  })
  return response
}

function dispatch(method: BulkMethod, req: OperationRequest): Promise<OperationResult> {
  switch (method) {
    case 'POST':
      return createResource(req)
    case 'PUT':
      return replaceResource(req)
    case 'PATCH':
      return patchResource(req)
    default:
      return deleteResource(req)
  }
}

function failure(op: BulkOperation, error: ScimError): BulkOperationResponse {
  const response: BulkOperationResponse = {
    method: op.method,
    status: String(error.status),
    response: error.toBody(),
  }
  if (op.bulkId !== undefined) response.bulkId = op.bulkId
  return response
}

function parsePath(path: string, method: string): { type: ResourceTypeName; id?: string } | ScimError {
  const match = /^\/?(Users|Groups)(?:\/([^/?]+))?\/?$/i.exec(path)
  const type = match ? ENDPOINTS[(match[1] as string).toLowerCase()] : undefined
  if (!match || !type)
    return new ScimError(
      400,
      'invalidPath',
      `Bulk path "${path}" must be /Users, /Groups or /Users/{id}, /Groups/{id}`,
    )
  const id = match[2] === undefined ? undefined : decodeURIComponent(match[2])
  if (method === 'POST' && id !== undefined)
    return new ScimError(400, 'invalidPath', `POST goes to /${match[1]}, not to "${path}"`)
  if (method !== 'POST' && id === undefined)
    return new ScimError(400, 'invalidPath', `${method} needs a resource id in its path, got "${path}"`)
  return id === undefined ? { type } : { type, id }
}

/** Every `bulkId:x` reference in an operation's path and data. */
function bulkIdsIn(op: BulkOperation): string[] {
  const found = new Set<string>()
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      const match = BULK_ID.exec(value)
      if (match) found.add(match[1] as string)
    } else if (Array.isArray(value)) value.forEach(visit)
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(visit)
  }
  for (const segment of op.path.split('/')) visit(segment)
  visit(op.data)
  return [...found]
}

/** A copy of `value` with every `bulkId:x` string (or path segment) replaced by the id created for x. */
function substitute(value: unknown, created: Map<string, string>): unknown {
  if (typeof value === 'string') {
    if (value.includes('/'))
      return value
        .split('/')
        .map((s) => substitute(s, created))
        .join('/')
    const match = BULK_ID.exec(value)
    return match && created.has(match[1] as string) ? created.get(match[1] as string) : value
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, created))
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = substitute(v, created)
    return out
  }
  return value
}
