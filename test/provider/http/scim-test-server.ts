import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ProviderStore } from '../../../src/provider/store/types.js'
import { type ConfigFlags, loadConfig } from '../../../src/server/config.js'
import { startServer } from '../../../src/server/start-server.js'
import type { TestDatabase } from '../../support/databases.js'

/** A SCIM answer: status, headers and the body parsed as JSON (undefined when empty). */
export interface ScimAnswer {
  status: number
  headers: Headers
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary SCIM JSON
  body: any
  text: string
}

/** Sends requests to the SCIM endpoint with one bearer token. */
export type ScimClient = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<ScimAnswer>

export interface TestServer {
  /** `http://127.0.0.1:PORT` */
  url: string
  /** `http://127.0.0.1:PORT/scim/v2` */
  scimUrl: string
  store: ProviderStore
  /** Creates a tenant with provisioning on; returns its token and a client using it. */
  tenant(name: string): Promise<{ id: string; token: string; scim: ScimClient }>
  /** A client with any Authorization header value (or none). */
  client(authorization: string | undefined): ScimClient
  close(): Promise<void>
}

/**
 * Starts the real server on 127.0.0.1, port 0, on a fresh database of the given kind, with a temp data directory.
 * The rate limit is off unless `flags.rateLimit` says otherwise.
 */
export async function startTestServer(kind: TestDatabase, flags: ConfigFlags = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'provisio-http-'))
  const { database, drop } = await kind.create()
  const config = loadConfig(
    { port: 0, host: '127.0.0.1', data: dir, rateLimit: 0, ...flags },
    { LOG_LEVEL: 'silent' },
  )
  const server = await startServer(config, { database })
  const scimUrl = `${server.url}/scim/v2`
  const client =
    (authorization: string | undefined): ScimClient =>
    async (method, path, body, headers = {}) => {
      const init: RequestInit = { method, headers: { ...headers } }
      if (authorization !== undefined) (init.headers as Record<string, string>).authorization = authorization
      if (body !== undefined) {
        init.body = typeof body === 'string' ? body : JSON.stringify(body)
        ;(init.headers as Record<string, string>)['content-type'] ??= 'application/scim+json'
      }
      const response = await fetch(`${scimUrl}${path}`, init)
      const text = await response.text()
      let parsed: unknown
      try {
        parsed = text ? JSON.parse(text) : undefined
      } catch {
        parsed = undefined
      }
      return { status: response.status, headers: response.headers, body: parsed, text }
    }
  return {
    url: server.url,
    scimUrl,
    store: server.store,
    client,
    async tenant(name) {
      const tenant = await server.store.tenants.create(name)
      const { token } = await server.store.tenants.enableProvisioning(tenant.id)
      return { id: tenant.id, token, scim: client(`Bearer ${token}`) }
    },
    async close() {
      await server.close()
      await drop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
