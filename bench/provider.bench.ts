/**
 * The SCIM service provider on loopback, with 100,000 users and a 100,000-member group preloaded, on SQLite and on
 * PostgreSQL (PROVISIO_TEST_DATABASE_URL, or PGlite when unset), beside a bare Fastify route that answers the same
 * JSON as the filter query (the framework's own limit). autocannon, 32 connections, a few seconds per scenario.
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Fastify from 'fastify'
import { sql } from 'kysely'
import pg from 'pg'
import { type Database, type DatabaseConfig, openDatabase } from '../src/db/database.js'
import { migrate } from '../src/db/migrate.js'
import { loadConfig } from '../src/server/config.js'
import { type RunningServer, startServer } from '../src/server/start-server.js'
import type { BenchResult } from './types.js'

const USERS = 100_000
const POOL = 30_000
const CONNECTIONS = 32
const SECONDS = 2
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User'
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group'
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'
const SCIM_JSON = 'application/scim+json'
const TEMPLATE = 'template@bench.example'

interface Cannon {
  requests: { average: number; total: number }
  latency: { p99: number }
  non2xx: number
  errors: number
}
type AutocannonRequest = { method: string; path: string; headers?: Record<string, string>; body?: string }
type Autocannon = (
  options: {
    url: string
    connections: number
    duration: number
    headers?: Record<string, string>
    requests?: (AutocannonRequest | { setupRequest(r: AutocannonRequest): AutocannonRequest })[]
  },
  done: (error: Error | null, result: Cannon) => void,
) => void
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon

/** An autocannon result plus the process CPU time per request (server and load generator share the process). */
type Measured = Cannon & { cpuMicros: number }

function cannon(
  url: string,
  headers: Record<string, string>,
  setup: () => AutocannonRequest,
): Promise<Measured> {
  const cpu = process.cpuUsage()
  return new Promise<Cannon>((resolve, reject) =>
    autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration: SECONDS,
        headers,
        requests: [{ setupRequest: (r) => ({ ...r, ...setup() }) }],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    ),
  ).then((result) => {
    const used = process.cpuUsage(cpu)
    return { ...result, cpuMicros: (used.user + used.system) / Math.max(1, result.requests.total) }
  })
}

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

/**
 * Generates users inside the database (a recursive CTE: one statement, no round trips), each shaped like the template
 * user the store created, with ids `bench-<i>`; then the memberships of a 100,000-member and a 10-member group.
 */
async function preload(database: Database, server: RunningServer, tenantId: string) {
  const resources = server.store.resources(tenantId)
  const template = await resources.create('User', {
    schemas: [USER],
    userName: TEMPLATE,
    name: { givenName: 'Bench', familyName: 'User' },
    emails: [{ value: TEMPLATE, type: 'work', primary: true }],
    active: true,
  })
  const { db } = database
  const row = await db
    .selectFrom('scim_users')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', String(template.id))
    .executeTakeFirstOrThrow()
  const total = USERS + POOL
  const seq = sql`with recursive seq(i) as (select 0 union all select i + 1 from seq where i < ${total - 1})`
  const name = sql`'user' || i || '@bench.example'`
  const data = row.data
    .split(TEMPLATE)
    .map((part) => sql`cast(${part} as text)`)
    .reduce((acc, part) => sql`${acc} || ${name} || ${part}`)
  await sql`${seq} insert into scim_users
    (tenant_id, id, user_name, user_name_lower, external_id, display_name, display_name_lower, active, created,
     last_modified, version, data)
    select cast(${tenantId} as text), 'bench-' || i, ${name}, ${name}, 'ext-' || i, cast(${row.display_name} as text),
      cast(${row.display_name_lower} as text), ${row.active}, cast(${row.created} as text),
      cast(${row.last_modified} as text), 1, ${data}
    from seq`.execute(db)
  await sql`${seq} insert into scim_user_emails (tenant_id, user_id, position, value_lower, type_lower, is_primary)
    select cast(${tenantId} as text), 'bench-' || i, 0, ${name}, 'work', 1 from seq`.execute(db)
  const big = await resources.create('Group', { schemas: [GROUP], displayName: 'Everyone' })
  const small = await resources.create('Group', { schemas: [GROUP], displayName: 'Ten' })
  for (const [group, size] of [
    [String(big.id), USERS],
    [String(small.id), 10],
  ] as const) {
    await sql`with recursive seq(i) as (select 0 union all select i + 1 from seq where i < ${size - 1})
      insert into scim_group_members (tenant_id, group_id, member_id, member_type)
      select cast(${tenantId} as text), cast(${group} as text), 'bench-' || i, 'User' from seq`.execute(db)
  }
  const ids = Array.from({ length: total }, (_, i) => `bench-${i}`)
  return { ids, pool: ids.slice(USERS), bigGroup: String(big.id), smallGroup: String(small.id) }
}

function progress(message: string): void {
  process.stderr.write(`provider bench: ${message}\n`)
}

