import { createHash } from 'node:crypto'
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely'
import { type SqlDialect, selectRows } from '../../db/database.js'
import type { AttrPath, Filter } from '../../scim/filter/ast.js'
import { compileFilter } from '../../scim/filter/compile-filter.js'
import type { ResourceSchema } from '../../scim/schema/resource-schema.js'
import { type CursorPosition, type CursorScope, decodeCursor, encodeCursor } from './cursor.js'
import { InvalidCursorError } from './errors.js'
import { filterToSql, type SqlFilter } from './filter-sql.js'
import { groupsColumn } from './membership.js'
import { readResources, readStored } from './read-resources.js'
import { STORED_COLUMNS, type StoredResource, type StoredRow } from './resource-rows.js'
import { reusableFilterQuery } from './reusable-filter-sql.js'
import { type SortKey, sortKey } from './sort-key.js'
import type { StoreContext } from './store-context.js'
import type { QueryOptions, QueryResult, ResourceTypeName } from './types.js'

/** A row of scim_users or scim_groups as the query reads it: the stored columns and whatever the sort key names. */
type QueryRow = StoredRow & { tenant_id: string } & Record<string, unknown>
type QueryDb = Kysely<Record<string, QueryRow>>

const TABLES: Record<ResourceTypeName, string> = { User: 'scim_users', Group: 'scim_groups' }

/** What one query is about; the statements below are built from it. */
interface Plan {
  db: QueryDb
  dialect: SqlDialect
  schema: ResourceSchema
  type: ResourceTypeName
  sort: SortKey
  descending: boolean
  position: CursorPosition | undefined
  offset: number
  limit: number | undefined
  /** A User's groups come in the page's own statement. */
  withGroups: boolean
}

/**
 * Lists a tenant's resources (RFC 7644 §3.4.2): filter in SQL where it can be decided there, otherwise evaluated in
 * memory on the SQL superset, so totalResults and pages are always exact; sort on an indexed column with id as the
 * tie-break; index pagination (startIndex/count) or RFC 9865 cursors (keyset on sort key and id). The page comes as
 * stored resources (toResource parses them).
 */
export async function queryResources(
  context: StoreContext,
  tenantId: string,
  type: ResourceTypeName,
  options: QueryOptions,
): Promise<QueryResult<StoredResource>> {
  const schema = (await context.schemas(tenantId)).resource(type)
  const { filter } = options
  // Validates the filter against the schema (ScimError 400 invalidFilter) and gives the exact predicate.
  const predicate = filter && compileFilter(filter, schema)
  const sort = sortKey(type, schema, options.sortBy)
  const descending = options.sortOrder === 'descending'
  const cursorMode = options.cursor !== undefined
  const position = options.cursor
    ? decodeCursor(context.cursorKey, scope(tenantId, type, filter, sort, descending), options.cursor)
    : undefined
  const count = options.count === undefined ? undefined : Math.max(0, Math.floor(options.count))
  const offset = cursorMode ? 0 : Math.max(1, Math.floor(options.startIndex ?? 1)) - 1
  const plan: Plan = {
    db: context.database.db as unknown as QueryDb,
    dialect: context.database.dialect,
    schema,
    type,
    sort,
    descending,
    position,
    offset,
    limit: pageLimit(count, cursorMode, offset),
    withGroups: type === 'User' && options.includeGroups !== false,
  }

  // The common case (a client matching by userName, externalId or displayName) reuses SQL compiled before.
  const reused =
    filter && !position && count !== 0
      ? reusableFilterQuery(
          schema,
          `${type}|${sort.name}|${descending}|${offset}|${plan.limit}|${plan.withGroups}`,
          filter,
          tenantId,
          (t, f) => {
            const where = sqlFilter(plan, t, f)
            return where.exact ? pageQuery(plan, t, where.where) : undefined
          },
        )
      : undefined
  const where = reused ? undefined : sqlFilter(plan, tenantId, filter)

  if (!where || where.exact) {
    if (count === 0) return { totalResults: await countAll(plan, tenantId, filter, where), resources: [] }
    if (position && !('key' in position)) throw new InvalidCursorError('The cursor does not fit this query')
    const rows = (
      reused
        ? await selectRows(context.database.db, reused)
        : await pageQuery(plan, tenantId, (where as SqlFilter).where).execute()
    ) as QueryRow[]
    const more = cursorMode && count !== undefined && rows.length > count
    const shown = more ? rows.slice(0, count) : rows
    // From the first position, a page that ends before `count` holds the rest: no count query needed.
    const lastPage = count === undefined || rows.length < count || (cursorMode && !more)
    const known = !position && lastPage && (rows.length > 0 || offset === 0)
    const result: QueryResult<StoredResource> = {
      totalResults: known ? offset + rows.length : await countAll(plan, tenantId, filter, where),
      resources: await readStored(context.database.db, tenantId, type, shown, options),
    }
    const last = shown.at(-1)
    if (more && last) {
      result.nextCursor = encodeCursor(context.cursorKey, scope(tenantId, type, filter, sort, descending), {
        key: keyOf(last, sort),
        id: last.id,
      })
    }
    return result
  }

  // The filter needs memory: read the SQL superset in order and keep the exact matches.
  const candidates = (await ordered(plan, tenantId, where.where).execute()) as QueryRow[]
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
  const result: QueryResult<StoredResource> = {
    totalResults,
    resources: await readStored(context.database.db, tenantId, type, matches.slice(start, end), options),
  }
  if (cursorMode && end < matches.length) {
    result.nextCursor = encodeCursor(context.cursorKey, scope(tenantId, type, filter, sort, descending), {
      offset: end,
    })
  }
  return result
}

