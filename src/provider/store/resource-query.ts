import { createHash } from 'node:crypto'
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely'
import type { AttrPath, Filter } from '../../scim/filter/ast.js'
import { compileFilter } from '../../scim/filter/compile-filter.js'
import type { ResourceSchema } from '../../scim/schema/resource-schema.js'
import { type CursorPosition, type CursorScope, decodeCursor, encodeCursor } from './cursor.js'
import { InvalidCursorError } from './errors.js'
import { filterToSql, type SqlFilter } from './filter-sql.js'
import { readResources } from './read-resources.js'
import type { StoredRow } from './resource-rows.js'
import { reusableFilterQuery } from './reusable-filter-sql.js'
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
  const { dialect } = context.database
  // Validates the filter against the schema (ScimError 400 invalidFilter) and gives the exact predicate.
  const predicate = filter && compileFilter(filter, schema)
  const sort = sortKey(type, schema, options.sortBy)
  const descending = options.sortOrder === 'descending'
  const cursorMode = options.cursor !== undefined
  // Only cursors need the query's digest: they are bound to it.
  const scope = (): CursorScope => ({ tenantId, type, query: digest(filter, sort, descending) })
  const position = options.cursor ? decodeCursor(context.cursorKey, scope(), options.cursor) : undefined
  const count = options.count === undefined ? undefined : Math.max(0, Math.floor(options.count))
  const offset = cursorMode ? 0 : Math.max(1, Math.floor(options.startIndex ?? 1)) - 1
  const limit =
    count !== undefined ? (cursorMode ? count + 1 : count) : offset > 0 ? Number.MAX_SAFE_INTEGER : undefined

  const db = context.database.db as unknown as QueryDb
  // What a page needs: the stored row and the sort key (whole rows would cost a string per indexed column).
  const columns = [...new Set(['id', 'created', 'last_modified', 'version', 'data', sort.column])].map(
    (c) => `r.${c}`,
  )
  const sqlFilter = (tenant: string, f: Filter | undefined): SqlFilter =>
    f ? filterToSql(f, schema, type, dialect, tenant) : { where: undefined, exact: true }
  const base = (tenant: string, where: SqlFilter['where']) => {
    let query = db.selectFrom(`${TABLES[type]} as r`).where('r.tenant_id', '=', tenant)
    if (where) query = query.where(where)
    return query
  }
  const ordered = (tenant: string, where: SqlFilter['where']) =>
    orderBy(base(tenant, where).select(columns), sort, descending)
  /** The page's rows in SQL (where the filter is exact there). */
  const pageQuery = (tenant: string, where: SqlFilter['where']) => {
    let query = ordered(tenant, where)
    if (position && 'key' in position) query = query.where(after(sort, descending, position))
    // Literals, not parameters: on SQLite a bound LIMIT more than doubles the cost of an indexed look-up.
    if (offset > 0) query = query.offset(sql.lit(offset))
    if (limit !== undefined) query = query.limit(sql.lit(limit))
    return query
  }
  const page = (rows: readonly QueryRow[]) =>
    readResources(context.database.db, tenantId, type, rows, options)

  // The common case (a client matching by userName, externalId or displayName) reuses SQL compiled before.
  const reused =
    filter && !position && count !== 0
      ? reusableFilterQuery(
          schema,
          `${type}|${sort.name}|${descending}|${offset}|${limit}`,
          filter,
          tenantId,
          (t, f) => {
            const where = sqlFilter(t, f)
            return where.exact ? pageQuery(t, where.where) : undefined
          },
        )
      : undefined
  let computed: SqlFilter | undefined
  const where = () => (computed ??= sqlFilter(tenantId, filter))

  if (reused || where().exact) {
    const countAll = async () =>
      Number(
        (
          await base(tenantId, where().where)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    if (count === 0) return { totalResults: await countAll(), resources: [] }
    if (position && !('key' in position)) throw new InvalidCursorError('The cursor does not fit this query')
    const rows = (
      reused ? (await db.executeQuery(reused)).rows : await pageQuery(tenantId, where().where).execute()
    ) as QueryRow[]
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
  const candidates = (await ordered(tenantId, where().where).execute()) as QueryRow[]
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
