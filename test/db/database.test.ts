import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ConflictError, withConflicts } from '../../src/db/conflict-error.js'
import type { Database } from '../../src/db/database.js'
import { TEST_DATABASES } from '../support/databases.js'

describe.each(TEST_DATABASES)('$name: database', (kind) => {
  let database: Database
  let drop: () => Promise<void>

  beforeAll(async () => {
    ;({ database, drop } = await kind.create())
    await sql`create table t (id integer primary key, name text not null unique)`.execute(database.db)
  })
  afterAll(() => drop())

  it('reports unique violations as ConflictError on both dialects', async () => {
    await sql`insert into t (id, name) values (1, 'a')`.execute(database.db)
    const second = withConflicts(() => sql`insert into t (id, name) values (2, 'a')`.execute(database.db))
    await expect(second).rejects.toBeInstanceOf(ConflictError)
    const rows = await sql<{ n: number }>`select count(*) as n from t`.execute(database.db)
    expect(Number(rows.rows[0].n)).toBe(1)
  })

  it('rolls a failed transaction back', async () => {
    const tx = database.db.transaction().execute(async (trx) => {
      await sql`insert into t (id, name) values (3, 'b')`.execute(trx)
      throw new Error('boom')
    })
    await expect(tx).rejects.toThrow('boom')
    const rows = await sql<{ n: number }>`select count(*) as n from t where name = 'b'`.execute(database.db)
    expect(Number(rows.rows[0].n)).toBe(0)
  })
})
