/**
 * The provisioning engine, with every target in a child process (its CPU and memory are not the engine's):
 * - engine alone: an initial cycle of 100,000 users and 1,000 groups (about 200,000 memberships) into an instant
 *   SCIM target (bench/support/engine-scim-target.ts), an incremental cycle after 100 changes, an idle cycle (no request);
 * - the same into the Provisio service provider (SQLite);
 * - throughput against a target with 50 ms latency at concurrency 1, 8 and 32.
 * The two initial cycles run at concurrency 32 (the job's setting; its default is 8).
 * BENCH_ENGINE_USERS sets the engine-alone size (default 100,000), BENCH_ENGINE_PROVIDER_USERS the provider one
 * (default the same).
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { type Database, openDatabase } from '../src/db/database.js'
import { migrate } from '../src/db/migrate.js'
import { importDirectory, openDirectory } from '../src/directory/index.js'
import { runCycle } from '../src/engine/cycle/run-cycle.js'
import { addProvisionedApp } from '../src/engine/provisioned-app.js'
import type { BenchResult } from './types.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const cli = ['--import', 'tsx', join(root, 'src/cli/main.ts')]

export async function run(): Promise<BenchResult[]> {
  const users = Number(process.env.BENCH_ENGINE_USERS ?? 100_000)
  const providerUsers = Number(process.env.BENCH_ENGINE_PROVIDER_USERS ?? users)
  const work = mkdtempSync(join(tmpdir(), 'provisio-engine-bench-'))
  const secretKey = randomBytes(32)
  const results: BenchResult[] = []
  try {
    const instant = await startChild([join(root, 'bench/support/engine-scim-target.ts'), '0'])
    try {
      const target = { ...instant, token: 't' }
      results.push(...(await cycles(work, secretKey, 'engine alone (instant target)', users, target)))
    } finally {
      instant.stop()
    }
    const provider = await startProvider(join(work, 'provider'))
    try {
      const target = provider
      results.push(...(await cycles(work, secretKey, 'into the Provisio provider', providerUsers, target)))
    } finally {
      provider.stop()
    }
    results.push(...(await latencyThroughput(work, secretKey)))
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
  return results
}

/**
 * An initial cycle of `users` users and users/100 groups into `target`, an incremental cycle after 100 changes and
 * an idle one, in a directory of their own; rows labelled with `label`.
 */
async function cycles(
  work: string,
  secretKey: Buffer,
  label: string,
  users: number,
  target: TargetProcess & { token: string },
): Promise<BenchResult[]> {
  const groups = Math.max(1, Math.round(users / 100))
  const file = join(work, `${randomUUID()}.db`)
  await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', join(root, 'bench/support/engine-seed.ts'), file, String(users), String(groups)],
    { cwd: root },
  )
  const database = await openDatabase({ kind: 'sqlite', file })
  const results: BenchResult[] = []
  try {
    const directory = openDirectory(database)
    const { job } = await addProvisionedApp(
      { database, directory, secretKey },
      {
        name: 'Bench',
        templateId: 'generic-scim',
        tenantUrl: target.url,
        secretToken: target.token,
        scope: 'all',
        settings: { concurrency: 32 },
      },
    )
    const rss = sampleRss()
    const engineCpu = process.cpuUsage()
    const targetCpu = target.cpuSeconds()
    const initial = await runCycle(job.id, { database, directory, secretKey })
    const engineMs = cpuMs(process.cpuUsage(engineCpu)) / (users + groups)
    const targetMs = ((target.cpuSeconds() - targetCpu) * 1000) / (users + groups)
    const rate = (users + groups) / (initial.durationMs / 1000)
    const failed = initial.counts.failed
    const size = `${users.toLocaleString('en-US')} users + ${groups.toLocaleString('en-US')} groups`
    results.push(
      {
        name: `${label}: initial cycle, ${size}`,
        value: rate,
        unit: 'objects/s',
        target: '≥ 1,000',
        pass: rate >= 1000 && failed === 0,
      },
      { name: `${label}: initial cycle duration`, value: initial.durationMs / 1000, unit: 's' },
      { name: `${label}: initial cycle requests`, value: initial.requests, unit: 'requests' },
      { name: `${label}: engine CPU per object`, value: engineMs, unit: 'ms' },
      { name: `${label}: target process CPU per object`, value: targetMs, unit: 'ms' },
      {
        name: `${label}: initial cycle failures`,
        value: failed,
        unit: 'objects',
        target: '0',
        pass: failed === 0,
      },
    )

    const changed = await directory.listUsers({ limit: 100 })
    for (const user of changed)
      await directory.updateUser(user.id, { jobTitle: `Title ${randomUUID().slice(0, 8)}` })
    const incremental = await runCycle(job.id, { database, directory, secretKey })
    results.push(
      {
        name: `${label}: incremental cycle after 100 changes`,
        value: incremental.durationMs,
        unit: 'ms',
        target: '< 2,000',
        pass: incremental.durationMs < 2000,
      },
      {
        name: `${label}: incremental cycle requests`,
        value: incremental.requests,
        unit: 'requests',
        target: '100',
        pass: incremental.requests === 100,
      },
    )
    const idle = await runCycle(job.id, { database, directory, secretKey })
    results.push({
      name: `${label}: requests when nothing changed`,
      value: idle.requests,
      unit: 'requests',
      target: '0',
      pass: idle.requests === 0,
    })
    const peak = rss.stop()
    results.push({
      name: `${label}: engine peak RSS`,
      value: Math.round(peak / 2 ** 20),
      unit: 'MB',
      target: '< 500',
      pass: peak < 500 * 2 ** 20,
    })
  } finally {
    await database.close()
  }
  return results
}

