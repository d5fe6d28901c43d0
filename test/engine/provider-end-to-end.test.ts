import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { updateJob } from '../../src/engine/store/job-store.js'
import { listLogs } from '../../src/engine/store/log-store.js'
import { loadConfig } from '../../src/server/config.js'
import { type RunningServer, startServer } from '../../src/server/start-server.js'
import { type EngineFixture, engineFixture } from './support/engine-fixture.js'

let fx: EngineFixture
let server: RunningServer
let dir: string
let scimUrl: string
let token: string

beforeAll(async () => {
  fx = await engineFixture()
  dir = mkdtempSync(join(tmpdir(), 'provisio-sp-'))
  server = await startServer(loadConfig({ port: 0, data: dir, rateLimit: 0 }, {}))
  const tenant = await server.store.tenants.create('Acme')
  token = (await server.store.tenants.enableProvisioning(tenant.id)).token
  scimUrl = `${server.url}/scim/v2`
})

afterAll(async () => {
  await server?.close()
  await fx?.drop()
  rmSync(dir, { recursive: true, force: true })
})

async function get(path: string): Promise<{ Resources: Array<Record<string, unknown>> }> {
  const response = await fetch(`${scimUrl}${path}`, { headers: { authorization: `Bearer ${token}` } })
  expect(response.status).toBe(200)
  return (await response.json()) as { Resources: Array<Record<string, unknown>> }
}

const userNamed = async (userName: string) =>
  (await get(`/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`)).Resources[0]

describe('against the Provisio service provider', () => {
  let appId: string
  let jobId: string

  it('provisions users, a manager, a group and its members', async () => {
    ;({ appId, jobId } = await fx.addApp({
      name: 'Acme',
      templateId: 'generic-scim',
      tenantUrl: scimUrl,
      secretToken: token,
    }))
    const lead = await fx.directory.createUser({
      userPrincipalName: 'lead@acme.test',
      givenName: 'Lee',
      surname: 'Ad',
      mail: 'lead@acme.test',
    })
    const dev = await fx.directory.createUser({
      userPrincipalName: 'dev@acme.test',
      givenName: 'Dee',
      surname: 'Ev',
      managerId: lead.id,
    })
    const team = await fx.directory.createGroup({ displayName: 'Team' })
    await fx.directory.addMember(team.id, lead.id)
    await fx.directory.addMember(team.id, dev.id)
    await fx.directory.assign(appId, { groupId: team.id })

    const summary = await fx.cycle(jobId)
    expect(await listLogs(fx.database, jobId, { action: 'failed' })).toEqual([])
    expect(summary.counts).toMatchObject({ created: 3, failed: 0 })
    const targetLead = await userNamed('lead@acme.test')
    const targetDev = await userNamed('dev@acme.test')
    const enterprise = targetDev['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'] as {
      manager: { value: string }
    }
    expect(enterprise.manager.value).toBe(targetLead.id)
    const groups = await get(`/Groups?filter=${encodeURIComponent('displayName eq "Team"')}`)
    const members = (groups.Resources[0].members as Array<{ value: string }>).map((m) => m.value).sort()
    expect(members).toEqual([targetLead.id, targetDev.id].sort())
  })

  it('sends one PATCH for one changed attribute, and nothing when nothing changed', async () => {
    const dev = (await fx.directory.findUserByUpn('dev@acme.test'))!
    await fx.directory.updateUser(dev.id, { jobTitle: 'Engineer' })
    const changed = await fx.cycle(jobId)
    expect(changed.requests).toBe(1)
    expect((await userNamed('dev@acme.test')).title).toBe('Engineer')
    const idle = await fx.cycle(jobId)
    expect(idle.requests).toBe(0)
  })

  it('disables a soft-deleted user and deletes a hard-deleted one', async () => {
    const dev = (await fx.directory.findUserByUpn('dev@acme.test'))!
    const lead = (await fx.directory.findUserByUpn('lead@acme.test'))!
    await fx.directory.deleteUser(dev.id)
    const soft = await fx.cycle(jobId)
    expect(soft.counts.disabled).toBe(1)
    expect((await userNamed('dev@acme.test')).active).toBe(false)
    await fx.directory.deleteUser(lead.id, { hard: true })
    const hard = await fx.cycle(jobId)
    expect(hard.counts.deleted).toBe(1)
    expect(await userNamed('lead@acme.test')).toBeUndefined()
  })

  it('accepts the Entra-compatible dialect, quirks and all', async () => {
    await updateJob(fx.database, jobId, { dialect: 'entra' }, new Date())
    const dev = (await fx.directory.findUserByUpn('dev@acme.test'))!
    await fx.directory.restoreUser(dev.id)
    const summary = await fx.cycle(jobId)
    expect(summary.counts.failed).toBe(0)
    expect((await userNamed('dev@acme.test')).active).toBe(true)
  })
})
