import { type Compilable, CompiledQuery, type Kysely, type QueryResult } from 'kysely'
import type { Tables } from '../../db/tables/index.js'

type Db = Kysely<Tables>

const MARKER = '\u0000prepared:'

/**
 * A query built and compiled by Kysely once, then run with new parameters: hot paths skip the query builder and
 * compiler, which cost several times what SQLite itself spends on an indexed lookup. `build` receives named
 * placeholders and must use each as one whole parameter value; `run` fills them in by name.
 *
 * @example
 * const byId = prepareQuery((db, p) => db.selectFrom('scim_users').selectAll().where('id', '=', p('id')))
 * const { rows } = await byId.run(db, { id: 'x' })
 */
export function prepareQuery<R, K extends string>(
  build: (db: Db, placeholder: (name: K) => string) => Compilable<R>,
) {
  /** Compiled once per dialect (the adapter's class), since the SQL differs between them. */
  const byDialect = new Map<unknown, { sql: string; slots: (K | { value: unknown })[] }>()
  const marker = (name: string) => `${MARKER}${name}`
  return {
    async run(db: Db, values: Record<K, unknown>): Promise<QueryResult<R>> {
      const dialect = db.getExecutor().adapter.constructor
      let compiled = byDialect.get(dialect)
      if (!compiled) {
        const query = build(db, marker).compile()
        const slots = query.parameters.map((p) =>
          typeof p === 'string' && p.startsWith(MARKER) ? (p.slice(MARKER.length) as K) : { value: p },
        )
        compiled = { sql: query.sql, slots }
        byDialect.set(dialect, compiled)
      }
      const parameters = compiled.slots.map((slot) => (typeof slot === 'string' ? values[slot] : slot.value))
      return db.executeQuery<R>(CompiledQuery.raw(compiled.sql, parameters))
    },
  }
}
