/**
 * A SCIM-ish target for the engine benchmark, run as a child process so its CPU is not the engine's:
 * `node --import tsx bench/support/engine-scim-target.ts [latencyMs]` prints its base URL on stdout, then answers every
 * request after `latencyMs` (default 0): queries with an empty list, creates with a new id, PATCH and DELETE with 204.
 */
import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

const latencyMs = Number(process.argv[2] ?? 0)
const emptyList = JSON.stringify({
  schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
  totalResults: 0,
  Resources: [],
})

const server = createServer((req, res) => {
  req.resume()
  req.on('end', () => {
    const answer = () => {
      if (req.method === 'POST') {
        res.writeHead(201, { 'content-type': 'application/scim+json' })
        res.end(JSON.stringify({ id: randomUUID() }))
      } else if (req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'application/scim+json' })
        res.end(emptyList)
      } else {
        res.writeHead(204)
        res.end()
      }
    }
    if (latencyMs > 0) setTimeout(answer, latencyMs)
    else answer()
  })
})
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo
  process.stdout.write(`listening on http://127.0.0.1:${port}/scim/v2\n`)
})
process.on('SIGTERM', () => {
  server.closeAllConnections()
  server.close(() => process.exit(0))
})
