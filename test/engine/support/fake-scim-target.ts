import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A request the fake target received, with when it arrived (by the given clock). */
export interface FakeRequest {
  method: string
  url: string
  body: unknown
  at: number
}

/** An answer a fault hook forces instead of the normal one; `hang` never answers. */
export type FakeFault =
  | { status: number; headers?: Record<string, string>; body?: unknown }
  | 'hang'
  | undefined

/** Options of the fake target. */
export interface FakeTargetOptions {
  token?: string
  /** Delay before every answer, in ms. */
  delayMs?: number
  /** Called for every request; a result replaces the normal answer. */
  fault?: (request: FakeRequest) => FakeFault
  now?: () => number
}

/**
 * A tiny SCIM target over node:http: users and groups in memory, `eq` filters on userName/displayName, no uniqueness;
 * PATCH applies operations on top-level paths only (enough to see `active` change).
 */
export interface FakeTarget {
  url: string
  token: string
  users: Map<string, Record<string, unknown>>
  groups: Map<string, Record<string, unknown>>
  requests: FakeRequest[]
  close(): Promise<void>
}

/** Starts the fake target on loopback. It accepts duplicates, so a test can count them. */
export async function startFakeTarget(options: FakeTargetOptions = {}): Promise<FakeTarget> {
  const token = options.token ?? 'fake-token'
  const now = options.now ?? Date.now
  const users = new Map<string, Record<string, unknown>>()
  const groups = new Map<string, Record<string, unknown>>()
  const requests: FakeRequest[] = []
  const hanging: ServerResponse[] = []

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const text = Buffer.concat(chunks).toString('utf8')
    const request: FakeRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      body: text ? JSON.parse(text) : undefined,
      at: now(),
    }
    requests.push(request)
    const fault = options.fault?.(request)
    if (fault === 'hang') {
      hanging.push(res)
      return
    }
    const [status, body, headers] = fault
      ? [fault.status, fault.body, fault.headers]
      : req.headers.authorization !== `Bearer ${token}`
        ? [401, { detail: 'bad token' }]
        : answer(request)
    // the change is made before the delay, as a slow server commits and then answers late
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs))
    send(res, status, body, headers)
  })

  const answer = (request: FakeRequest): [number, unknown] => {
    const url = new URL(request.url, 'http://x')
    const [, , type, id] = url.pathname.split('/')
    const store = type === 'Groups' ? groups : type === 'Users' ? users : undefined
    if (!store) return [404, { detail: 'not found' }]
    if (request.method === 'GET' && !id) {
      const filter = url.searchParams.get('filter') ?? ''
      const m = /^(\w+) eq "(.*)"$/.exec(filter)
      const found = [...store.values()].filter(
        (r) => !m || String(r[m[1]]).toLowerCase() === m[2].toLowerCase(),
      )
      return [
        200,
        {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
          totalResults: found.length,
          Resources: found,
        },
      ]
    }
    if (request.method === 'POST' && !id) {
      const created = { ...(request.body as object), id: randomUUID() }
      store.set(created.id, created)
      return [201, created]
    }
    const existing = id ? store.get(id) : undefined
    if (!existing) return [404, { detail: 'not found' }]
    if (request.method === 'PATCH') {
      applySimpleOps(
        existing,
        request.body as { Operations?: Array<{ op: string; path?: string; value?: unknown }> },
      )
      return type === 'Groups' ? [204, undefined] : [200, existing]
    }
    if (request.method === 'DELETE') {
      store.delete(id)
      return [204, undefined]
    }
    return [200, existing]
  }

  server.listen(0, '127.0.0.1')
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
        for (const res of hanging) res.destroy()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.destroyed) return
  res.writeHead(status, { 'content-type': 'application/scim+json', ...headers })
  res.end(body === undefined ? undefined : JSON.stringify(body))
}

function applySimpleOps(
  resource: Record<string, unknown>,
  body: { Operations?: Array<{ op: string; path?: string; value?: unknown }> },
): void {
  for (const o of body?.Operations ?? []) {
    if (!o.path || /[.[]/.test(o.path)) continue
    if (o.op.toLowerCase() === 'remove') delete resource[o.path]
    else resource[o.path] = o.value
  }
}
