import { type Expression, type SqlBool, sql } from 'kysely'
import type { SqlDialect } from '../../db/database.js'
import type { AttrPath, CompareFilter, Filter, FilterValue } from '../../scim/filter/ast.js'
import { parseDateTime } from '../../scim/filter/date-time.js'
import type { ResourceSchema } from '../../scim/schema/resource-schema.js'
import type { ResourceTypeName } from './types.js'

/**
 * A filter as SQL: `where` (undefined means every row) selects a superset of the matches, and exactly the matches
 * when `exact`. Where not exact, the caller evaluates the filter in memory on the rows `where` selects.
 */
export interface SqlFilter {
  where: Expression<SqlBool> | undefined
  exact: boolean
}

/**
 * How SQL holds an attribute: `raw`, the column with the value as given; `lower`, a column with it in lower case
 * (JS toLowerCase). Case-exact tests need `raw`, the others `lower`.
 */
interface Column {
  raw?: string
  lower?: string
  kind: 'string' | 'boolean' | 'dateTime'
  nullable: boolean
}

/**
 * Where the values of a multi-valued attribute live: a child table whose `owner` column holds the resource's id.
 * Tested as `r.id in (select c.<owner> from <table> c where c.tenant_id = ? and …)`, which lets the database start
 * from the child table's index (a correlated EXISTS would walk every resource of the tenant).
 */
interface ChildTable {
  table: string
  owner: string
  columns: Record<string, Column>
}

const MAIN = 'r'

const USER_COLUMNS: Record<string, Column> = {
  id: { raw: 'id', kind: 'string', nullable: false },
  username: { raw: 'user_name', lower: 'user_name_lower', kind: 'string', nullable: false },
  externalid: { raw: 'external_id', kind: 'string', nullable: true },
  displayname: { raw: 'display_name', lower: 'display_name_lower', kind: 'string', nullable: true },
  active: { raw: 'active', kind: 'boolean', nullable: true },
  'meta.created': { raw: 'created', kind: 'dateTime', nullable: false },
  'meta.lastmodified': { raw: 'last_modified', kind: 'dateTime', nullable: false },
}

const GROUP_COLUMNS: Record<string, Column> = {
  id: USER_COLUMNS.id,
  displayname: { raw: 'display_name', lower: 'display_name_lower', kind: 'string', nullable: false },
  externalid: USER_COLUMNS.externalid,
  'meta.created': USER_COLUMNS['meta.created'],
  'meta.lastmodified': USER_COLUMNS['meta.lastmodified'],
}

/** Ids are stored in lower case (the store lower-cases every id it generates), so an id column is its own `lower`. */
const idColumn = (name: string): Column => ({ raw: name, lower: name, kind: 'string', nullable: false })

const CHILD_TABLES: Record<ResourceTypeName, Record<string, ChildTable>> = {
  User: {
    emails: {
      table: 'scim_user_emails',
      owner: 'user_id',
      columns: {
        value: { lower: 'value_lower', kind: 'string', nullable: true },
        type: { lower: 'type_lower', kind: 'string', nullable: true },
        primary: { raw: 'is_primary', kind: 'boolean', nullable: true },
      },
    },
    groups: {
      table: 'scim_group_members',
      owner: 'member_id',
      columns: { value: idColumn('group_id') },
    },
  },
  Group: {
    members: {
      table: 'scim_group_members',
      owner: 'group_id',
      columns: { value: idColumn('member_id') },
    },
  },
}

const TRUE = sql<SqlBool>`1 = 1`
const FALSE = sql<SqlBool>`1 = 0`
const exact = (where: Expression<SqlBool>): SqlFilter => ({ where, exact: true })
const SUPERSET: SqlFilter = { where: undefined, exact: false }

interface Scope {
  dialect: SqlDialect
  schema: ResourceSchema
  type: ResourceTypeName
  tenantId: string
}

/**
 * Compiles a filter, already validated by the scim core's compileFilter, to SQL on the indexed columns of
 * `scim_users` / `scim_groups` (aliased `r`), with the semantics of the scim core's evaluator: names ignore case,
 * strings honour caseExact (through the lower-case columns), dateTimes compare as instants, an absent attribute fails
 * every comparison but `ne`, multi-valued attributes (emails, members, groups) match when any value does, through
 * EXISTS on their tables. Everything else (extension attributes, other sub-attributes) is left to the caller
 * (`exact: false`) with the tightest SQL superset.
 */
