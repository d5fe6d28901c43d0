import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Database, openDatabase } from '../../src/db/database.js'
import { migrate } from '../../src/db/migrate.js'
import { openDirectory } from '../../src/directory/index.js'
import { runCycle } from '../../src/engine/cycle/run-cycle.js'
import { addProvisionedApp } from '../../src/engine/provisioned-app.js'
import { loadSecretKey } from '../../src/engine/secret-key.js'
import { getJobState } from '../../src/engine/store/job-state-store.js'
import { type FakeTarget, startFakeTarget } from './support/fake-scim-target.js'

const USERS = 80
let dir: string
let database: Database
let target: FakeTarget

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'provisio-kill-'))
  database = await openDatabase({ kind: 'sqlite', file: join(dir, 'provisio.db') })
  await migrate(database)
  target = await startFakeTarget({ delayMs: 40 })
})

afterAll(async () => {
  await target?.close()
  await database?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('a cycle killed mid-way', () => {
  it('is finished by the next run with no duplicate at the target', async () => {
    const directory = openDirectory(database)
    const secretKey = loadSecretKey({ dataDir: dir, env: {} })
    const { app, job } = await addProvisionedApp(
      { database, directory, secretKey },
      { name: 'Kill', templateId: 'generic-scim', tenantUrl: target.url, secretToken: target.token },
    )
    for (let i = 0; i < USERS; i++) {
      const user = await directory.createUser({
        userPrincipalName: `user${String(i).padStart(3, '0')}@example.com`,
      })
      await directory.assign(app.id, { userId: user.id })
    }

    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'job', 'run', 'Kill', '--once', '--data', dir],
      {
        env: { ...process.env, PROVISIO_SECRET_KEY: '' },
        stdio: 'ignore',
      },
    )
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, signal) => resolve(signal)),
    )
    while (target.users.size < 20) await new Promise((r) => setTimeout(r, 10))
    child.kill('SIGKILL')
    expect(await exited).toBe('SIGKILL')
    const createdBeforeKill = target.users.size
    expect(createdBeforeKill).toBeLessThan(USERS)
    const interrupted = await getJobState(database, job.id)
    expect(interrupted.cycle?.kind).toBe('initial')

    const summary = await runCycle(job.id, { database, directory, secretKey })
    expect(summary.cycleId).toBe(interrupted.cycle?.id)
    expect(summary.counts.failed).toBe(0)
    const names = [...target.users.values()].map((u) => u.userName as string)
    expect(names).toHaveLength(USERS)
    expect(new Set(names).size).toBe(USERS)
    const posts = target.requests.filter((r) => r.method === 'POST')
    expect(posts).toHaveLength(USERS)
  })
})
