import { isJsonObject } from '../canonical/json-value.js'
import { BULK_REQUEST_URN } from '../schema/urns.js'
import { ScimError } from '../scim-error.js'
import type { BulkMethod, BulkOperation, BulkRequest } from './bulk.js'
import { member, messageBody } from './message-body.js'

const METHODS: readonly BulkMethod[] = ['POST', 'PUT', 'PATCH', 'DELETE']

/** The limits a BulkRequest is checked against (the service provider's `bulk.maxOperations`). */
export interface BulkLimits {
  maxOperations: number
}

function invalid(detail: string): ScimError {
  return new ScimError(400, 'invalidValue', detail)
}

function operation(raw: unknown, index: number, bulkIds: Set<string>): BulkOperation {
  const where = `Operations[${index}]`
  if (!isJsonObject(raw))
    throw new ScimError(400, 'invalidSyntax', `${where} must be an object with "method" and "path"`)
  const methodText = member(raw, 'method')
  const method = typeof methodText === 'string' ? (methodText.toUpperCase() as BulkMethod) : undefined
  if (!method || !METHODS.includes(method)) {
    throw invalid(
      `${where}: "method" must be one of POST, PUT, PATCH, DELETE, got ${JSON.stringify(methodText)}`,
    )
  }
  const path = member(raw, 'path')
  if (typeof path !== 'string' || !path.startsWith('/')) {
    throw invalid(`${where}: "path" must be a resource path such as "/Users", got ${JSON.stringify(path)}`)
  }
  const op: BulkOperation = { method, path }
  const bulkId = member(raw, 'bulkId')
  if (bulkId !== undefined && bulkId !== null) {
    if (typeof bulkId !== 'string' || bulkId === '')
      throw invalid(`${where}: "bulkId" must be a non-empty string`)
    if (bulkIds.has(bulkId)) throw invalid(`${where}: bulkId "${bulkId}" is used by an earlier operation`)
    bulkIds.add(bulkId)
    op.bulkId = bulkId
  } else if (method === 'POST') {
    throw invalid(`${where}: a POST needs a "bulkId" (RFC 7644 §3.7)`)
  }
  const version = member(raw, 'version')
  if (version !== undefined && version !== null) {
    if (typeof version !== 'string') throw invalid(`${where}: "version" must be an ETag string`)
    op.version = version
  }
  const data = member(raw, 'data')
  if (method !== 'DELETE') {
    if (!isJsonObject(data)) throw invalid(`${where}: a ${method} needs "data": a JSON object`)
    op.data = data
  }
  return op
}

/**
 * Reads a BulkRequest (RFC 7644 §3.7): `schemas` listing the BulkRequest URN when present; `Operations` an array of
 * at most `maxOperations` operations, each with a method (any case), a path starting with '/', `data` unless DELETE,
 * and a `bulkId` (required for POST, unique in the request); `failOnErrors` a positive integer when present.
 * Throws ScimError 413 naming the limit when there are too many operations (RFC 7644 §3.7.4: the payload-size limit is
 * the HTTP layer's), 400 invalidSyntax or invalidValue naming the operation at fault otherwise.
 */
export function parseBulkRequest(body: unknown, limits: BulkLimits): BulkRequest {
  const message = messageBody(body, BULK_REQUEST_URN, 'BulkRequest message')
  const operations = member(message, 'Operations')
  if (!Array.isArray(operations)) {
    throw new ScimError(400, 'invalidSyntax', 'A BulkRequest needs "Operations": an array of operations')
  }
  if (operations.length > limits.maxOperations) {
    throw new ScimError(
      413,
      undefined,
      `The BulkRequest has ${operations.length} operations; maxOperations is ${limits.maxOperations}`,
    )
  }
  const failOnErrors = member(message, 'failOnErrors')
  if (failOnErrors !== undefined && failOnErrors !== null) {
    if (typeof failOnErrors !== 'number' || !Number.isSafeInteger(failOnErrors) || failOnErrors < 1) {
      throw invalid(`"failOnErrors" must be a positive integer, got ${JSON.stringify(failOnErrors)}`)
    }
  }
  const bulkIds = new Set<string>()
  const request: BulkRequest = {
    schemas: [BULK_REQUEST_URN],
    Operations: operations.map((raw, index) => operation(raw, index, bulkIds)),
  }
  if (typeof failOnErrors === 'number') request.failOnErrors = failOnErrors
  return request
}
