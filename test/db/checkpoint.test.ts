import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { openDatabase } from '../../src/db/database.js'

it('SQLite: the write-ahead log reaches the database file without a checkpoint by the writer', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'provisio-wal-'))
  const file = join(dir, 'wal.db')
  const database = await openDatabase({ kind: 'sqlite', file })
  try {
    await sql`create table t (x text)`.execute(database.db)
    for (let i = 0; i < 2000; i++) await sql`insert into t values (${'x'.repeat(500)})`.execute(database.db)
    // The writer's own automatic checkpoint is off, so only the background checkpoint can grow the file.
    let size = statSync(file).size
    for (let i = 0; i < 200 && size < 1_000_000; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50))
      size = statSync(file).size
    }
    expect(size).toBeGreaterThanOrEqual(1_000_000)
  } finally {
    await database.close()
    rmSync(dir, { recursive: true, force: true })
  }
})
