/**
 * The provisioning engine: an initial cycle of 100,000 users and 1,000 groups (about 200,000 memberships) into the
 * Provisio service provider (SQLite, in a child process so its memory is separate), an incremental cycle after 100
 * changes, an idle cycle (no request), and throughput against a target with 50 ms latency by concurrency.
 * BENCH_ENGINE_USERS scales the first part (default 100,000).
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { type Database, openDatabase } from '../src/db/database.js'
import { migrate } from '../src/db/migrate.js'
import { importDirectory, openDirectory } from '../src/directory/index.js'
import type { Directory } from '../src/directory/types.js'
import { runCycle } from '../src/engine/cycle/run-cycle.js'
import { addProvisionedApp } from '../src/engine/provisioned-app.js'
import type { BenchResult } from './types.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const cli = ['--import', 'tsx', join(root, 'src/cli/main.ts')]

export async function run(): Promise<BenchResult[]> {
  const users = Number(process.env.BENCH_ENGINE_USERS ?? 100_000)
  const groups = Math.max(1, Math.round(users / 100))
  const work = mkdtempSync(join(tmpdir(), 'provisio-engine-bench-'))
  const results: BenchResult[] = []
  const provider = await startProvider(join(work, 'provider'))
  const database = await openDatabase({ kind: 'sqlite', file: join(work, 'engine.db') })
  try {
    await migrate(database)
    const directory = openDirectory(database)
    await seedDirectory(directory, users, groups)
    const secretKey = randomBytes(32)
    const { job } = await addProvisionedApp(
      { database, directory, secretKey },
      {
        name: 'Bench',
        templateId: 'generic-scim',
        tenantUrl: provider.scimUrl,
        secretToken: provider.token,
        scope: 'all',
        settings: { concurrency: 16 },
      },
    )
    const rss = sampleRss()
    const initial = await runCycle(job.id, { database, directory, secretKey })
    const objects = users + groups
    const rate = objects / (initial.durationMs / 1000)
    const failed = initial.counts.failed
    results.push(
      {
        name: `initial cycle, ${users.toLocaleString('en-US')} users + ${groups.toLocaleString('en-US')} groups`,
        value: rate,
        unit: 'objects/s',
        target: '≥ 1,000',
        pass: rate >= 1000 && failed === 0,
      },
      { name: 'initial cycle duration', value: initial.durationMs / 1000, unit: 's' },
      { name: 'initial cycle requests', value: initial.requests, unit: 'requests' },
      { name: 'initial cycle failures', value: failed, unit: 'objects', target: '0', pass: failed === 0 },
    )

    const changed = await directory.listUsers({ limit: 100 })
    for (const user of changed)
      await directory.updateUser(user.id, { jobTitle: `Title ${randomUUID().slice(0, 8)}` })
    const incremental = await runCycle(job.id, { database, directory, secretKey })
    results.push(
      {
        name: 'incremental cycle after 100 changes',
        value: incremental.durationMs,
        unit: 'ms',
        target: '< 2,000',
        pass: incremental.durationMs < 2000,
      },
      {
        name: 'incremental cycle requests',
        value: incremental.requests,
        unit: 'requests',
        target: '100',
        pass: incremental.requests === 100,
      },
    )
    const idle = await runCycle(job.id, { database, directory, secretKey })
    results.push({
      name: 'requests when nothing changed',
      value: idle.requests,
      unit: 'requests',
      target: '0',
      pass: idle.requests === 0,
    })
    const peak = rss.stop()
    results.push({
      name: 'engine peak RSS',
      value: Math.round(peak / 2 ** 20),
      unit: 'MB',
      target: '< 500',
      pass: peak < 500 * 2 ** 20,
    })

    for (const result of await latencyThroughput(work, secretKey)) results.push(result)
  } finally {
    await database.close()
    provider.stop()
    rmSync(work, { recursive: true, force: true })
  }
  return results
}

/** Users with managers (one in ten is a manager) and groups of 200 members, imported through the directory. */
async function seedDirectory(directory: Directory, users: number, groups: number): Promise<void> {
  const upn = (i: number) => `user${i}@bench.test`
  const result = await importDirectory(directory, {
    users: Array.from({ length: users }, (_, i) => ({
      userPrincipalName: upn(i),
      givenName: `Given${i}`,
      surname: `Sur${i}`,
      mail: upn(i),
      employeeId: String(i),
      department: `Dept ${i % 50}`,
      manager: i % 10 === 0 ? undefined : upn(i - (i % 10)),
    })),
    groups: Array.from({ length: groups }, (_, g) => ({
      displayName: `Group ${g}`,
      members: Array.from({ length: 200 }, (_, k) => upn((g * 100 + k * 7) % users)),
    })),
  })
  if (result.errors.length > 0) throw new Error(`seeding failed: ${result.errors[0].message}`)
}

