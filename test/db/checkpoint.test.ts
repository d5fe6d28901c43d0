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

it('SQLite: under steady writes the write-ahead log starts over instead of growing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'provisio-wal-'))
  const file = join(dir, 'wal.db')
  const database = await openDatabase({ kind: 'sqlite', file, walRestartBytes: 2 ** 20 })
  try {
    await sql`create table t (x text)`.execute(database.db)
    // 16 MB in 4 KB rows over about two seconds, with pauses too short for a PASSIVE checkpoint alone to find the
    // log all copied (which is when SQLite lets the next write start it over).
    const row = 'x'.repeat(4000)
    let largest = 0
    for (let batch = 0; batch < 400; batch++) {
      await database.db.transaction().execute(async (trx) => {
        for (let i = 0; i < 10; i++) await sql`insert into t values (${row})`.execute(trx)
      })
      largest = Math.max(largest, statSync(`${file}-wal`).size)
      await new Promise((resolve) => setTimeout(resolve, 4))
    }
    // Without restarts the log would hold all 16 MB.
    expect(largest).toBeLessThan(8_000_000)
  } finally {
    await database.close()
    rmSync(dir, { recursive: true, force: true })
  }
})
