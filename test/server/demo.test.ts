import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/server/config.js'
import { DEMO_TENANT, seedDemo } from '../../src/server/demo/seed-demo.js'
import { type RunningServer, startServer } from '../../src/server/start-server.js'

/** Polls `read` until `done` holds or about 60 s pass; returns the last value read. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read()
  for (let i = 0; i < 240 && !done(value); i++) {
    await new Promise((resolve) => setTimeout(resolve, 250))
    value = await read()
  }
  return value
}

describe('the first-run demo', { timeout: 120_000 }, () => {
  let dir: string
  let server: RunningServer

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'provisio-demo-'))
    server = await startServer(loadConfig({ port: 0, data: dir }, { LOG_LEVEL: 'silent' }))
  })
  afterAll(async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('provisions the demo company into the demo tenant over HTTP, with managers and Peakon attributes', async () => {
    const seeded = await seedDemo({ ...server, scimUrl: `${server.url}/scim/v2` })
    expect(seeded).toEqual({ people: 20, groups: 5 })
    const tenant = await server.store.tenants.getByName(DEMO_TENANT)
    const users = server.store.resources(tenant!.id)
    const list = await eventually(
      () => users.query('User', { count: 100 }),
      (page) =>
        page.totalResults === 20 &&
        page.resources.filter((u) => (u as Record<string, Record<string, unknown>>)[ENTERPRISE]?.manager)
          .length === 19,
    )
    expect(list.totalResults).toBe(20)
    const grace = list.resources.find((u) => u.userName === 'grace.hopper@demo.provisio.dev') as Record<
      string,
      unknown
    >
    expect(grace.active).toBe(true)
    expect(grace.name).toMatchObject({ givenName: 'Grace', familyName: 'Hopper' })
    expect(grace[PEAKON]).toMatchObject({
      Department: 'Engineering',
      Title: 'VP Engineering',
      Location: 'New York',
    })
    const ada = list.resources.find((u) => u.userName === 'ada.lovelace@demo.provisio.dev')
    expect((grace[ENTERPRISE] as { manager: { value: string } }).manager.value).toBe(ada?.id)
  })

  it('is set up once: a second start leaves it as it is', async () => {
    expect(await seedDemo({ ...server, scimUrl: `${server.url}/scim/v2` })).toBeUndefined()
  })
})

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'
const PEAKON = 'urn:ietf:params:scim:schemas:extension:peakon:2.0:User'