async function measure(subject: Subject): Promise<BenchResult[]> {
  progress(`${subject.name}: preloading ${USERS.toLocaleString('en-US')} users and a group of as many`)
  const database = await openDatabase(subject.config)
  await migrate(database)
  const dir = mkdtempSync(join(tmpdir(), 'provisio-bench-data-'))
  const server = await startServer(
    loadConfig({ port: 0, data: dir, rateLimit: 0 }, { LOG_LEVEL: 'silent' }),
    { database },
  )
  const bare = Fastify()
  try {
    const tenant = await server.store.tenants.create('Bench')
    const { token } = await server.store.tenants.enableProvisioning(tenant.id)
    const started = performance.now()
    const { ids, pool, bigGroup, smallGroup } = await preload(database, server, tenant.id)
    progress(`${subject.name}: preloaded in ${Math.round((performance.now() - started) / 1000)} s`)
    const headers = { authorization: `Bearer ${token}`, 'content-type': SCIM_JSON }
    const filterPath = `/scim/v2/Users?filter=${encodeURIComponent('userName eq "user4242@bench.example"')}`
    const sample = await (await fetch(`${server.url}${filterPath}`, { headers })).text()
    bare.get('/bare', async (_request, reply) =>
      reply.type('application/scim+json; charset=utf-8').send(JSON.parse(sample)),
    )
    const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' })

    let n = 0
    let poolBig = 0
    let poolSmall = 0
    const memberAdd = (group: string, next: () => string) => () => ({
      method: 'PATCH',
      path: `/scim/v2/Groups/${group}`,
      headers: { ...headers, prefer: 'return=minimal' },
      body: JSON.stringify({
        schemas: [PATCH_OP],
        Operations: [{ op: 'add', path: 'members', value: [{ value: next() }] }],
      }),
    })
    const runs: [string, () => Promise<Measured>][] = [
      ['bare Fastify route', () => cannon(bareUrl, {}, () => ({ method: 'GET', path: '/bare' }))],
      [
        'filter GET userName eq',
        () => cannon(server.url, headers, () => ({ method: 'GET', path: filterPath })),
      ],
      [
        'GET by id',
        () =>
          cannon(server.url, headers, () => ({ method: 'GET', path: `/scim/v2/Users/${ids[n++ % USERS]}` })),
      ],
      [
        'POST /Users',
        () =>
          cannon(server.url, headers, () => ({
            method: 'POST',
            path: '/scim/v2/Users',
            body: JSON.stringify({ schemas: [USER], userName: `new${n++}@bench.example`, active: true }),
          })),
      ],
      [
        'PATCH replace',
        () =>
          cannon(server.url, headers, () => ({
            method: 'PATCH',
            path: `/scim/v2/Users/${ids[n++ % USERS]}`,
            body: JSON.stringify({
              schemas: [PATCH_OP],
              Operations: [{ op: 'replace', path: 'title', value: `t${n}` }],
            }),
          })),
      ],
      [
        'member add, 100,000-member group',
        () =>
          cannon(
            server.url,
            headers,
            memberAdd(bigGroup, () => pool[poolBig++ % POOL] as string),
          ),
      ],
      [
        'member add, 10-member group',
        () =>
          cannon(
            server.url,
            headers,
            memberAdd(smallGroup, () => pool[poolSmall++ % POOL] as string),
          ),
      ],
    ]
    const got = new Map<string, Measured>()
    for (const [name, run] of runs) {
      const result = await run()
      progress(
        `${subject.name}: ${name}: ${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms`,
      )
      got.set(name, result)
    }
    return report(subject.name, got)
  } finally {
    await bare.close()
    await server.close()
    await database.close()
    await subject.drop()
    rmSync(dir, { recursive: true, force: true })
  }
}

function report(db: string, got: Map<string, Measured>): BenchResult[] {
  const sqlite = db === 'SQLite'
  const rows: BenchResult[] = []
  const rps = (name: string) => got.get(name)?.requests.average ?? 0
  for (const [name, r] of got) {
    const failures = r.non2xx + r.errors
    rows.push({ name: `${db}: ${name} throughput`, value: Math.round(r.requests.average), unit: 'req/s' })
    const p99: BenchResult = { name: `${db}: ${name} p99`, value: r.latency.p99, unit: 'ms' }
    if (sqlite && name !== 'bare Fastify route')
      Object.assign(p99, { target: '< 25 ms', pass: r.latency.p99 < 25 })
    rows.push(p99)
    rows.push({
      name: `${db}: ${name} CPU per request (server + load generator)`,
      value: Math.round(r.cpuMicros),
      unit: 'µs',
    })
    if (failures > 0)
      rows.push({
        name: `${db}: ${name} failed requests`,
        value: failures,
        unit: 'requests',
        target: '0',
        pass: false,
      })
  }
  const ratio = rps('filter GET userName eq') / rps('bare Fastify route')
  rows.push({
    name: `${db}: filter GET / bare route`,
    value: Math.round(ratio * 100),
    unit: '%',
    ...(sqlite ? { target: '≥ 50 %', pass: ratio >= 0.5 } : {}),
  })
  for (const name of ['POST /Users', 'PATCH replace']) {
    const row = rows.find((r) => r.name === `${db}: ${name} throughput`)
    if (row && sqlite) Object.assign(row, { target: '≥ 3,000 req/s', pass: row.value >= 3000 })
  }
  const slowdown = rps('member add, 10-member group') / rps('member add, 100,000-member group')
  rows.push({
    name: `${db}: member add cost at 100,000 vs 10 members`,
    value: Math.round(slowdown * 100) / 100,
    unit: '×',
    ...(sqlite ? { target: '≤ 1.5 ×', pass: slowdown <= 1.5 } : {}),
  })
  return rows
}

/** Runs every scenario on each database and returns the figures. */
export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = []
  for (const subject of await subjects()) results.push(...(await measure(subject)))
  return results
}
