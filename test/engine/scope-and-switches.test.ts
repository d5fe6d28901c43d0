import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_ACCESS_ROLE_ID } from '../../src/directory/types.js'
import { getJob, updateJob } from '../../src/engine/store/job-store.js'
import { type EngineFixture, engineFixture } from './support/engine-fixture.js'
import { type FakeTarget, startFakeTarget } from './support/fake-scim-target.js'

let fx: EngineFixture
let target: FakeTarget

beforeAll(async () => {
  fx = await engineFixture()
  target = await startFakeTarget()
})

afterAll(async () => {
  await target?.close()
  await fx?.drop()
})

const userNames = () => [...target.users.values()].map((u) => u.userName).sort()
const targetUser = (userName: string) => [...target.users.values()].find((u) => u.userName === userName)

describe('scope, scoping filters and the action switches', () => {
  let appId: string
  let jobId: string

  it('leaves out users holding only Default Access where the template says so (Employee Voice)', async () => {
    ;({ appId, jobId } = await fx.addApp({
      name: 'Voice',
      templateId: 'employee-voice',
      tenantUrl: target.url,
      secretToken: target.token,
    }))
    const member = await fx.directory.createUser({
      userPrincipalName: 'member@example.com',
      department: 'Eng',
    })
    const guest = await fx.directory.createUser({ userPrincipalName: 'guest@example.com', department: 'Eng' })
    await fx.directory.assign(appId, { userId: member.id })
    await fx.directory.assign(appId, { userId: guest.id }, DEFAULT_ACCESS_ROLE_ID)
    await fx.cycle(jobId)
    expect(userNames()).toEqual(['member@example.com'])
    expect(
      targetUser('member@example.com')!['urn:ietf:params:scim:schemas:extension:peakon:2.0:User'],
    ).toEqual({ Department: 'Eng' })
  })

  it('applies a scoping filter: a new filter starts an initial cycle that disables users now out of scope', async () => {
    const other = await fx.directory.createUser({
      userPrincipalName: 'sales@example.com',
      department: 'Sales',
    })
    await fx.directory.assign(appId, { userId: other.id })
    await fx.cycle(jobId)
    expect(userNames()).toEqual(['member@example.com', 'sales@example.com'])
    const job = await getJob(fx.database, jobId)
    const scoping = {
      groups: [{ clauses: [{ attribute: 'department', operator: 'EQUALS' as const, value: 'Eng' }] }],
    }
    await updateJob(fx.database, jobId, { userMappings: { ...job.userMappings, scoping } }, new Date())
    const summary = await fx.cycle(jobId)
    expect(summary.kind).toBe('initial')
    expect(summary.counts.disabled).toBe(1)
    expect(targetUser('sales@example.com')!.active).toBe(false)
    expect(targetUser('member@example.com')!.active).toBe(true)
  })

  it('skips out-of-scope disables when asked, and deletes only when deletes are on', async () => {
    await updateJob(fx.database, jobId, { skipOutOfScopeDeletions: true, allowDelete: false }, new Date())
    const member = (await fx.directory.findUserByUpn('member@example.com'))!
    await fx.directory.unassign(appId, member.id)
    const skipped = await fx.cycle(jobId)
    expect(skipped.counts).toMatchObject({ skipped: 1, disabled: 0 })
    expect(targetUser('member@example.com')!.active).toBe(true)
    await fx.directory.deleteUser(member.id, { hard: true })
    const kept = await fx.cycle(jobId)
    expect(kept.counts).toMatchObject({ skipped: 1, deleted: 0 })
    expect(targetUser('member@example.com')).toBeDefined()
  })

  it('creates nothing when creates are off', async () => {
    await updateJob(fx.database, jobId, { allowCreate: false }, new Date())
    const late = await fx.directory.createUser({ userPrincipalName: 'late@example.com', department: 'Eng' })
    await fx.directory.assign(appId, { userId: late.id })
    const summary = await fx.cycle(jobId)
    expect(summary.counts).toMatchObject({ created: 0, skipped: 1 })
    expect(targetUser('late@example.com')).toBeUndefined()
  })
})