/** The LIMIT of a page: one row more than `count` for a cursor (to tell whether more follow). */
function pageLimit(count: number | undefined, cursorMode: boolean, offset: number): number | undefined {
  if (count !== undefined) return cursorMode ? count + 1 : count
  // An OFFSET needs a LIMIT on SQLite.
  return offset > 0 ? Number.MAX_SAFE_INTEGER : undefined
}

/** The filter in SQL (where it can be decided there), or no condition. */
function sqlFilter(plan: Plan, tenantId: string, filter: Filter | undefined): SqlFilter {
  return filter
    ? filterToSql(filter, plan.schema, plan.type, plan.dialect, tenantId)
    : { where: undefined, exact: true }
}

function base(plan: Plan, tenantId: string, where: SqlFilter['where']) {
  const query = plan.db.selectFrom(`${TABLES[plan.type]} as r`).where('r.tenant_id', '=', tenantId)
  return where ? query.where(where) : query
}

/** How many rows an exact filter matches (`where`: its SQL, when computed already). */
async function countAll(
  plan: Plan,
  tenantId: string,
  filter: Filter | undefined,
  where: SqlFilter | undefined,
): Promise<number> {
  const condition = (where ?? sqlFilter(plan, tenantId, filter)).where
  const query = base(plan, tenantId, condition).select((eb) => eb.fn.countAll().as('n'))
  return Number((await query.executeTakeFirstOrThrow()).n)
}

/** The rows in order, with what a page needs: the stored row and the sort key (not every indexed column). */
function ordered(plan: Plan, tenantId: string, where: SqlFilter['where']) {
  const columns = [...new Set([...STORED_COLUMNS, plan.sort.column])]
  return orderBy(base(plan, tenantId, where).select(columns.map((c) => `r.${c}`)), plan.sort, plan.descending)
}

/** The page's rows in SQL (where the filter is exact there). */
function pageQuery(plan: Plan, tenantId: string, where: SqlFilter['where']) {
  let query = ordered(plan, tenantId, where)
  if (plan.withGroups) query = query.select(groupsColumn(plan.dialect).as('groups_json'))
  const { position, offset, limit } = plan
  if (position && 'key' in position) query = query.where(after(plan.sort, plan.descending, position))
  // Literals, not parameters: on SQLite a bound LIMIT more than doubles the cost of an indexed look-up.
  if (offset > 0) query = query.offset(sql.lit(offset))
  if (limit !== undefined) query = query.limit(sql.lit(limit))
  return query
}

/** What a cursor is bound to: the tenant, the type and a digest of the query. */
function scope(
  tenantId: string,
  type: ResourceTypeName,
  filter: Filter | undefined,
  sort: SortKey,
  descending: boolean,
): CursorScope {
  return { tenantId, type, query: digest(filter, sort, descending) }
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
