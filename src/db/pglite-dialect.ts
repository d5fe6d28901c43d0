import type { PGlite } from '@electric-sql/pglite'
import { PostgresDialect, type PostgresPool, type PostgresPoolClient, type PostgresQueryResult } from 'kysely'

/**
 * Kysely's PostgreSQL dialect over an in-process PGlite. PGlite has one connection, so a connection is lent to one
 * query or transaction at a time and the others wait their turn.
 */
export class PgliteDialect extends PostgresDialect {
  constructor(pglite: PGlite) {
    super({ pool: new PglitePool(pglite) })
  }
}

class PglitePool implements PostgresPool {
  readonly #pglite: PGlite
  #queue: Promise<void> = Promise.resolve()

  constructor(pglite: PGlite) {
    this.#pglite = pglite
  }

  async connect(): Promise<PostgresPoolClient> {
    let release!: () => void
    const previous = this.#queue
    this.#queue = new Promise<void>((resolve) => {
      release = resolve
    })
    await previous
    const pglite = this.#pglite
    const client = {
      async query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
        const result = await pglite.query<R>(sql, parameters as unknown[])
        const command = sql.trimStart().split(/\s/, 1)[0].toUpperCase() as PostgresQueryResult<R>['command']
        return { command, rowCount: result.affectedRows ?? result.rows.length, rows: result.rows }
      },
      release,
    }
    return client as PostgresPoolClient
  }

  async end(): Promise<void> {
    await this.#pglite.close()
  }
}
