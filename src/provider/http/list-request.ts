import { parseFilter } from '../../scim/filter/parse-filter.js'
import type { SearchRequest } from '../../scim/messages/search-request.js'
import { attrPathFromText } from '../../scim/schema/urn-path.js'
import type { QueryOptions, ReadOptions } from '../store/types.js'
import type { ScimLimits } from './limits.js'

/**
 * Turns a checked SearchRequest (from a query string or a /.search body) into store query options: the filter parsed
 * within the length and depth limits, `count` defaulted to the default page size and lowered to the maximum page
 * size (RFC 7644 §3.4.2.4), and `read`: which derived attributes to load. Throws ScimError 400 invalidFilter for a bad
 * filter.
 */
export function toQueryOptions(search: SearchRequest, limits: ScimLimits, read: ReadOptions): QueryOptions {
  const options: QueryOptions = {
    count: Math.min(search.count ?? limits.defaultPageSize, limits.maxPageSize),
    includeGroups: read.includeGroups,
    includeMembers: read.includeMembers,
  }
  if (search.filter !== undefined) {
    options.filter = parseFilter(search.filter, {
      maxLength: limits.maxFilterLength,
      maxDepth: limits.maxFilterDepth,
    })
  }
  if (search.sortBy !== undefined) options.sortBy = attrPathFromText(search.sortBy)
  if (search.sortOrder !== undefined) options.sortOrder = search.sortOrder
  if (search.startIndex !== undefined) options.startIndex = search.startIndex
  if (search.cursor !== undefined) options.cursor = search.cursor
  return options
}
