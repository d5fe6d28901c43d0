import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ReadOptions, ResourceStore } from '../../../src/provider/store/types.js'
import { TEST_DATABASES } from '../../support/databases.js'
import { type ScimClient, startTestServer, type TestServer } from './scim-test-server.js'

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User'
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group'
const PEAKON = 'urn:ietf:params:scim:schemas:extension:peakon:2.0:User'

describe.each(TEST_DATABASES)('SCIM features on $name', (db) => {
  let server: TestServer
  let scim: ScimClient
  let tenantId: string
  beforeAll(async () => {
    server = await startTestServer(db)
    const tenant = await server.tenant('Adatum')
    scim = tenant.scim
    tenantId = tenant.id
    await server.store.tenants.defineCustomAttribute(tenantId, { name: 'Business Unit', type: 'string' })
  })
  afterAll(() => server?.close())

  it('shows a User its groups, and no groups attribute while it is in none, by id and in a list', async () => {
    const user = await scim('POST', '/Users', { schemas: [USER], userName: 'loner@adatum.com' })
    const byId = () => scim('GET', `/Users/${user.body.id}`)
    const listed = () => scim('GET', `/Users?filter=${encodeURIComponent('userName eq "loner@adatum.com"')}`)
    expect((await byId()).body).not.toHaveProperty('groups')
    expect((await listed()).body.Resources[0]).not.toHaveProperty('groups')
    const group = await scim('POST', '/Groups', {
      schemas: [GROUP],
      displayName: 'Loners',
      members: [{ value: user.body.id }],
    })
    const groups = [{ value: group.body.id, display: 'Loners', type: 'direct' }]
    expect((await byId()).body.groups).toEqual(groups)
    expect((await listed()).body.Resources[0].groups).toEqual(groups)
  })

  describe('ETags', () => {
    it('If-None-Match with the current version answers 304; If-Match with an old one 412 and changes nothing', async () => {
      const created = await scim('POST', '/Users', { schemas: [USER], userName: 'etag@adatum.com' })
      const v1 = created.headers.get('etag') as string
      expect(v1).toBe(created.body.meta.version)
      const notModified = await scim('GET', `/Users/${created.body.id}`, undefined, { 'if-none-match': v1 })
      expect(notModified.status).toBe(304)
      expect(notModified.headers.get('etag')).toBe(v1)
      const patch = { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'Boss' }] }
      const changed = await scim('PATCH', `/Users/${created.body.id}`, patch, { 'if-match': v1 })
      expect(changed.status).toBe(200)
      const v2 = changed.headers.get('etag') as string
      expect(v2).not.toBe(v1)
      const stale = await scim(
        'PATCH',
        `/Users/${created.body.id}`,
        { ...patch, Operations: [{ op: 'replace', path: 'title', value: 'X' }] },
        { 'if-match': v1 },
      )
      expect(stale.status).toBe(412)
      expect(stale.body.status).toBe('412')
      expect((await scim('GET', `/Users/${created.body.id}`)).body.title).toBe('Boss')
      const modified = await scim('GET', `/Users/${created.body.id}`, undefined, { 'if-none-match': v1 })
      expect(modified.status).toBe(200)
      expect((await scim('DELETE', `/Users/${created.body.id}`, undefined, { 'if-match': v1 })).status).toBe(
        412,
      )
      expect((await scim('DELETE', `/Users/${created.body.id}`, undefined, { 'if-match': v2 })).status).toBe(
        204,
      )
    })
  })

  it('shows meta.location only where attributes and excludedAttributes let meta.location through', async () => {
    const created = await scim('POST', '/Users', { schemas: [USER], userName: 'where@adatum.com' })
    const location = created.headers.get('location')
    const { location: _, ...withoutLocation } = created.body.meta
    const filter = encodeURIComponent('userName eq "where@adatum.com"')
    const cases: [query: string, meta: Record<string, unknown> | undefined][] = [
      ['', { ...created.body.meta, location }],
      ['attributes=meta.created', { created: created.body.meta.created }],
      ['attributes=meta.location', { location }],
      ['attributes=userName', undefined],
      ['excludedAttributes=meta.location', withoutLocation],
      ['excludedAttributes=meta', undefined],
    ]
    for (const [query, meta] of cases) {
      const one = await scim('GET', `/Users/${created.body.id}?${query}`)
      const listed = await scim('GET', `/Users?filter=${filter}&${query}`)
      expect({ query, one: one.body.meta, listed: listed.body.Resources[0].meta }).toStrictEqual({
        query,
        one: meta,
        listed: meta,
      })
    }
  })

  it('asks the store for members only when the answer shows them', async () => {
    const group = await scim('POST', '/Groups', { schemas: [GROUP], displayName: 'Watched' })
    const original = server.store.resources
    const seen: { op: string; options: ReadOptions | undefined }[] = []
    server.store.resources = (id) => {
      const inner = original(id)
      const note = (op: string, options: ReadOptions | undefined) => seen.push({ op, options })
      const watched: ResourceStore = {
        tenantId: inner.tenantId,
        create: (type, resource, options) => inner.create(type, resource, options),
        get: (type, rid, options) => inner.get(type, rid, options),
        getStored: (type, rid, options) => {
          note('get', options)
          return inner.getStored(type, rid, options)
        },
        replace: (type, rid, resource, options) => inner.replace(type, rid, resource, options),
        patch: (type, rid, ops, options) => {
          note('patch', options)
          return inner.patch(type, rid, ops, options)
        },
        delete: (type, rid, options) => inner.delete(type, rid, options),
        query: (type, options) => inner.query(type, options),
        queryStored: (type, options) => {
          note('query', options)
          return inner.queryStored(type, options)
        },
      }
      return watched
    }
    try {
      const patch = {
        schemas: [PATCH_OP],
        Operations: [{ op: 'replace', path: 'displayName', value: 'Watched 2' }],
      }
      await scim('GET', `/Groups/${group.body.id}?excludedAttributes=members`)
      await scim('GET', '/Groups?excludedAttributes=members')
      await scim('PATCH', `/Groups/${group.body.id}`, patch, { prefer: 'return=minimal' })
      await scim('GET', `/Groups/${group.body.id}`)
    } finally {
      server.store.resources = original
    }
    expect(seen.map((s) => [s.op, s.options?.includeMembers])).toEqual([
      ['get', false],
      ['query', false],
      ['patch', false],
      ['get', true],
    ])
  })

  describe('Bulk', () => {
    it('resolves bulkId references across operations, in any order', async () => {
      const res = await scim('POST', '/Bulk', {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
        Operations: [
          {
            method: 'POST',
            path: '/Groups',
            bulkId: 'g1',
            data: {
              schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
              displayName: 'Bulk Team',
              members: [{ value: 'bulkId:u1' }],
            },
          },
          {
            method: 'POST',
            path: '/Users',
            bulkId: 'u1',
            data: { schemas: [USER], userName: 'bulk1@adatum.com' },
          },
          {
            method: 'PATCH',
            path: '/Users/bulkId:u1',
            data: {
              schemas: [PATCH_OP],
              Operations: [{ op: 'replace', path: 'title', value: 'Bulk title' }],
            },
          },
        ],
      })
      expect(res.status).toBe(200)
      expect(res.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:BulkResponse'])
      const ops = res.body.Operations as {
        bulkId?: string
        status: string
        location?: string
        method: string
      }[]
      expect(ops.map((o) => o.status).sort()).toEqual(['200', '201', '201'].sort())
      const user = ops.find((o) => o.bulkId === 'u1')
      const group = ops.find((o) => o.bulkId === 'g1')
      const userId = user?.location?.split('/').pop()
      const members = (await scim('GET', `/Groups/${group?.location?.split('/').pop()}`)).body.members
      expect(members.map((m: { value: string }) => m.value)).toEqual([userId])
      expect((await scim('GET', `/Users/${userId}`)).body.title).toBe('Bulk title')
    })

    it('stops after failOnErrors failures and reports unresolvable bulkIds with 409', async () => {
      const res = await scim('POST', '/Bulk', {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
        failOnErrors: 1,
        Operations: [
          { method: 'PATCH', path: '/Users/bulkId:nobody', data: { schemas: [PATCH_OP], Operations: [] } },
          {
            method: 'POST',
            path: '/Users',
            bulkId: 'late',
            data: { schemas: [USER], userName: 'never@adatum.com' },
          },
        ],
      })
      expect(res.status).toBe(200)
      expect(res.body.Operations).toHaveLength(1)
      expect(res.body.Operations[0]).toMatchObject({ status: '409', response: { status: '409' } })
      const found = await scim('GET', '/Users?filter=userName+eq+%22never%40adatum.com%22')
      expect(found.body.totalResults).toBe(0)
    })

    it('enforces maxOperations with 413', async () => {
      const Operations = Array.from({ length: 1001 }, (_, i) => ({ method: 'DELETE', path: `/Users/u${i}` }))
      const res = await scim('POST', '/Bulk', {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
        Operations,
      })
      expect(res.status).toBe(413)
      expect(res.body.status).toBe('413')
    })
  })

  describe('discovery', () => {
    it('/ServiceProviderConfig advertises what the server does', async () => {
      const res = await scim('GET', '/ServiceProviderConfig')
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({
        patch: { supported: true },
        bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 4 * 1024 * 1024 },
        filter: { supported: true, maxResults: 1000 },
        changePassword: { supported: false },
        sort: { supported: true },
        etag: { supported: true },
      })
      expect(res.body.authenticationSchemes[0].type).toBe('oauthbearertoken')
      expect(res.body.pagination).toMatchObject({ cursor: true, index: true })
    })

    it('/Schemas shows the tenant custom extension with "Business Unit"; /Schemas/{urn} and /ResourceTypes/{id} work', async () => {
      const res = await scim('GET', '/Schemas')
      expect(res.status).toBe(200)
      const ids = res.body.Resources.map((s: { id: string }) => s.id)
      expect(ids).toEqual(
        expect.arrayContaining([USER, 'urn:ietf:params:scim:schemas:core:2.0:Group', PEAKON]),
      )
      const one = await scim('GET', `/Schemas/${PEAKON}`)
      expect(one.status).toBe(200)
      expect(one.body.attributes.map((a: { name: string }) => a.name)).toContain('Business Unit')
      const types = await scim('GET', '/ResourceTypes')
      expect(types.body.Resources[0].endpoint).toBe('/Users')
      const user = await scim('GET', '/ResourceTypes/User')
      expect(user.body.schemaExtensions.map((e: { schema: string }) => e.schema)).toContain(PEAKON)
      expect((await scim('GET', '/Schemas/urn:nope')).status).toBe(404)
    })

    it('a custom attribute with a space round-trips through POST and filter', async () => {
      const res = await scim('POST', '/Users', {
        schemas: [USER, PEAKON],
        userName: 'bu@adatum.com',
        [PEAKON]: { 'Business Unit': 'Engineering' },
      })
      expect(res.status).toBe(201)
      expect(res.body[PEAKON]['Business Unit']).toBe('Engineering')
    })
  })

  describe('lists', () => {
    beforeAll(async () => {
      for (const name of ['list-c', 'list-a', 'list-b'])
        await scim('POST', '/Users', { schemas: [USER], userName: `${name}@adatum.com` })
    })

    it('sorts, pages by index and by cursor, and projects', async () => {
      const filter = encodeURIComponent('userName sw "list-"')
      const sorted = await scim(
        'GET',
        `/Users?filter=${filter}&sortBy=userName&sortOrder=descending&attributes=userName`,
      )
      expect(sorted.body.Resources.map((r: { userName: string }) => r.userName)).toEqual([
        'list-c@adatum.com',
        'list-b@adatum.com',
        'list-a@adatum.com',
      ])
      expect(Object.keys(sorted.body.Resources[0]).sort()).toEqual(['id', 'schemas', 'userName'])
      const page = await scim('GET', `/Users?filter=${filter}&sortBy=userName&startIndex=2&count=1`)
      expect(page.body).toMatchObject({ totalResults: 3, itemsPerPage: 1, startIndex: 2 })
      expect(page.body.Resources[0].userName).toBe('list-b@adatum.com')
      const seen: string[] = []
      let cursor = ''
      for (let i = 0; i < 5; i++) {
        const res = await scim(
          'GET',
          `/Users?filter=${filter}&sortBy=userName&count=2&cursor=${encodeURIComponent(cursor)}`,
        )
        expect(res.status).toBe(200)
        seen.push(...res.body.Resources.map((r: { userName: string }) => r.userName))
        if (!res.body.nextCursor) break
        cursor = res.body.nextCursor
      }
      expect(seen).toEqual(['list-a@adatum.com', 'list-b@adatum.com', 'list-c@adatum.com'])
    })

    it('POST /Users/.search takes the parameters from a SearchRequest body and is not logged as a change', async () => {
      const res = await scim('POST', '/Users/.search', {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
        filter: 'userName sw "list-"',
        attributes: ['userName'],
        sortBy: 'userName',
        count: 2,
      })
      expect(res.status).toBe(200)
      expect(res.body.totalResults).toBe(3)
      expect(res.body.Resources).toHaveLength(2)
      const log = await server.store.activity.list(tenantId, { limit: 500 })
      expect(log.some((e) => e.path.endsWith('.search'))).toBe(false)
    })
  })

  it('records each change in the activity log, with token, method, path, resource, outcome', async () => {
    const created = await scim('POST', '/Users', { schemas: [USER], userName: 'logged@adatum.com' })
    await scim('POST', '/Users', { schemas: [USER], userName: 'logged@adatum.com' })
    // The entry is written after the answer is sent (onResponse), so wait for it.
    const entries = await vi.waitFor(async () => {
      const latest = await server.store.activity.list(tenantId, { limit: 5 })
      expect(latest[0]?.status).toBe(409)
      return latest
    })
    const [failed, ok] = entries
    expect(failed).toMatchObject({
      method: 'POST',
      path: '/Users',
      status: 409,
      outcome: 'failure',
      tokenId: expect.any(String),
    })
    expect(ok).toMatchObject({
      method: 'POST',
      path: '/Users',
      status: 201,
      outcome: 'success',
      resourceType: 'User',
      resourceId: created.body.id,
    })
    expect(ok?.durationMs).toBeGreaterThanOrEqual(0)
  })
})

describe('rate limit', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer(TEST_DATABASES[0] as (typeof TEST_DATABASES)[number], { rateLimit: 1 })
  })
  afterAll(() => server?.close())

  it('answers 429 with Retry-After once a token spends its burst, per token', async () => {
    const a = await server.tenant('Burst A')
    const b = await server.tenant('Burst B')
    const statuses: number[] = []
    let limited: Awaited<ReturnType<ScimClient>> | undefined
    for (let i = 0; i < 5; i++) {
      const res = await a.scim('GET', '/Users?count=0')
      statuses.push(res.status)
      if (res.status === 429) limited = res
    }
    expect(statuses.slice(0, 2)).toEqual([200, 200])
    expect(limited?.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(limited?.body).toMatchObject({ status: '429' })
    expect((await b.scim('GET', '/Users?count=0')).status).toBe(200)
  })
})
