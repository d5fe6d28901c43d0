import { BULK_RESPONSE_URN } from '../schema/urns.js'
import type { ScimErrorBody } from '../scim-error.js'

/** The HTTP methods of a bulk operation (RFC 7644 §3.7). */
export type BulkMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** One operation of a BulkRequest. */
export interface BulkOperation {
  method: BulkMethod
  /** Required for POST: the name other operations use as `bulkId:<id>`. */
  bulkId?: string
  /** An ETag the resource must match (If-Match). */
  version?: string
  /** `/Users`, `/Groups/{id}`… relative to the SCIM base URL. */
  path: string
  data?: unknown
}

/** A BulkRequest (RFC 7644 §3.7.1). */
export interface BulkRequest {
  schemas: string[]
  failOnErrors?: number
  Operations: BulkOperation[]
}

/** One entry of a BulkResponse (RFC 7644 §3.7.3): `status` is a string, as the RFC prints it. */
export interface BulkOperationResponse {
  method: BulkMethod
  bulkId?: string
  version?: string
  location?: string
  status: string
  response?: ScimErrorBody | Record<string, unknown>
}

/** A BulkResponse (RFC 7644 §3.7.3). */
export interface BulkResponse {
  schemas: [typeof BULK_RESPONSE_URN]
  Operations: BulkOperationResponse[]
}

/** A BulkResponse message for the given operation results, in request order. */
export function bulkResponse(operations: BulkOperationResponse[]): BulkResponse {
  return { schemas: [BULK_RESPONSE_URN], Operations: operations }
}
