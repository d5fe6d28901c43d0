import { createHash } from 'node:crypto'
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely'
import type { AttrPath, Filter } from '../../scim/filter/ast.js'
import { compileFilter } from '../../scim/filter/compile-filter.js'
import type { ResourceSchema } from '../../scim/schema/resource-schema.js'
import { type CursorPosition, type CursorScope, decodeCursor, encodeCursor } from './cursor.js'
import { InvalidCursorError } from './errors.js'
import { filterToSql } from './filter-sql.js'
import { readResources } from './read-resources.js'
import type { StoredRow } from './resource-rows.js'
import { type SortKey, sortKey } from './sort-key.js'
import type { StoreContext } from './store-context.js'
import type { QueryOptions, QueryResult, ResourceTypeName } from './types.js'

/** A row of scim_users or scim_groups as the query reads it: the stored columns and whatever the sort key names. */
type QueryRow = StoredRow & { tenant_id: string } & Record<string, unknown>
type QueryDb = Kysely<Record<string, QueryRow>>

const TABLES: Record<ResourceTypeName, string> = { User: 'scim_users', Group: 'scim_groups' }

/**
 * Lists a tenant's resources (RFC 7644 §3.4.2): filter in SQL where it can be decided there, otherwise evaluated in
 * memory on the SQL superset, so totalResults and pages are always exact; sort on an indexed column with id as the
 * tie-break; index pagination (startIndex/count) or RFC 9865 cursors (keyset on sort key and id).
 */
