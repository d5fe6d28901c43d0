import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../../src/server/config.js'
import { type RunningServer, startServer } from '../../../src/server/start-server.js'

const REPO = resolve(import.meta.dirname, '../../..')
const COLLECTION = resolve(
  REPO,
  '../shared/conformance/microsoft-scim-postman/scim-tests.no-token-step.postman_collection.json',
)
const present = existsSync(COLLECTION)

/**
 * Assertions answered per RFC 7644 on purpose, as docs/conformance.md explains: "request › assertion", once per
 * expected failure.
 */
const DELIBERATE_FAILURES = [
  // The collection asks for /serviceConfiguration; the RFC path is /ServiceProviderConfig (404 here).
  'Get ServiceProviderConfig › Status code is 200',
  'Get ServiceProviderConfig › Pach supported is true',
  // A User PATCH answers 200 with the resource unless the client sends Prefer: return=minimal (RFC 7644 §3.5.2;
  // a Group PATCH answers 204 unless it asks for a body): see src/provider/http/preferences.ts.
  'Patch user omalley new username › Status code is 204',
  'patch user omalley active with boolean › Status code is 204',
  // A member that is not a User or Group of the tenant ("string id 1") is refused with 400 invalidValue.
  'Group patch add member › Status code is 204',
  'Group patch add member2 › Status code is 204',
  // Member `display` comes from the member's own displayName, not from a client-sent "displayName".
  'Get group by id › Body contians user',
].sort()

interface NewmanAssertion {
  assertion: string
  error?: { message: string }
}
interface NewmanSummary {
  run: {
    executions: {
      item: { name: string }
      assertions?: NewmanAssertion[]
      requestError?: { message: string }
    }[]
  }
}
type Newman = {
  run(options: object, callback: (error: Error | null, summary: NewmanSummary) => void): void
}

describe.skipIf(!present)(
  "Microsoft's SCIM Postman collection (skipped when ../shared/conformance is absent)",
  () => {
    let dir: string
    let server: RunningServer
    let token: string
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'provisio-conformance-'))
      server = await startServer(
        loadConfig({ port: 0, host: '127.0.0.1', data: dir, rateLimit: 0 }, { LOG_LEVEL: 'silent' }),
      )
      const tenant = await server.store.tenants.create('Conformance')
      token = (await server.store.tenants.enableProvisioning(tenant.id)).token
    })
    afterAll(async () => {
      await server?.close()
      if (dir) rmSync(dir, { recursive: true, force: true })
    })

    it('passes every assertion except those answered per the RFC on purpose', async () => {
      const newman = createRequire(import.meta.url)('newman') as Newman
      const port = new URL(server.url).port
      const summary = await new Promise<NewmanSummary>((done, fail) =>
        newman.run(
          {
            collection: COLLECTION,
            reporters: [],
            envVar: [
              { key: 'Protocol', value: 'http' },
              { key: 'Server', value: '127.0.0.1' },
              { key: 'Port', value: `:${port}` },
              { key: 'Api', value: 'scim/v2' },
              { key: 'token', value: token },
            ],
          },
          (error, result) => (error ? fail(error) : done(result)),
        ),
      )
      const executions = summary.run.executions
      const assertions = executions.flatMap((e) =>
        (e.assertions ?? []).map((a) => ({ ...a, request: e.item.name })),
      )
      const failed = assertions.filter((a) => a.error).map((a) => `${a.request} › ${a.assertion}`)
      const requestErrors = executions
        .filter((e) => e.requestError)
        .map((e) => `${e.item.name}: ${e.requestError?.message}`)
      expect(requestErrors).toEqual([])
      expect(assertions).toHaveLength(107)
      expect(failed.sort()).toEqual(DELIBERATE_FAILURES)
    }, 120_000)
  },
)
