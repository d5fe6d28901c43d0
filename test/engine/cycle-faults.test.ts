import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listEscrows } from '../../src/engine/store/escrow-store.js'
import { listLogs } from '../../src/engine/store/log-store.js'
import { type EngineFixture, engineFixture } from './support/engine-fixture.js'
import { type FakeTarget, startFakeTarget } from './support/fake-scim-target.js'

let fx: EngineFixture
let target: FakeTarget
let failing = true
let hangOnce = true

beforeAll(async () => {
  fx = await engineFixture()
  target = await startFakeTarget({
    fault: (r) => {
      const body = r.body as { userName?: string } | undefined
      if (r.method !== 'POST') return undefined
      if (body?.userName === 'refused@example.com')
        return { status: 400, body: { scimType: 'invalidValue', detail: 'userName is reserved' } }
      if (failing && body?.userName === 'broken@example.com')
        return { status: 503, body: { detail: 'down for maintenance' } }
      if (hangOnce && body?.userName === 'slow@example.com') {
        hangOnce = false
        return 'hang'
      }
      return undefined
    },
  })
})

afterAll(async () => {
  await target?.close()
  await fx?.drop()
})

describe('a cycle against a failing target', () => {
  it('retries 5xx and timeouts, leaves what still fails as an escrow, and a later cycle retries it', async () => {
    const { appId, jobId } = await fx.addApp({
      name: 'Flaky',
      templateId: 'generic-scim',
      tenantUrl: target.url,
      secretToken: target.token,
      settings: { timeoutMs: 300 },
    })
    for (const upn of ['ok@example.com', 'broken@example.com', 'slow@example.com']) {
      const user = await fx.directory.createUser({ userPrincipalName: upn })
      await fx.directory.assign(appId, { userId: user.id })
    }
    const first = await fx.cycle(jobId, { client: { maxAttempts: 3 } })
    expect(first.counts).toMatchObject({ created: 2, failed: 1 })
    const brokenPosts = target.requests.filter(
      (r) => r.method === 'POST' && (r.body as { userName: string }).userName === 'broken@example.com',
    )
    expect(brokenPosts).toHaveLength(3)
    const slowPosts = target.requests.filter(
      (r) => r.method === 'POST' && (r.body as { userName: string }).userName === 'slow@example.com',
    )
    expect(slowPosts).toHaveLength(2)
    const escrows = await listEscrows(fx.database, jobId)
    expect(escrows).toHaveLength(1)
    expect(escrows[0].lastError).toContain('503')
    const [failure] = await listLogs(fx.database, jobId, { action: 'failed' })
    expect(failure.reason).toContain('down for maintenance')
    const created = await listLogs(fx.database, jobId, { action: 'created' })
    expect(created).toHaveLength(2)
    for (const entry of created) {
      // a success is logged by what was sent, its status and target id; only refusals keep the answer's body
      expect(entry.request?.method).toBe('POST')
      expect(entry.responseStatus).toBe(201)
      expect(entry.targetId).toBeTruthy()
      expect(entry.responseBody).toBeUndefined()
    }

    failing = false
    const second = await fx.cycle(jobId)
    expect(second.kind).toBe('incremental')
    expect(second.counts).toMatchObject({ created: 1, failed: 0 })
    expect(await listEscrows(fx.database, jobId)).toEqual([])
    const userNames = [...target.users.values()].map((u) => u.userName).sort()
    expect(userNames.filter((n) => n === 'broken@example.com')).toHaveLength(1)
    expect(userNames.filter((n) => n === 'ok@example.com')).toHaveLength(1)
  })

  it('keeps the body of a refusal in the provisioning log', async () => {
    const { appId, jobId } = await fx.addApp({
      name: 'Strict',
      templateId: 'generic-scim',
      tenantUrl: target.url,
      secretToken: target.token,
    })
    const user = await fx.directory.createUser({ userPrincipalName: 'refused@example.com' })
    await fx.directory.assign(appId, { userId: user.id })
    const summary = await fx.cycle(jobId)
    expect(summary.counts).toMatchObject({ created: 0, failed: 1 })
    const [failure] = await listLogs(fx.database, jobId, { action: 'failed' })
    expect(failure.responseStatus).toBe(400)
    expect(failure.responseBody).toMatchObject({ detail: 'userName is reserved' })
  })
})
