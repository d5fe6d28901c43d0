import { randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sealSecret } from '../../src/engine/secret-box.js'
import { testConnection } from '../../src/engine/test-connection.js'

const secretKey = randomBytes(32)
let server: Server
let base: string

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url?.startsWith('/html/')) {
      res.writeHead(200, { 'content-type': 'text/html' })
      return res.end('<html>Welcome</html>')
    }
    if (req.url?.startsWith('/hang/')) return
    if (!req.url?.startsWith('/scim/v2/')) {
      res.writeHead(404)
      return res.end('Not Found')
    }
    if (req.headers.authorization !== 'Bearer good') {
      res.writeHead(401, { 'content-type': 'application/scim+json' })
      return res.end(JSON.stringify({ status: '401', detail: 'invalid token' }))
    }
    res.writeHead(200, { 'content-type': 'application/scim+json' })
    res.end(
      JSON.stringify({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
        totalResults: 0,
        Resources: [],
      }),
    )
  })
  server.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

const check = (tenantUrl: string, token = 'good', timeoutMs = 5000) =>
  testConnection({ tenantUrl, sealedToken: sealSecret(secretKey, token), timeoutMs }, { secretKey })

describe('Test Connection', () => {
  it('succeeds on a 200 with an empty ListResponse', async () => {
    const result = await check(`${base}/scim/v2`)
    expect(result).toMatchObject({ ok: true, status: 200 })
    expect(result.request).toMatch(
      /^GET http:\/\/127\.0\.0\.1:\d+\/scim\/v2\/Users\?filter=userName eq "[0-9a-f-]{36}"$/,
    )
  })

  it('explains a refused token', async () => {
    expect(await check(`${base}/scim/v2`, 'bad')).toMatchObject({ ok: false, problem: 'token', status: 401 })
  })

  it('explains a 404 and suggests the /scim/v2 path', async () => {
    const result = await check(base)
    expect(result).toMatchObject({ ok: false, problem: 'not-found' })
    expect(result.message).toContain(`${base}/scim/v2`)
  })

  it('explains an answer that is not SCIM', async () => {
    expect(await check(`${base}/html`)).toMatchObject({ ok: false, problem: 'not-scim' })
  })

  it('explains a refused connection', async () => {
    const closed = createServer()
    closed.listen(0, '127.0.0.1')
    await new Promise<void>((resolve) => closed.once('listening', () => resolve()))
    const port = (closed.address() as AddressInfo).port
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    expect(await check(`http://127.0.0.1:${port}/scim/v2`)).toMatchObject({ ok: false, problem: 'refused' })
  })

  it('explains a host name that does not resolve', async () => {
    expect(await check('http://provisio-test.invalid/scim/v2')).toMatchObject({ ok: false, problem: 'dns' })
  })

  it('explains a timeout', async () => {
    expect(await check(`${base}/hang`, 'good', 300)).toMatchObject({ ok: false, problem: 'timeout' })
  })
})
