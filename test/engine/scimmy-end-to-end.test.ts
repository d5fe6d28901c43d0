import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listLogs } from '../../src/engine/store/log-store.js'
import { type EngineFixture, engineFixture } from './support/engine-fixture.js'
import { type ScimmyTarget, startScimmyTarget } from './support/scimmy-target.js'

let fx: EngineFixture
let target: ScimmyTarget
let jobId: string
let appId: string

beforeAll(async () => {
  fx = await engineFixture()
  target = await startScimmyTarget()
  ;({ jobId, appId } = await fx.addApp({
    name: 'Scimmy',
    templateId: 'generic-scim',
    tenantUrl: target.url,
    secretToken: target.token,
  }))
})

afterAll(async () => {
  await target?.close()
  await fx?.drop()
})

const requestsSince = (from: number) => target.requests.slice(from)

describe('against a third-party SCIM server (SCIMMY)', () => {
  it('provisions assigned users and groups in an initial cycle, managers in a second pass', async () => {
    const boss = await fx.directory.createUser({
      userPrincipalName: 'Boss@example.com',
      givenName: 'Bo',
      surname: 'Ss',
      mail: 'boss@example.com',
    })
    // created after the boss but sorted first by id or not: the manager link is resolved in the reference pass either way
    const ada = await fx.directory.createUser({
      userPrincipalName: 'Ada@example.com',
      givenName: 'Ada',
      surname: 'Lovelace',
      mail: 'ada@example.com',
      managerId: boss.id,
      department: 'Engineering',
    })
    const group = await fx.directory.createGroup({ displayName: 'Engineers' })
    await fx.directory.addMember(group.id, ada.id)
    await fx.directory.assign(appId, { userId: boss.id })
    await fx.directory.assign(appId, { groupId: group.id })

    const summary = await fx.cycle(jobId)
    expect(summary.kind).toBe('initial')
    expect(await listLogs(fx.database, jobId, { action: 'failed' })).toEqual([])
    expect(summary.counts).toMatchObject({ created: 3, failed: 0 })
    const users = [...target.users.values()]
    expect(users.map((u) => u.userName).sort()).toEqual(['Ada@example.com', 'Boss@example.com'])
    const targetAda = users.find((u) => u.userName === 'Ada@example.com')!
    const targetBoss = users.find((u) => u.userName === 'Boss@example.com')!
    expect(targetAda.active).toBe(true)
    const enterprise = targetAda['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'] as {
      manager?: { value: string }
      department?: string
    }
    expect(enterprise.manager?.value).toBe(targetBoss.id)
    expect(enterprise.department).toBe('Engineering')
    const groups = [...target.groups.values()]
    expect(groups).toHaveLength(1)
    expect((groups[0].members as Array<{ value: string }>).map((m) => m.value)).toEqual([targetAda.id])
    // the group was created empty, members were added by PATCH
    const groupCreate = target.requests.find((r) => r.method === 'POST' && r.url.endsWith('/Groups'))!
    expect((groupCreate.body as { members?: unknown }).members).toBeUndefined()
  })

  it('sends nothing when nothing changed', async () => {
    const from = target.requests.length
    const summary = await fx.cycle(jobId)
    expect(summary.kind).toBe('incremental')
    expect(requestsSince(from)).toEqual([])
  })

  it('sends exactly one PATCH with only the changed attribute', async () => {
    const ada = (await fx.directory.findUserByUpn('ada@example.com'))!
    const from = target.requests.length
    await fx.directory.updateUser(ada.id, { surname: 'King' })
    await fx.cycle(jobId)
    const sent = requestsSince(from)
    expect(sent).toHaveLength(1)
    expect(sent[0].method).toBe('PATCH')
    expect(sent[0].body).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'replace', path: 'name.familyName', value: 'King' },
        { op: 'replace', path: 'name.formatted', value: 'Ada King' },
      ],
    })
    const targetAda = [...target.users.values()].find((u) => u.userName === 'Ada@example.com')!
    expect((targetAda.name as { familyName: string }).familyName).toBe('King')
  })

  it('sends membership changes as deltas', async () => {
    const group = (await fx.directory.findGroupByName('Engineers'))!
    const ada = (await fx.directory.findUserByUpn('ada@example.com'))!
    const grace = await fx.directory.createUser({
      userPrincipalName: 'Grace@example.com',
      mail: 'grace@example.com',
    })
    await fx.directory.addMember(group.id, grace.id)
    await fx.directory.removeMember(group.id, ada.id)
    const from = target.requests.length
    await fx.cycle(jobId)
    const patches = requestsSince(from).filter((r) => r.method === 'PATCH' && r.url.includes('/Groups/'))
    const targetAda = [...target.users.values()].find((u) => u.userName === 'Ada@example.com')!
    const targetGrace = [...target.users.values()].find((u) => u.userName === 'Grace@example.com')!
    const ops = patches.flatMap((p) => (p.body as { Operations: unknown[] }).Operations)
    expect(ops).toEqual([
      { op: 'add', path: 'members', value: [{ value: targetGrace.id }] },
      { op: 'remove', path: `members[value eq "${targetAda.id}"]` },
    ])
    const targetGroup = [...target.groups.values()][0]
    expect((targetGroup.members as Array<{ value: string }>).map((m) => m.value)).toEqual([targetGrace.id])
  })

  it('disables a user that is unassigned, with a boolean active', async () => {
    const boss = (await fx.directory.findUserByUpn('boss@example.com'))!
    const from = target.requests.length
    await fx.directory.unassign(appId, boss.id)
    const summary = await fx.cycle(jobId)
    expect(summary.counts.disabled).toBe(1)
    const sent = requestsSince(from)
    expect(sent.map((r) => r.method)).toEqual(['PATCH'])
    expect((sent[0].body as { Operations: unknown[] }).Operations).toEqual([
      { op: 'replace', path: 'active', value: false },
    ])
    const targetBoss = [...target.users.values()].find((u) => u.userName === 'Boss@example.com')!
    expect(targetBoss.active).toBe(false)
    const logs = await listLogs(fx.database, jobId, { action: 'disabled' })
    expect(logs[0]).toMatchObject({ sourceId: boss.id, responseStatus: 200, reason: 'out of scope' })
  })

  it('deletes a user that is hard-deleted', async () => {
    const grace = (await fx.directory.findUserByUpn('grace@example.com'))!
    const targetGrace = [...target.users.values()].find((u) => u.userName === 'Grace@example.com')!
    await fx.directory.deleteUser(grace.id, { hard: true })
    const summary = await fx.cycle(jobId)
    expect(summary.counts.deleted).toBe(1)
    expect(target.users.has(targetGrace.id as string)).toBe(false)
  })

  it('adopts a user that already exists in the target instead of creating it', async () => {
    const before = target.users.size
    const post = await fetch(`${target.url}/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'Linus@example.com',
      }),
    })
    const existing = (await post.json()) as { id: string }
    const linus = await fx.directory.createUser({
      userPrincipalName: 'Linus@example.com',
      givenName: 'Linus',
      mail: 'linus@example.com',
    })
    await fx.directory.assign(appId, { userId: linus.id })
    const summary = await fx.cycle(jobId)
    expect(await listLogs(fx.database, jobId, { action: 'failed', limit: 1 })).toEqual([])
    expect(summary.counts).toMatchObject({ adopted: 1, created: 0 })
    expect(target.users.size).toBe(before + 1)
    expect((target.users.get(existing.id)!.name as { givenName: string }).givenName).toBe('Linus')
  })
})
