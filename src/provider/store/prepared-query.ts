import {
  type Compilable,
  type CompiledQuery,
  createQueryId,
  type Kysely,
  type QueryResult,
  RawNode,
  SqliteAdapter,
} from 'kysely'
import { type SqlDialect, selectRows } from '../../db/database.js'
import type { Tables } from '../../db/tables/index.js'

type Db = Kysely<Tables>

/** Starts every placeholder; the capital S tells a placeholder as given from one the query lower-cased. */
const MARKER = '\u0000Slot:'
const LOWER_MARKER = MARKER.toLowerCase()

/** A stand-in for the parameter named `name` (lower case), a string no real value holds. */
export function placeholder(name: string): string {
  return `${MARKER}${name}`
}

/** SQL compiled with placeholders, and what fills each of its parameters: a named value (lower-cased?) or a constant. */
export interface QueryTemplate {
  sql: string
  slots: ({ name: string; lower: boolean } | { constant: unknown })[]
  /** The SQL as Kysely's operation node, made once. */
  node: RawNode
}

/**
 * The template of a query compiled with placeholders: each parameter that is a placeholder, as given or lower-cased,
 * becomes a slot. Undefined when a placeholder shows up any other way (in the SQL text, or inside a longer
 * parameter), since then the SQL depends on the value itself.
 */
export function queryTemplate(compiled: CompiledQuery): QueryTemplate | undefined {
  if (compiled.sql.includes(MARKER) || compiled.sql.includes(LOWER_MARKER)) return undefined
  const slots: QueryTemplate['slots'] = []
  for (const p of compiled.parameters) {
    if (typeof p !== 'string' || !p.includes('\u0000')) slots.push({ constant: p })
    else if (p.startsWith(MARKER)) slots.push({ name: p.slice(MARKER.length), lower: false })
    else if (p.startsWith(LOWER_MARKER)) slots.push({ name: p.slice(LOWER_MARKER.length), lower: true })
    else return undefined
  }
  return { sql: compiled.sql, slots, node: RawNode.createWithSql(compiled.sql) }
}

/** The template's query with its slots filled by name. */
export function fillTemplate<R>(template: QueryTemplate, values: Record<string, unknown>): CompiledQuery<R> {
  const parameters = template.slots.map((slot) => {
    if (!('name' in slot)) return slot.constant
    const value = values[slot.name]
    return slot.lower ? String(value).toLowerCase() : value
  })
  // What CompiledQuery.raw makes, less its freezing and a new node for the same SQL each time.
  return { sql: template.sql, parameters, query: template.node, queryId: createQueryId() }
}

/**
 * A query built and compiled by Kysely once, then run with new parameters: hot paths skip the query builder and
 * compiler, which cost several times what SQLite itself spends on an indexed lookup. `build` receives named
 * placeholders and must use each as one whole parameter value (and the dialect, for SQL that differs); `run` fills
 * them in by name.
 *
 * @example
 * const byId = prepareQuery((db, p) => db.selectFrom('scim_users').selectAll().where('id', '=', p('id')))
 * const rows = await byId.select(db, { id: 'x' })
 */
export function prepareQuery<R, K extends string>(
  build: (db: Db, placeholder: (name: K) => string, dialect: SqlDialect) => Compilable<R>,
) {
  /** Compiled once per dialect, since the SQL differs between them. */
  const byDialect = new Map<SqlDialect, QueryTemplate>()
  const compiled = (db: Db, values: Record<K, unknown>): CompiledQuery<R> => {
    const dialect = db.getExecutor().adapter instanceof SqliteAdapter ? 'sqlite' : 'postgres'
    let template = byDialect.get(dialect)
    if (!template) {
      template = queryTemplate(build(db, placeholder, dialect).compile())
      if (!template) throw new Error('A prepared query must use each placeholder as one whole parameter')
      byDialect.set(dialect, template)
    }
    return fillTemplate<R>(template, values)
  }
  return {
    run: (db: Db, values: Record<K, unknown>): Promise<QueryResult<R>> =>
      db.executeQuery(compiled(db, values)),
    /** A SELECT's rows (see selectRows: at once on SQLite when it can). */
    select: (db: Db, values: Record<K, unknown>): Promise<R[]> => selectRows(db, compiled(db, values)),
  }
}
