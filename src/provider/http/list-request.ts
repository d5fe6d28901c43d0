import { parseFilter } from '../../scim/filter/parse-filter.js'
import { attrPathFromText } from '../../scim/schema/urn-path.js'
import { ScimError } from '../../scim/scim-error.js'
import type { QueryOptions, SortOrder } from '../store/types.js'
import type { ScimLimits } from './limits.js'

/** The list parameters of GET query strings and SearchRequest bodies (RFC 7644 §3.4.2, §3.4.3, RFC 9865). */
export interface ListParameters {
  filter?: unknown
  sortBy?: unknown
  sortOrder?: unknown
  startIndex?: unknown
  count?: unknown
  cursor?: unknown
}

/**
 * Turns list parameters (strings from a query string, or JSON values from a SearchRequest) into store query options:
 * the filter parsed within the length and depth limits, `count` defaulted to the default page size and lowered to
 * the maximum, `startIndex` below 1 read as 1. Throws ScimError 400 (invalidFilter, invalidValue) naming the bad
 * parameter.
 */
export function toQueryOptions(params: ListParameters, limits: ScimLimits): QueryOptions {
  const options: QueryOptions = {}
  const filter = text(params.filter, 'filter')
  if (filter !== undefined && filter.trim() !== '') {
    options.filter = parseFilter(filter, { maxLength: limits.maxFilterLength, maxDepth: limits.maxFilterDepth })
  }
  const sortBy = text(params.sortBy, 'sortBy')
  if (sortBy !== undefined && sortBy.trim() !== '') options.sortBy = attrPathFromText(sortBy.trim())
  const sortOrder = text(params.sortOrder, 'sortOrder')
  if (sortOrder !== undefined && sortOrder !== '') options.sortOrder = parseSortOrder(sortOrder)
  const startIndex = integer(params.startIndex, 'startIndex')
  if (startIndex !== undefined) options.startIndex = Math.max(1, startIndex)
  const count = integer(params.count, 'count')
  options.count = count === undefined ? limits.defaultPageSize : Math.min(Math.max(0, count), limits.maxPageSize)
  const cursor = text(params.cursor, 'cursor')
  if (cursor !== undefined) options.cursor = cursor
  return options
}

function parseSortOrder(value: string): SortOrder {
  const lower = value.toLowerCase()
  if (lower === 'ascending' || lower === 'descending') return lower
  throw new ScimError(400, 'invalidValue', `sortOrder must be "ascending" or "descending", got "${value}"`)
}

function text(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined
  if (Array.isArray(value)) throw new ScimError(400, 'invalidValue', `${name} was given more than once`)
  if (typeof value !== 'string') throw new ScimError(400, 'invalidValue', `${name} must be a string`)
  return value
}

function integer(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined
  if (Array.isArray(value)) throw new ScimError(400, 'invalidValue', `${name} was given more than once`)
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : Number.NaN
  if (!Number.isSafeInteger(n)) throw new ScimError(400, 'invalidValue', `${name} must be an integer, got ${JSON.stringify(value)}`)
  return n
}
