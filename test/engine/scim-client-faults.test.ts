import { afterEach, describe, expect, it } from 'vitest'
import { ScimClient } from '../../src/engine/client/scim-client.js'
import { EngineError } from '../../src/engine/engine-error.js'
import { type FakeTarget, startFakeTarget } from './support/fake-scim-target.js'
import { virtualClock } from './support/virtual-clock.js'

let target: FakeTarget | undefined
let client: ScimClient | undefined
afterEach(async () => {
  await client?.close()
  await target?.close()
  client = target = undefined
})

describe('the SCIM client under faults', () => {
  it('sends no request to a target before the Retry-After of its 429 has passed', async () => {
    const clock = virtualClock()
    let throttled = 0
    target = await startFakeTarget({
      now: clock.now,
      fault: () =>
        throttled++ === 0
          ? { status: 429, headers: { 'retry-after': '7' }, body: { detail: 'slow down' } }
          : undefined,
    })
    client = new ScimClient({ tenantUrl: target.url, token: target.token, clock, concurrency: 4 })
    const first = client.send({ method: 'GET', path: '/Users' })
    const answers = await Promise.all([
      first,
      client.send({ method: 'GET', path: '/Groups' }),
      client.send({ method: 'GET', path: '/Users' }),
    ])
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200])
    const throttledAt = target.requests[0].at
    const later = target.requests.slice(1)
    // requests already in flight with the 429 may arrive at once; every request after the 429 waits 7 s
    const afterThrottle = later.filter((r) => r.at > throttledAt)
    expect(afterThrottle.length).toBeGreaterThan(0)
    for (const r of afterThrottle) expect(r.at - throttledAt).toBeGreaterThanOrEqual(7000)
    expect(later.filter((r) => r.at === throttledAt).length).toBeLessThanOrEqual(2)
  })

  it('honours an HTTP-date Retry-After', async () => {
    const clock = virtualClock(Date.parse('2026-01-01T00:00:00Z'))
    let throttled = 0
    target = await startFakeTarget({
      now: clock.now,
      fault: () =>
        throttled++ === 0
          ? { status: 429, headers: { 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' } }
          : undefined,
    })
    client = new ScimClient({ tenantUrl: target.url, token: target.token, clock, concurrency: 1 })
    expect((await client.send({ method: 'GET', path: '/Users' })).status).toBe(200)
    expect(target.requests[1].at - target.requests[0].at).toBeGreaterThanOrEqual(30_000)
  })

  it('retries 500s with growing backoff, then gives up with TARGET_UNAVAILABLE', async () => {
    const clock = virtualClock()
    target = await startFakeTarget({ fault: () => ({ status: 500, body: { detail: 'boom' } }) })
    client = new ScimClient({
      tenantUrl: target.url,
      token: target.token,
      clock,
      maxAttempts: 4,
      backoffBaseMs: 100,
      random: () => 0.5,
    })
    const error = await client.send({ method: 'GET', path: '/Users' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(EngineError)
    expect((error as EngineError).code).toBe('TARGET_UNAVAILABLE')
    expect((error as EngineError).status).toBe(500)
    expect(target.requests).toHaveLength(4)
    expect(clock.sleeps).toEqual([75, 150, 300])
  })

  it('times out a request that gets no answer and retries it', async () => {
    let calls = 0
    target = await startFakeTarget({ fault: () => (calls++ === 0 ? 'hang' : undefined) })
    client = new ScimClient({ tenantUrl: target.url, token: target.token, timeoutMs: 200, backoffBaseMs: 1 })
    const response = await client.send({ method: 'GET', path: '/Users' })
    expect(response.status).toBe(200)
    expect(target.requests).toHaveLength(2)
    expect(client.stats.retries).toBe(1)
  })

  it('returns 4xx answers to the caller without retrying', async () => {
    target = await startFakeTarget({
      fault: () => ({ status: 400, body: { detail: 'bad', scimType: 'invalidValue' } }),
    })
    client = new ScimClient({ tenantUrl: target.url, token: target.token })
    const response = await client.send({ method: 'POST', path: '/Users', body: {} })
    expect(response.status).toBe(400)
    expect(target.requests).toHaveLength(1)
  })

  it('keeps the tenant URL query (the aadOptscim062020 flag) on every request', async () => {
    target = await startFakeTarget()
    client = new ScimClient({ tenantUrl: `${target.url}?aadOptscim062020`, token: target.token })
    await client.send({ method: 'GET', path: '/Users', query: { filter: 'userName eq "a b"' } })
    expect(target.requests[0].url).toBe('/scim/Users?aadOptscim062020&filter=userName+eq+%22a+b%22')
  })
})
