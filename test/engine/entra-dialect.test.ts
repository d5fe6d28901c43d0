import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getJob } from '../../src/engine/store/job-store.js'
import { testConnection } from '../../src/engine/test-connection.js'
import { type EngineFixture, engineFixture } from './support/engine-fixture.js'
import { type FakeTarget, startFakeTarget } from './support/fake-scim-target.js'

let fx: EngineFixture
let target: FakeTarget
let appId: string
let jobId: string

beforeAll(async () => {
  fx = await engineFixture()
  target = await startFakeTarget()
  ;({ appId, jobId } = await fx.addApp({
    name: 'Entra-built',
    templateId: 'generic-scim',
    tenantUrl: target.url,
    secretToken: target.token,
    dialect: 'entra',
  }))
})

afterAll(async () => {
  await target?.close()
  await fx?.drop()
})

const patchesSince = (from: number) =>
  target.requests
    .slice(from)
    .filter((r) => r.method === 'PATCH')
    .map((r) => (r.body as { Operations: unknown[] }).Operations)

describe('the Entra-compatible dialect', () => {
  it("tests the connection with Entra's random-GUID userName query", async () => {
    const from = target.requests.length
    const result = await testConnection(await getJob(fx.database, jobId), {
      secretKey: fx.secretKey,
      newGuid: () => 'cf4d78e8-cc4f-4d5d-b8b9-183561c0104a',
    })
    expect(result.ok).toBe(true)
    // the query comes first; a successful test then reads the target's /Schemas
    expect(target.requests[from].url).toBe(
      '/scim/Users?filter=userName+eq+%22cf4d78e8-cc4f-4d5d-b8b9-183561c0104a%22',
    )
  })

  it('creates groups empty and adds members with {"$ref": null, "value"} items and a capitalised op', async () => {
    const ann = await fx.directory.createUser({ userPrincipalName: 'ann@example.com', surname: 'A' })
    const bob = await fx.directory.createUser({ userPrincipalName: 'bob@example.com' })
    const group = await fx.directory.createGroup({ displayName: 'Crew' })
    await fx.directory.addMember(group.id, ann.id)
    await fx.directory.addMember(group.id, bob.id)
    await fx.directory.assign(appId, { groupId: group.id })
    const from = target.requests.length
    await fx.cycle(jobId)
    const groupPost = target.requests
      .slice(from)
      .find((r) => r.method === 'POST' && r.url === '/scim/Groups')!
    expect(groupPost.body).toMatchObject({ displayName: 'Crew' })
    expect((groupPost.body as { members?: unknown }).members).toBeUndefined()
    const ids = [...target.users.values()].map((u) => u.id as string)
    const [ops] = patchesSince(from)
    expect(ops).toHaveLength(1)
    expect(ops[0]).toMatchObject({ op: 'Add', path: 'members' })
    expect((ops[0] as { value: unknown[] }).value).toEqual(
      expect.arrayContaining(ids.map((value) => ({ $ref: null, value }))),
    )
  })

  it('replaces changed attributes with one capitalised Replace per path', async () => {
    const ann = (await fx.directory.findUserByUpn('ann@example.com'))!
    const from = target.requests.length
    await fx.directory.updateUser(ann.id, { surname: 'Smith' })
    await fx.cycle(jobId)
    expect(patchesSince(from)).toEqual([
      [
        { op: 'Replace', path: 'name.familyName', value: 'Smith' },
        { op: 'Replace', path: 'name.formatted', value: 'Smith' },
      ],
    ])
  })

  it('removes a member with a value array, and disables with the string "False"', async () => {
    const group = (await fx.directory.findGroupByName('Crew'))!
    const bob = (await fx.directory.findUserByUpn('bob@example.com'))!
    const bobTarget = [...target.users.values()].find((u) => u.userName === 'bob@example.com')!
    const from = target.requests.length
    await fx.directory.removeMember(group.id, bob.id)
    await fx.cycle(jobId)
    expect(patchesSince(from)).toEqual([
      [{ op: 'Replace', path: 'active', value: 'False' }],
      [{ op: 'Remove', path: 'members', value: [{ value: bobTarget.id }] }],
    ])
  })
})
