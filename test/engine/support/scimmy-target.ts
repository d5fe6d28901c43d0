import { randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import express from 'express'
import SCIMMY from 'scimmy'
import SCIMMYRouters from 'scimmy-routers'

/** A request the target received. */
export interface RecordedRequest {
  method: string
  url: string
  body: unknown
}

/** A third-party SCIM server (SCIMMY + express) with an in-memory store, for end-to-end tests of the engine. */
export interface ScimmyTarget {
  /** The tenant URL: `http://127.0.0.1:<port>/scim`. */
  url: string
  token: string
  users: Map<string, Record<string, unknown>>
  groups: Map<string, Record<string, unknown>>
  requests: RecordedRequest[]
  close(): Promise<void>
}

type Store = Map<string, Record<string, unknown>>

let extended = false

/**
 * Starts SCIMMY 1.3.5 behind scimmy-routers on loopback with an in-memory store, the User resource extended with
 * the enterprise extension. SCIMMY is strict: it compares
 * userName case-sensitively in filters and rejects the strings "True"/"False" for booleans. userName and group
 * displayName are unique (409). One per process: SCIMMY's resource declarations are global.
 */
export async function startScimmyTarget(): Promise<ScimmyTarget> {
  const token = `scimmy-${randomUUID()}`
  const users: Store = new Map()
  const groups: Store = new Map()
  const requests: RecordedRequest[] = []

  if (!extended) {
    SCIMMY.Resources.User.extend(SCIMMY.Schemas.EnterpriseUser, false)
    extended = true
  }
  declare(SCIMMY.Resources.User, users, 'userName')
  declare(SCIMMY.Resources.Group, groups, 'displayName')

  const app = express()
  app.use(express.json({ type: ['application/scim+json', 'application/json'], limit: '5mb' }))
  app.use((req, _res, next) => {
    const body = req.body as object | undefined
    requests.push({
      method: req.method,
      url: req.originalUrl,
      body: body && Object.keys(body).length > 0 ? body : undefined,
    })
    next()
  })
  app.use(
    '/scim',
    new SCIMMYRouters({
      type: 'bearer',
      docUri: 'https://example.com/auth',
      handler: (request: express.Request) => {
        if (request.header('Authorization') !== `Bearer ${token}`) throw new Error('Authorization failed')
        return 'engine'
      },
    }),
  )
  const server = app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/scim`,
    token,
    users,
    groups,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

// biome-ignore lint/suspicious/noExplicitAny: SCIMMY's resource classes are typed per resource
function declare(Resource: any, store: Store, uniqueAttribute: string): void {
  SCIMMY.Resources.declare(Resource)
    .ingress((resource: { id?: string }, data: Record<string, unknown>) => {
      const plain = JSON.parse(JSON.stringify(data)) as Record<string, unknown>
      const unique = plain[uniqueAttribute]
      for (const [id, existing] of store) {
        if (id !== resource.id && existing[uniqueAttribute] === unique) {
          throw new SCIMMY.Types.Error(409, 'uniqueness', `${uniqueAttribute} ${String(unique)} is taken`)
        }
      }
      if (resource.id) {
        if (!store.has(resource.id))
          throw new SCIMMY.Types.Error(404, null!, `Resource ${resource.id} not found`)
        const updated = { ...plain, id: resource.id, meta: store.get(resource.id)!.meta }
        store.set(resource.id, updated)
        return updated
      }
      const id = randomUUID()
      const now = new Date().toISOString()
      const created = { ...plain, id, meta: { created: now, lastModified: now } }
      store.set(id, created)
      return created
    })
    .egress((resource: { id?: string; filter?: { match(values: unknown[]): unknown[] } }) => {
      if (resource.id) {
        const found = store.get(resource.id)
        if (!found) throw new SCIMMY.Types.Error(404, null!, `Resource ${resource.id} not found`)
        return found
      }
      const all = [...store.values()]
      return resource.filter ? resource.filter.match(all) : all
    })
    .degress((resource: { id?: string }) => {
      if (!resource.id || !store.delete(resource.id))
        throw new SCIMMY.Types.Error(404, null!, `Resource ${resource.id} not found`)
    })
}
