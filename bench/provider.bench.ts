/**
 * The SCIM service provider on loopback, with 100,000 users and a 100,000-member group preloaded (for member adds,
 * also users in no group and 5,000 groups of ten: see provider-bench-server.ts), on SQLite and on
 * PostgreSQL (PROVISIO_TEST_DATABASE_URL, or PGlite when unset), beside a bare Fastify route that answers the same
 * JSON as the filter query (the framework's own limit). The server runs in a child process
 * (bench/support/provider-bench-server.ts) so that it has a core of its own; the load comes from the benchmarks' load
 * generator (bench/support/load.ts), 32 connections, each scenario measured for ten seconds after ten seconds of
 * unmeasured warm-up on the same connections; the bare route and the filter, whose ratio has a target, are measured
 * in three alternating rounds (the later two after a shorter warm-up).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type { DatabaseConfig } from '../src/db/database.js'
import { type LoadResult, type LoadScenario, literal, load } from './support/load.js'
import {
  type BenchServerInfo,
  FILTER_PATH,
  POOL,
  SMALL_GROUPS,
  USERS,
} from './support/provider-bench-server.js'
import type { BenchResult } from './types.js'

const CONNECTIONS = 32
/** How long each scenario is measured. */
const SECONDS = 10
/**
 * Each scenario first runs this long unmeasured, to measure the steady state: the JIT needs a few seconds of traffic
 * to compile a path fully, and on a machine that drops idle page cache (this VM does, after about a minute) the
 * pages a scenario touches must come back from disk first: PATCHes of random users rise from ~2,100 to ~4,300/s
 * over their first 12 seconds.
 */
const WARMUP_SECONDS = 10
/** The warm-up of the ratio's later rounds, whose paths are compiled and whose pages are in memory by then. */
const ROUND_WARMUP_SECONDS = 2
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User'
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'
const SCIM_JSON = 'application/scim+json'
const SERVER = join(import.meta.dirname, 'support', 'provider-bench-server.ts')
const BARE = 'bare Fastify route'
const FILTER = 'filter GET userName eq'
const BIG_ADD = 'member add, 100,000-member group'
const SMALL_ADD = `member add, 10-member groups (${SMALL_GROUPS.toLocaleString('en-US')}, in turn)`
/** How often the bare route and the filter are measured, alternately, for their ratio. */
const RATIO_ROUNDS = 3
interface Subject {
  name: string
  config: DatabaseConfig
  drop(): Promise<void>
}