/** Initial cycles of 2,000 users (200 at concurrency 1) against a target answering after 50 ms at concurrency 1, 8 and 32, and against an instant one. */
async function latencyThroughput(work: string, secretKey: Buffer): Promise<BenchResult[]> {
  const database: Database = await openDatabase({ kind: 'sqlite', file: join(work, 'latency.db') })
  const results: BenchResult[] = []
  try {
    await migrate(database)
    const directory = openDirectory(database)
    const users = 2000
    await importDirectory(directory, {
      users: Array.from({ length: users }, (_, i) => ({
        userPrincipalName: `lat${i}@bench.test`,
        mail: `lat${i}@bench.test`,
      })),
    })
    for (const [concurrency, latency] of [
      [1, 50],
      [8, 50],
      [32, 50],
      [32, 0],
    ]) {
      const target = await startSlowTarget(latency)
      const count = concurrency === 1 ? 200 : users
      const { job, app } = await addProvisionedApp(
        { database, directory, secretKey },
        {
          name: `Latency ${latency} ${concurrency}`,
          templateId: 'generic-scim',
          tenantUrl: target.url,
          secretToken: 't',
          scope: 'assigned',
          settings: { concurrency },
        },
      )
      for (const user of await directory.listUsers({ limit: count }))
        await directory.assign(app.id, { userId: user.id })
      const summary = await runCycle(job.id, { database, directory, secretKey })
      await target.close()
      const rate = count / (summary.durationMs / 1000)
      results.push({
        name:
          latency === 0
            ? `instant target (engine alone), concurrency ${concurrency}`
            : `50 ms target, concurrency ${concurrency}`,
        value: rate,
        unit: 'objects/s',
        ...(concurrency === 32 && latency > 0
          ? { target: '≥ 300', pass: rate >= 300 && summary.counts.failed === 0 }
          : {}),
      })
    }
  } finally {
    await database.close()
  }
  return results
}

/** A SCIM target that answers every request after `latencyMs`: empty lists, creates with a new id. */
async function startSlowTarget(latencyMs: number): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () =>
      setTimeout(() => {
        res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/scim+json' })
        res.end(
          JSON.stringify(
            req.method === 'POST'
              ? { id: randomUUID() }
              : {
                  schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
                  totalResults: 0,
                  Resources: [],
                },
          ),
        )
      }, latencyMs),
    )
  })
  server.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/scim/v2`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** The Provisio service provider in a child process (rate limit off), with a tenant and its token. */
async function startProvider(dataDir: string): Promise<{ scimUrl: string; token: string; stop(): void }> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [...cli, 'tenant', 'create', 'Bench', '--json', '--data', dataDir],
    { cwd: root },
  )
  const { token } = JSON.parse(stdout) as { token: string }
  const child: ChildProcess = spawn(
    process.execPath,
    [...cli, 'serve', '--port', '0', '--rate-limit', '0', '--data', dataDir],
    {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  const url = await new Promise<string>((resolve, reject) => {
    let text = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      const match = /listening on (http:\/\/\S+)/.exec(text)
      if (match) resolve(match[1])
    })
    child.once('exit', (code) => reject(new Error(`the provider exited with ${code}: ${text}`)))
  })
  child.stdout!.resume()
  return { scimUrl: `${url}/scim/v2`, token, stop: () => child.kill('SIGTERM') }
}

/** Samples this process's resident set size every 100 ms; stop() returns the peak. */
function sampleRss(): { stop(): number } {
  let peak = process.memoryUsage.rss()
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss())
  }, 100)
  return {
    stop() {
      clearInterval(timer)
      return Math.max(peak, process.memoryUsage.rss())
    },
  }
}
