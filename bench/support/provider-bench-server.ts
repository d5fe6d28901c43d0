/**
 * The server side of bench/provider.bench.ts, run in its own process so that its CPU is not shared with the load
 * generator: opens the database named by argv[2] (a DatabaseConfig as JSON), starts Provisio with no rate limit, a
 * bare Fastify route and a bare node:http server that answer the same JSON as the filter query, preloads 100,000
 * users and a 100,000-member group, and prints one JSON line with the URLs, the token and the group ids. It runs
 * until it is killed.
 */
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import Fastify from 'fastify'
import { type RawBuilder, sql } from 'kysely'
import { type Database, type DatabaseConfig, openDatabase } from '../../src/db/database.js'
import { migrate } from '../../src/db/migrate.js'
import { selectRow } from '../../src/provider/store/resource-writes.js'
import { loadConfig } from '../../src/server/config.js'
import { type RunningServer, startServer } from '../../src/server/start-server.js'

export const USERS = 100_000
/**
 * Users in no group, `bench-<USERS + i>` for i < POOL: the new members that member adds add. A member-add run (its
 * warm-up and measured window together) adds at most POOL of them.
 */
export const POOL = 120_000
/** The 10-member groups, `ten-<i>` for i < SMALL_GROUPS; member adds to them go to each in turn. */
export const SMALL_GROUPS = 5_000
export const FILTER_PATH = `/scim/v2/Users?filter=${encodeURIComponent('userName eq "user4242@bench.example"')}`
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User'
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group'
const TEMPLATE = 'template@bench.example'
const TEMPLATE_GROUP = 'Template group'

/** What the child prints once it is ready. */
export interface BenchServerInfo {
  url: string
  bareUrl: string
  /** A node:http server answering the same bytes: the machine's own limit for one Node process. */
  rawUrl: string
  token: string
  bigGroup: string
  preloadSeconds: number
}

/**
 * Generates users inside the database (a recursive CTE: one statement, no round trips), each shaped like the template
 * user the store created, with ids `bench-<i>`: USERS members of one 100,000-member group, the POOL in no group, and
 * ten more, the members of each of SMALL_GROUPS groups generated likewise from a template group.
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
  const total = USERS + POOL + 10
  const seq = (count: number) =>
    sql`with recursive seq(i) as (select 0 union all select i + 1 from seq where i < ${count - 1})`
  const name = sql`'user' || i || '@bench.example'`
  await sql`${seq(total)} insert into scim_users
    (tenant_id, id, user_name, user_name_lower, external_id, display_name, display_name_lower, active, created,
     last_modified, version, data)
    select cast(${tenantId} as text), 'bench-' || i, ${name}, ${name}, 'ext-' || i, cast(${row.display_name} as text),
      cast(${row.display_name_lower} as text), ${row.active}, cast(${row.created} as text),
      cast(${row.last_modified} as text), 1, ${fill(row.data, TEMPLATE, name)}
    from seq`.execute(db)
  await sql`${seq(total)} insert into scim_user_emails (tenant_id, user_id, position, value_lower, type_lower, is_primary)
    select cast(${tenantId} as text), 'bench-' || i, 0, ${name}, 'work', 1 from seq`.execute(db)
  const big = await resources.create('Group', { schemas: [GROUP], displayName: 'Everyone' })
  await sql`${seq(USERS)} insert into scim_group_members (tenant_id, group_id, member_id, member_type)
    select cast(${tenantId} as text), cast(${String(big.id)} as text), 'bench-' || i, 'User' from seq`.execute(
    db,
  )
  const templateGroup = await resources.create('Group', { schemas: [GROUP], displayName: TEMPLATE_GROUP })
  const group = (await selectRow(db, tenantId, 'Group', String(templateGroup.id)))!
  await resources.delete('Group', String(templateGroup.id))
  const groupName = sql`'Ten ' || i`
  await sql`${seq(SMALL_GROUPS)} insert into scim_groups
    (tenant_id, id, display_name, display_name_lower, created, last_modified, version, data)
    select cast(${tenantId} as text), 'ten-' || i, ${groupName}, lower(${groupName}), cast(${group.created} as text),
      cast(${group.last_modified} as text), 1, ${fill(group.data, TEMPLATE_GROUP, groupName)}
    from seq`.execute(db)
  await sql`${seq(SMALL_GROUPS * 10)} insert into scim_group_members (tenant_id, group_id, member_id, member_type)
    select cast(${tenantId} as text), 'ten-' || (i / 10), 'bench-' || (cast(${USERS + POOL} as integer) + i % 10), 'User'
    from seq`.execute(db)
  // Measure the steady state: the preload's write-ahead log copied into the database file now, not during a scenario.
  if (database.dialect === 'sqlite') await sql`pragma wal_checkpoint(truncate)`.execute(db)
  return String(big.id)
}

/** SQL for a template's stored JSON with `name` in place of the template's own name. */
function fill(data: string, templateName: string, name: RawBuilder<unknown>): RawBuilder<unknown> {
  return data
    .split(templateName)
    .map((part) => sql`cast(${part} as text)`)
    .reduce((acc, part) => sql`${acc} || ${name} || ${part}`)
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2]) as DatabaseConfig
  const database = await openDatabase(config)
  await migrate(database)
  const dir = mkdtempSync(join(tmpdir(), 'provisio-bench-data-'))
  const server = await startServer(
    loadConfig({ port: 0, data: dir, rateLimit: 0 }, { LOG_LEVEL: 'silent' }),
    {
      database,
    },
  )
  const tenant = await server.store.tenants.create('Bench')
  const { token } = await server.store.tenants.enableProvisioning(tenant.id)
  const started = performance.now()
  const bigGroup = await preload(database, server, tenant.id)
  const preloadSeconds = Math.round((performance.now() - started) / 1000)
  const sample = await (
    await fetch(`${server.url}${FILTER_PATH}`, { headers: { authorization: `Bearer ${token}` } })
  ).text()
  const bare = Fastify()
  bare.get('/bare', async (_request, reply) =>
    reply.type('application/scim+json; charset=utf-8').send(JSON.parse(sample)),
  )
  const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' })
  const raw = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/scim+json; charset=utf-8' }).end(sample)
  })
  await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve))
  const rawUrl = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`
  const info: BenchServerInfo = {
    url: server.url,
    bareUrl,
    rawUrl,
    token,
    bigGroup,
    preloadSeconds,
  }
  process.stdout.write(`${JSON.stringify(info)}\n`)
  // Exit properly on SIGTERM, so that `node --cpu-prof` writes its profile.
  process.on('SIGTERM', () => process.exit(0))
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main()