export async function queryResources(
  context: StoreContext,
  tenantId: string,
  type: ResourceTypeName,
  options: QueryOptions,
): Promise<QueryResult> {
  const schema = (await context.schemas(tenantId)).resource(type)
  const { filter } = options
  // Validates the filter against the schema (ScimError 400 invalidFilter) and gives the exact predicate.
  const predicate = filter && compileFilter(filter, schema)
  const where = filter
    ? filterToSql(filter, schema, type, context.database.dialect, tenantId)
    : { where: undefined, exact: true }
  const sort = sortKey(type, schema, options.sortBy)
  const descending = options.sortOrder === 'descending'
  const cursorMode = options.cursor !== undefined
  // Only cursors need the query's digest: they are bound to it.
  const scope = (): CursorScope => ({ tenantId, type, query: digest(filter, sort, descending) })
  const position = options.cursor ? decodeCursor(context.cursorKey, scope(), options.cursor) : undefined
  const count = options.count === undefined ? undefined : Math.max(0, Math.floor(options.count))
  const offset = cursorMode ? 0 : Math.max(1, Math.floor(options.startIndex ?? 1)) - 1

  const db = context.database.db as unknown as QueryDb
  const base = () => {
    let query = db.selectFrom(`${TABLES[type]} as r`).where('r.tenant_id', '=', tenantId)
    if (where.where) query = query.where(where.where)
    return query
  }
  const ordered = () => orderBy(base().selectAll('r'), sort, descending)
  const page = (rows: readonly QueryRow[]) =>
    readResources(context.database.db, tenantId, type, rows, options)

  if (where.exact) {
    const countAll = async () =>
      Number(
        (
          await base()
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    if (count === 0) return { totalResults: await countAll(), resources: [] }
    if (position && !('key' in position)) throw new InvalidCursorError('The cursor does not fit this query')
    let query = ordered()
    if (position) query = query.where(after(sort, descending, position))
    if (offset > 0) query = query.offset(offset)
    if (count !== undefined) query = query.limit(cursorMode ? count + 1 : count)
    else if (offset > 0) query = query.limit(Number.MAX_SAFE_INTEGER)
    const rows = (await query.execute()) as QueryRow[]
    const more = cursorMode && count !== undefined && rows.length > count
    const shown = more ? rows.slice(0, count) : rows
    // From the first position, a page that ends before `count` holds the rest: no count query needed.
    const lastPage = count === undefined || rows.length < count || (cursorMode && !more)
    const known = !position && lastPage && (rows.length > 0 || offset === 0)
    const result: QueryResult = {
      totalResults: known ? offset + rows.length : await countAll(),
      resources: await page(shown),
    }
    const last = shown.at(-1)
    if (more && last) {
      result.nextCursor = encodeCursor(context.cursorKey, scope(), { key: keyOf(last, sort), id: last.id })
    }
    return result
  }

  // The filter needs memory: read the SQL superset in order and keep the exact matches.
  const candidates = (await ordered().execute()) as QueryRow[]
  const derived = needsDerived(filter!, schema)
  const resources = await readResources(context.database.db, tenantId, type, candidates, {
    includeMembers: derived,
    includeGroups: derived,
  })
  const matches = candidates.filter((_, i) => predicate!(resources[i]))
  const totalResults = matches.length
  if (count === 0) return { totalResults, resources: [] }
  if (position && !('offset' in position)) throw new InvalidCursorError('The cursor does not fit this query')
  const start = position ? position.offset : offset
  const end = count === undefined ? matches.length : start + count
  const result: QueryResult = { totalResults, resources: await page(matches.slice(start, end)) }
  if (cursorMode && end < matches.length)
    result.nextCursor = encodeCursor(context.cursorKey, scope(), { offset: end })
  return result
}

function digest(filter: Filter | undefined, sort: SortKey, descending: boolean): string {
  return createHash('sha256')
    .update(JSON.stringify([filter ?? null, sort.name.toLowerCase(), descending]))
    .digest('base64url')
}

function keyOf(row: QueryRow, sort: SortKey): string | number | null {
  return (row[sort.column] as string | number | null | undefined) ?? null
}

/** What orderBy needs of a select query builder. */
interface Orderable<Q> {
  orderBy(expression: Expression<unknown>, direction: 'asc' | 'desc'): Q
}

/** ORDER BY the sort key (absent values last ascending, first descending, on both dialects), then id. */
function orderBy<Q extends Orderable<Q>>(query: Q, sort: SortKey, descending: boolean): Q {
  const direction = descending ? 'desc' : 'asc'
  let q = query
  if (sort.column !== 'id') {
    const ref = sql.ref(`r.${sort.column}`)
    if (sort.nullable) q = q.orderBy(sql`case when ${ref} is null then 1 else 0 end`, direction)
    q = q.orderBy(ref, direction)
  }
  return q.orderBy(sql.ref('r.id'), direction)
}

/** Rows strictly after a keyset position in the order `orderBy` gives. */
function after(
  sort: SortKey,
  descending: boolean,
  position: Extract<CursorPosition, { key: unknown }>,
): Expression<SqlBool> {
  const id = sql.ref('r.id')
  const beyond = descending ? sql.raw('<') : sql.raw('>')
  const idAfter = sql<SqlBool>`${id} ${beyond} ${position.id}`
  if (sort.column === 'id') return idAfter
  const ref = sql.ref(`r.${sort.column}`)
  if (position.key === null) {
    // Among the absent values (last ascending, first descending).
    return descending
      ? sql<SqlBool>`((${ref} is null and ${idAfter}) or ${ref} is not null)`
      : sql<SqlBool>`(${ref} is null and ${idAfter})`
  }
  const keyed = sql<SqlBool>`(${ref} ${beyond} ${position.key} or (${ref} = ${position.key} and ${idAfter}))`
  if (!sort.nullable) return keyed
  return descending
    ? sql<SqlBool>`(${ref} is not null and ${keyed})`
    : sql<SqlBool>`(${ref} is null or ${keyed})`
}

/** Whether a filter reads `members` or `groups`, which live in the membership table. */
function needsDerived(filter: Filter, schema: ResourceSchema): boolean {
  const reads = (path: AttrPath) => {
    const name = schema.resolve(path)?.attribute.name.toLowerCase()
    return name === 'members' || name === 'groups'
  }
  switch (filter.kind) {
    case 'and':
    case 'or':
      return needsDerived(filter.left, schema) || needsDerived(filter.right, schema)
    case 'not':
      return needsDerived(filter.filter, schema)
    case 'valuePath':
      return reads(filter.path)
    default:
      return reads(filter.path)
  }
}