/** Initial cycles of 2,000 users (200 at concurrency 1) against a target answering after 50 ms, at concurrency 1, 8 and 32. */
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
    const target = await startChild([join(root, 'bench/support/engine-scim-target.ts'), '50'])
    try {
      for (const concurrency of [1, 8, 32]) {
        const count = concurrency === 1 ? 200 : users
        const { job, app } = await addProvisionedApp(
          { database, directory, secretKey },
          {
            name: `Latency ${concurrency}`,
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
        const rate = count / (summary.durationMs / 1000)
        results.push({
          name: `50 ms target, concurrency ${concurrency}`,
          value: rate,
          unit: 'objects/s',
          ...(concurrency === 32
            ? { target: '≥ 300', pass: rate >= 300 && summary.counts.failed === 0 }
            : {}),
        })
      }
    } finally {
      target.stop()
    }
  } finally {
    await database.close()
  }
  return results
}

/** A bench target (engine-scim-target.ts) in a child process: its base URL, and stop(). */
async function startChild(args: string[]): Promise<TargetProcess & { stop(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const url = await listeningUrl(child)
  return { url, cpuSeconds: () => cpuSecondsOf(child.pid), stop: () => child.kill('SIGTERM') }
}

/** The Provisio service provider in a child process (rate limit off), with a tenant and its token. */
async function startProvider(dataDir: string): Promise<TargetProcess & { token: string; stop(): void }> {
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
  const url = await listeningUrl(child)
  return {
    url: `${url}/scim/v2`,
    token,
    cpuSeconds: () => cpuSecondsOf(child.pid),
    stop: () => child.kill('SIGTERM'),
  }
}

/** A target in a child process: its SCIM base URL and the CPU time it has used. */
interface TargetProcess {
  url: string
  cpuSeconds(): number
}

/** CPU seconds (user + system) a child process has used, from /proc (0 where /proc is not available). */
function cpuSecondsOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return 0
  }
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000
}

/** The URL a child process prints as `listening on URL`. */
async function listeningUrl(child: ChildProcess): Promise<string> {
  const url = await new Promise<string>((resolve, reject) => {
    let text = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      const match = /listening on (http:\/\/\S+)/.exec(text)
      if (match) resolve(match[1])
    })
    child.once('exit', (code) => reject(new Error(`the child process exited with ${code}: ${text}`)))
  })
  child.stdout!.resume()
  return url
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