export function filterToSql(
  filter: Filter,
  schema: ResourceSchema,
  type: ResourceTypeName,
  dialect: SqlDialect,
  tenantId: string,
): SqlFilter {
  return compile(filter, { dialect, schema, type, tenantId })
}

function compile(filter: Filter, scope: Scope): SqlFilter {
  switch (filter.kind) {
    case 'and': {
      const left = compile(filter.left, scope)
      const right = compile(filter.right, scope)
      const parts = [left.where, right.where].filter((w) => w !== undefined)
      return {
        where: parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : and(parts[0], parts[1]),
        exact: left.exact && right.exact,
      }
    }
    case 'or': {
      const left = compile(filter.left, scope)
      const right = compile(filter.right, scope)
      if (left.where === undefined || right.where === undefined) return { where: undefined, exact: false }
      return { where: sql<SqlBool>`(${left.where} or ${right.where})`, exact: left.exact && right.exact }
    }
    case 'not': {
      const inner = compile(filter.filter, scope)
      return inner.exact && inner.where ? exact(sql<SqlBool>`not (${inner.where})`) : SUPERSET
    }
    case 'present':
      return present(filter.path, scope)
    case 'compare':
      return compare(filter, scope)
    case 'valuePath':
      return valuePath(filter.path, filter.filter, scope)
  }
}

function and(a: Expression<SqlBool>, b: Expression<SqlBool>): Expression<SqlBool> {
  return sql<SqlBool>`(${a} and ${b})`
}

/** Where a path lands in SQL: a main-table column, a child-table column, or nowhere SQL can see. */
type Located =
  | { at: 'unknown' }
  | { at: 'column'; column: Column; caseExact: boolean }
  | { at: 'child'; child: ChildTable; column: Column; caseExact: boolean }
  | { at: 'memory' }

function locate(path: AttrPath, scope: Scope): Located {
  const resolved = scope.schema.resolve(path)
  if (!resolved) return { at: 'unknown' }
  if (resolved.extension) return { at: 'memory' }
  const { attribute, subAttribute } = resolved
  const name = attribute.name.toLowerCase()
  const child = CHILD_TABLES[scope.type][name]
  if (child) {
    // `emails eq "x"` compares the `value` sub-attribute, as the evaluator does.
    const sub = subAttribute ?? attribute.subAttributes?.find((s) => s.name.toLowerCase() === 'value')
    const column = sub && child.columns[sub.name.toLowerCase()]
    return column ? { at: 'child', child, column, caseExact: sub.caseExact } : { at: 'memory' }
  }
  const key = subAttribute ? `${name}.${subAttribute.name.toLowerCase()}` : name
  const column = (scope.type === 'User' ? USER_COLUMNS : GROUP_COLUMNS)[key]
  if (!column) return { at: 'memory' }
  return { at: 'column', column, caseExact: (subAttribute ?? attribute).caseExact }
}

function inChild(child: ChildTable, condition: Expression<SqlBool>, tenantId: string): Expression<SqlBool> {
  const owner = sql.ref(`c.${child.owner}`)
  return sql<SqlBool>`${sql.ref(`${MAIN}.id`)} in (select ${owner} from ${sql.table(child.table)} as c where c.tenant_id = ${tenantId} and ${condition})`
}

function present(path: AttrPath, scope: Scope): SqlFilter {
  const located = locate(path, scope)
  switch (located.at) {
    case 'unknown':
      return exact(FALSE)
    case 'memory':
      return membersPresent(path, scope) ?? SUPERSET
    case 'column':
      return exact(presentIn('r', located.column))
    case 'child':
      return exact(inChild(located.child, presentIn('c', located.column), scope.tenantId))
  }
}

/** `members pr` / `groups pr`: present when the resource has any membership row (each member has a value). */
function membersPresent(path: AttrPath, scope: Scope): SqlFilter | undefined {
  const resolved = scope.schema.resolve(path)
  if (!resolved || resolved.subAttribute || resolved.extension) return undefined
  const child = CHILD_TABLES[scope.type][resolved.attribute.name.toLowerCase()]
  return child && child !== CHILD_TABLES.User.emails ? exact(inChild(child, TRUE, scope.tenantId)) : undefined
}

