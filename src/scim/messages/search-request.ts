import { isJsonObject, type JsonObject } from '../canonical/json-value.js'
import { parseAttributeList } from '../projection/attribute-list.js'
import { SEARCH_REQUEST_URN } from '../schema/urns.js'
import { ScimError } from '../scim-error.js'
import { member, messageBody } from './message-body.js'

/** The query of a list or search (RFC 7644 §3.4.2, §3.4.3; RFC 9865 `cursor`), checked but not yet interpreted. */
export interface SearchRequest {
  attributes?: string[]
  excludedAttributes?: string[]
  /** The filter text, for parseFilter. */
  filter?: string
  sortBy?: string
  sortOrder?: 'ascending' | 'descending'
  /** 1-based; a value below 1 is read as 1 (RFC 7644 §3.4.2.4). */
  startIndex?: number
  /** A negative value is read as 0 (RFC 7644 §3.4.2.4). */
  count?: number
  /** RFC 9865: `''` asks for the first page of cursor pagination. */
  cursor?: string
}

function invalid(name: string, expected: string, value: unknown): ScimError {
  return new ScimError(400, 'invalidValue', `"${name}" must be ${expected}, got ${JSON.stringify(value)}`)
}

function text(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw invalid(name, 'a string (given once)', value)
  return value
}

function integer(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined
  const n = typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value) ? Number(value) : value
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw invalid(name, 'an integer', value)
  return n
}

function read(get: (name: string) => unknown): SearchRequest {
  const request: SearchRequest = {}
  const attributes = get('attributes')
  if (attributes !== undefined && attributes !== null) request.attributes = parseAttributeList(attributes)
  const excluded = get('excludedAttributes')
  if (excluded !== undefined && excluded !== null) request.excludedAttributes = parseAttributeList(excluded)
  const filter = text(get('filter'), 'filter')
  if (filter !== undefined && filter.trim() !== '') request.filter = filter
  const sortBy = text(get('sortBy'), 'sortBy')?.trim()
  if (sortBy) request.sortBy = sortBy
  const sortOrder = text(get('sortOrder'), 'sortOrder')?.trim().toLowerCase()
  if (sortOrder === 'ascending' || sortOrder === 'descending') request.sortOrder = sortOrder
  else if (sortOrder) throw invalid('sortOrder', '"ascending" or "descending"', get('sortOrder'))
  const startIndex = integer(get('startIndex'), 'startIndex')
  if (startIndex !== undefined) request.startIndex = Math.max(1, startIndex)
  const count = integer(get('count'), 'count')
  if (count !== undefined) request.count = Math.max(0, count)
  const cursor = text(get('cursor'), 'cursor')
  if (cursor !== undefined) request.cursor = cursor
  return request
}

/**
 * Reads a SearchRequest body (POST /.search, RFC 7644 §3.4.3): member names ignore case; `attributes` and
 * `excludedAttributes` may be lists or comma-separated strings; startIndex below 1 reads as 1 and a negative count
 * as 0. Throws ScimError 400 (invalidSyntax for a body that is not a SearchRequest, invalidValue naming a bad member).
 */
export function parseSearchRequest(body: unknown): SearchRequest {
  const message = messageBody(body, SEARCH_REQUEST_URN, 'SearchRequest message')
  return read((name) => member(message, name))
}

/**
 * Reads the query parameters of GET /Users and the like (values as a query-string parser gives them: strings, or
 * arrays for repeated names) by the same rules as parseSearchRequest. Parameter names ignore case. A repeated
 * parameter other than attributes/excludedAttributes is refused with 400 invalidValue.
 */
export function parseSearchParams(query: Record<string, unknown>): SearchRequest {
  const params: JsonObject = isJsonObject(query) ? query : {}
  return read((name) => member(params, name))
}