async function subjects(): Promise<Subject[]> {
  const dir = mkdtempSync(join(tmpdir(), 'provisio-bench-'))
  const sqlite: Subject = {
    name: 'SQLite',
    config: { kind: 'sqlite', file: join(dir, 'bench.db') },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  }
  const url = process.env.PROVISIO_TEST_DATABASE_URL
  if (!url) return [sqlite, { name: 'PostgreSQL (PGlite)', config: { kind: 'pglite' }, drop: async () => {} }]
  const name = `provisio_bench_${randomUUID().slice(0, 8)}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const target = new URL(url)
  target.pathname = `/${name}`
  return [
    sqlite,
    {
      name: 'PostgreSQL',
      config: { kind: 'postgres', url: target.toString(), poolSize: 16 },
      drop: async () => {
        const c = new pg.Client({ connectionString: url })
        await c.connect()
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
        await c.end()
      },
    },
  ]
}

function progress(message: string): void {
  process.stderr.write(`provider bench: ${message}\n`)
}

/** Starts the bench server for a database in a child process and waits for its ready line. */
function startChild(config: DatabaseConfig): Promise<{ child: ChildProcess; info: BenchServerInfo }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER, JSON.stringify(config)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const line = out.split('\n').find((l) => l.startsWith('{'))
      if (line) resolve({ child, info: JSON.parse(line) as BenchServerInfo })
    })
    child.on('exit', (code) => reject(new Error(`the bench server exited with ${code} before it was ready`)))
  })
}

async function measure(subject: Subject): Promise<BenchResult[]> {
  progress(
    `${subject.name}: preloading ${(USERS + POOL).toLocaleString('en-US')} users, a group of ${USERS.toLocaleString('en-US')} and ${SMALL_GROUPS.toLocaleString('en-US')} of ten`,
  )
  const { child, info } = await startChild(subject.config)
  try {
    progress(`${subject.name}: preloaded in ${info.preloadSeconds} s`)
    const headers = { authorization: `Bearer ${info.token}`, 'content-type': SCIM_JSON }
    const scenario = (path: string, method: 'GET' | 'POST' | 'PATCH' = 'GET', body?: string) =>
      ({ url: info.url, method, headers, path, body }) satisfies LoadScenario
    const userId = `"/scim/v2/Users/bench-" + (n % ${USERS})`
    /** Adds of new members: pool users, a different one each request, in a shuffled order (7919 is prime to POOL). */
    const memberAdd = (groupPath: string) =>
      scenario(
        groupPath,
        'PATCH',
        `${literal(`{"schemas":["${PATCH_OP}"],"Operations":[{"op":"add","path":"members","value":[{"value":"bench-`)} + (${USERS} + n * 7919 % ${POOL}) + ${literal('"}]}]}')}`,
      )
    const runs: [string, LoadScenario][] = [
      ['bare node:http server', { url: info.rawUrl, method: 'GET', headers: {}, path: literal('/') }],
      [BARE, { url: info.bareUrl, method: 'GET', headers: {}, path: literal('/bare') }],
      [FILTER, scenario(literal(FILTER_PATH))],
      ['GET by id', scenario(userId)],
      [
        'POST /Users',
        scenario(
          literal('/scim/v2/Users'),
          'POST',
          `${literal(`{"schemas":["${USER}"],"userName":"posted-`)} + n + ${literal('@bench.example","active":true}')}`,
        ),
      ],
      [
        'PATCH replace',
        scenario(
          userId,
          'PATCH',
          `${literal(`{"schemas":["${PATCH_OP}"],"Operations":[{"op":"replace","path":"title","value":"t`)} + n + ${literal('"}]}')}`,
        ),
      ],
      [BIG_ADD, memberAdd(literal(`/scim/v2/Groups/${info.bigGroup}`))],
      [SMALL_ADD, memberAdd(`"/scim/v2/Groups/ten-" + (n % ${SMALL_GROUPS})`)],
    ]
    const got = new Map<string, LoadResult[]>()
    const measureOnce = async (name: string, scenario: LoadScenario, warmupSeconds: number) => {
      const options = { scenario, connections: CONNECTIONS, warmupSeconds, seconds: SECONDS }
      const result = checked(name, await load(options))
      progress(
        `${subject.name}: ${name}: ${Math.round(result.requestsPerSecond)} req/s, p99 ${result.p99Ms} ms (max ${result.maxMs} ms)`,
      )
      got.set(name, [...(got.get(name) ?? []), result])
    }
    for (const [name, scenario] of runs) await measureOnce(name, scenario, WARMUP_SECONDS)
    // The ratio's two sides again, alternately: this machine's speed drifts within a minute, and one measurement of
    // each, a minute apart, would mostly measure the drift.
    const [bare, filter] = [BARE, FILTER].map((name) => runs.find(([n]) => n === name)![1])
    for (let round = 1; round < RATIO_ROUNDS; round++) {
      await measureOnce(BARE, bare, ROUND_WARMUP_SECONDS)
      await measureOnce(FILTER, filter, ROUND_WARMUP_SECONDS)
    }
    return report(subject.name, got)
  } finally {
    child.kill('SIGKILL')
    await subject.drop()
  }
}

/** A run's result, or an error if it was a member add that ran out of new members to add. */
function checked(name: string, result: LoadResult): LoadResult {
  if ((name === BIG_ADD || name === SMALL_ADD) && result.sent > POOL) {
    throw new Error(`${name}: ${result.sent} requests in one run, more than the ${POOL} new members it has`)
  }
  return result
}

/** The median of some numbers. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/**
 * The figures of a database's scenarios. A scenario measured in several rounds shows its median throughput, its
 * worst p99 and all its failures; the filter's share of the bare route is the median of the rounds' ratios.
 */
function report(db: string, got: Map<string, LoadResult[]>): BenchResult[] {
  const sqlite = db === 'SQLite'
  const rows: BenchResult[] = []
  const rps = (name: string) => median((got.get(name) ?? []).map((r) => r.requestsPerSecond))
  for (const [name, results] of got) {
    const failures = results.reduce((sum, r) => sum + r.failed, 0)
    const rounds = results.length > 1 ? ` (median of ${results.length} rounds)` : ''
    rows.push({ name: `${db}: ${name} throughput${rounds}`, value: Math.round(rps(name)), unit: 'req/s' })
    const worst = Math.max(...results.map((r) => r.p99Ms))
    const p99: BenchResult = {
      name: `${db}: ${name} p99${results.length > 1 ? ' (worst round)' : ''}`,
      value: worst,
      unit: 'ms',
    }
    if (sqlite && !name.startsWith('bare ')) Object.assign(p99, { target: '< 25 ms', pass: worst < 25 })
    rows.push(p99)
    if (failures > 0)
      rows.push({
        name: `${db}: ${name} failed requests`,
        value: failures,
        unit: 'requests',
        target: '0',
        pass: false,
      })
  }
  const bare = got.get(BARE) ?? []
  const ratio = median(
    (got.get(FILTER) ?? []).map((r, i) => r.requestsPerSecond / (bare[i]?.requestsPerSecond ?? Number.NaN)),
  )
  rows.push({
    name: `${db}: filter GET / bare route (median of ${bare.length} alternating rounds)`,
    value: Math.round(ratio * 100),
    unit: '%',
    ...(sqlite ? { target: '≥ 50 %', pass: ratio >= 0.5 } : {}),
  })
  for (const name of ['POST /Users', 'PATCH replace']) {
    const row = rows.find((r) => r.name === `${db}: ${name} throughput`)
    if (row && sqlite) Object.assign(row, { target: '≥ 3,000 req/s', pass: row.value >= 3000 })
  }
  const slowdown = rps(SMALL_ADD) / rps(BIG_ADD)
  rows.push({
    name: `${db}: member add cost at 100,000 vs 10 members`,
    value: Math.round(slowdown * 100) / 100,
    unit: '×',
    ...(sqlite ? { target: '≤ 1.5 ×', pass: slowdown <= 1.5 } : {}),
  })
  return rows
}

/** Runs every scenario on each database (BENCH_PROVIDER_ONLY=sqlite|postgres picks one) and returns the figures. */
export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = []
  const only = process.env.BENCH_PROVIDER_ONLY?.toLowerCase()
  for (const subject of await subjects()) {
    if (only && !subject.name.toLowerCase().startsWith(only)) continue
    results.push(...(await measure(subject)))
  }
  return results
}