function presentIn(table: string, column: Column): Expression<SqlBool> {
  const ref = sql.ref(`${table}.${column.raw ?? column.lower}`)
  if (column.kind !== 'string') return sql<SqlBool>`${ref} is not null`
  return column.nullable ? sql<SqlBool>`(${ref} is not null and ${ref} <> '')` : sql<SqlBool>`${ref} <> ''`
}

function compare(filter: CompareFilter, scope: Scope): SqlFilter {
  const { path, op, value } = filter
  if (value === null) {
    // `eq null` asks for absence, `ne null` for presence.
    const isPresent = present(path, scope)
    if (op === 'ne' || !isPresent.exact || !isPresent.where) return op === 'ne' ? isPresent : SUPERSET
    return exact(sql<SqlBool>`not (${isPresent.where})`)
  }
  const located = locate(path, scope)
  if (located.at === 'unknown') return exact(op === 'ne' ? TRUE : FALSE)
  if (located.at === 'memory') return SUPERSET
  const positive = op === 'ne' ? 'eq' : op
  const table = located.at === 'column' ? 'r' : 'c'
  const condition = condition_(table, located.column, located.caseExact, positive, value, scope.dialect)
  if (!condition) return SUPERSET
  const matches = located.at === 'column' ? condition : inChild(located.child, condition, scope.tenantId)
  return exact(op === 'ne' ? sql<SqlBool>`not (${matches})` : matches)
}

function valuePath(path: AttrPath, inner: Filter, scope: Scope): SqlFilter {
  const resolved = scope.schema.resolve(path)
  if (!resolved) return exact(FALSE)
  const child = !resolved.extension && CHILD_TABLES[scope.type][resolved.attribute.name.toLowerCase()]
  if (!child) return SUPERSET
  const compiled = compileInChild(inner, child, resolved.attribute.subAttributes ?? [], scope.dialect)
  return { where: inChild(child, compiled.where ?? TRUE, scope.tenantId), exact: compiled.exact }
}

/** A filter inside `attr[…]`: its paths name sub-attributes of one value, held in the child table's columns. */
function compileInChild(
  filter: Filter,
  child: ChildTable,
  subAttributes: readonly { name: string; caseExact: boolean }[],
  dialect: SqlDialect,
): SqlFilter {
  const recurse = (f: Filter) => compileInChild(f, child, subAttributes, dialect)
  switch (filter.kind) {
    case 'and': {
      const left = recurse(filter.left)
      const right = recurse(filter.right)
      const parts = [left.where, right.where].filter((w) => w !== undefined)
      return {
        where: parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : and(parts[0], parts[1]),
        exact: left.exact && right.exact,
      }
    }
    case 'or': {
      const left = recurse(filter.left)
      const right = recurse(filter.right)
      if (left.where === undefined || right.where === undefined) return SUPERSET
      return { where: sql<SqlBool>`(${left.where} or ${right.where})`, exact: left.exact && right.exact }
    }
    case 'not': {
      const inner = recurse(filter.filter)
      return inner.exact && inner.where ? exact(sql<SqlBool>`not (${inner.where})`) : SUPERSET
    }
    case 'valuePath':
      return SUPERSET
    case 'present':
    case 'compare': {
      const { path } = filter
      if (path.schema !== undefined || path.subAttribute !== undefined) return exact(FALSE)
      const sub = subAttributes.find((s) => s.name.toLowerCase() === path.attribute.toLowerCase())
      if (!sub) return exact(filter.kind === 'compare' && filter.op === 'ne' ? TRUE : FALSE)
      const column = child.columns[sub.name.toLowerCase()]
      if (!column) return SUPERSET
      if (filter.kind === 'present') return exact(presentIn('c', column))
      if (filter.value === null) {
        const isPresent = presentIn('c', column)
        return exact(filter.op === 'ne' ? isPresent : sql<SqlBool>`not (${isPresent})`)
      }
      const positive = filter.op === 'ne' ? 'eq' : filter.op
      const condition = condition_('c', column, sub.caseExact, positive, filter.value, dialect)
      if (!condition) return SUPERSET
      return exact(filter.op === 'ne' ? sql<SqlBool>`not (${condition})` : condition)
    }
  }
}

type PositiveOperator = Exclude<CompareFilter['op'], 'ne'>

/**
 * `column op value` as a null-safe condition (never NULL: a missing value is false), or undefined when SQL cannot
 * decide it exactly (e.g. a case-insensitive test on a column without a lower-case twin).
 */
