import type { AttrPath } from '../../scim/filter/ast.js'
import type { ResourceSchema } from '../../scim/schema/resource-schema.js'
import { InvalidValueError } from './errors.js'
import type { ResourceTypeName } from './types.js'

/** The column a query sorts on; `id` breaks ties. Nullable columns sort absent values last (first descending). */
export interface SortKey {
  column: string
  nullable: boolean
  /** Canonical attribute path, for the cursor's query digest. */
  name: string
}

const SORTABLE: Record<ResourceTypeName, Record<string, Omit<SortKey, 'name'>>> = {
  User: {
    id: { column: 'id', nullable: false },
    username: { column: 'user_name_lower', nullable: false },
    displayname: { column: 'display_name_lower', nullable: true },
    externalid: { column: 'external_id', nullable: true },
    'meta.created': { column: 'created', nullable: false },
    'meta.lastmodified': { column: 'last_modified', nullable: false },
  },
  Group: {
    id: { column: 'id', nullable: false },
    displayname: { column: 'display_name_lower', nullable: false },
    externalid: { column: 'external_id', nullable: true },
    'meta.created': { column: 'created', nullable: false },
    'meta.lastmodified': { column: 'last_modified', nullable: false },
  },
}

/** Without sortBy, results come in id order. */
export const DEFAULT_SORT: SortKey = { column: 'id', nullable: false, name: 'id' }

/**
 * The sort key for `sortBy`: id, userName, displayName, externalId, meta.created or meta.lastModified (strings that
 * are not caseExact sort ignoring case). Throws InvalidValueError for any other attribute.
 */
export function sortKey(
  type: ResourceTypeName,
  schema: ResourceSchema,
  sortBy: AttrPath | undefined,
): SortKey {
  if (!sortBy) return DEFAULT_SORT
  const resolved = schema.resolve(sortBy)
  const name =
    resolved && !resolved.extension
      ? resolved.subAttribute
        ? `${resolved.attribute.name}.${resolved.subAttribute.name}`
        : resolved.attribute.name
      : undefined
  const key = name && SORTABLE[type][name.toLowerCase()]
  if (!name || !key) {
    const allowed =
      type === 'User'
        ? 'id, userName, displayName, externalId, meta.created, meta.lastModified'
        : 'id, displayName, externalId, meta.created, meta.lastModified'
    throw new InvalidValueError(`${type}s can be sorted by ${allowed}, not "${sortBy.attribute}"`)
  }
  return { ...key, name }
}