function condition_(
  table: string,
  column: Column,
  caseExact: boolean,
  op: PositiveOperator,
  value: Exclude<FilterValue, null>,
  dialect: SqlDialect,
): Expression<SqlBool> | undefined {
  const name = column.kind === 'string' && !caseExact ? column.lower : column.raw
  if (!name) return undefined
  const ref = sql.ref(`${table}.${name}`)
  const guard = (c: Expression<SqlBool>) =>
    column.nullable ? sql<SqlBool>`(${ref} is not null and ${c})` : c
  if (column.kind === 'boolean') {
    const expected = typeof value === 'boolean' ? value : String(value).toLowerCase() === 'true'
    return guard(sql<SqlBool>`${ref} = ${Number(expected)}`)
  }
  if (column.kind === 'dateTime') {
    if (op === 'co' || op === 'sw' || op === 'ew') return undefined
    const condition = instantCondition(ref, op, String(value))
    return condition && guard(condition)
  }
  const text = caseExact ? String(value) : String(value).toLowerCase()
  return guard(stringCondition(ref, op, text, dialect))
}

function stringCondition(
  ref: Expression<unknown>,
  op: PositiveOperator,
  text: string,
  dialect: SqlDialect,
): Expression<SqlBool> {
  switch (op) {
    case 'eq':
      return sql<SqlBool>`${ref} = ${text}`
    case 'gt':
      return sql<SqlBool>`${ref} > ${text}`
    case 'ge':
      return sql<SqlBool>`${ref} >= ${text}`
    case 'lt':
      return sql<SqlBool>`${ref} < ${text}`
    case 'le':
      return sql<SqlBool>`${ref} <= ${text}`
    case 'sw': {
      // A range on code points: uses the index, and is exact (unlike LIKE, which SQLite folds for ASCII).
      if (text === '') return TRUE
      const upper = successor(text)
      return upper === undefined
        ? sql<SqlBool>`${ref} >= ${text}`
        : sql<SqlBool>`(${ref} >= ${text} and ${ref} < ${upper})`
    }
    case 'ew': {
      const length = [...text].length
      if (length === 0) return TRUE
      return dialect === 'postgres'
        ? sql<SqlBool>`right(${ref}, ${length}) = ${text}`
        : sql<SqlBool>`substr(${ref}, ${-length}) = ${text}`
    }
    case 'co':
      return dialect === 'postgres'
        ? sql<SqlBool>`strpos(${ref}, ${text}) > 0`
        : sql<SqlBool>`instr(${ref}, ${text}) > 0`
  }
}

/** The smallest string greater than every string starting with `prefix`: its last code point plus one. */
function successor(prefix: string): string | undefined {
  const points = [...prefix]
  const last = points.pop()!.codePointAt(0)!
  if (last >= 0x10ffff) return undefined
  // Skip the surrogate range, which no well-formed string holds.
  const next = last + 1 === 0xd800 ? 0xe000 : last + 1
  return points.join('') + String.fromCodePoint(next)
}

/**
 * A dateTime comparison on a column of `toISOString()` text (millisecond precision, years 0000–9999): the literal
 * becomes the same text, rounded so that comparing text gives the instant comparison. Undefined when the literal
 * falls outside what the text form can order.
 */
function instantCondition(ref: Expression<unknown>, op: PositiveOperator, literal: string) {
  const instant = parseDateTime(literal)
  if (!instant) return undefined
  const ms = instant.seconds * 1000 + Math.floor(instant.nanos / 1e6)
  const fraction = instant.nanos % 1e6 !== 0
  const date = new Date(ms)
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 0 || date.getUTCFullYear() > 9999)
    return undefined
  const text = date.toISOString()
  // A stored instant S (whole ms) against L = text + a fraction of a ms: S > L ⇔ S > text, S < L ⇔ S ≤ text.
  switch (op) {
    case 'eq':
      return fraction ? FALSE : sql<SqlBool>`${ref} = ${text}`
    case 'gt':
      return sql<SqlBool>`${ref} > ${text}`
    case 'ge':
      return fraction ? sql<SqlBool>`${ref} > ${text}` : sql<SqlBool>`${ref} >= ${text}`
    case 'lt':
      return fraction ? sql<SqlBool>`${ref} <= ${text}` : sql<SqlBool>`${ref} < ${text}`
    case 'le':
      return sql<SqlBool>`${ref} <= ${text}`
    default:
      return undefined
  }
}
