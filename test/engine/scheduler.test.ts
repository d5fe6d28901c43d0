import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startScheduler } from '../../src/engine/scheduler.js'
import { getJobState, restartJob } from '../../src/engine/store/job-state-store.js'
import { getJobByApp, setJobEnabled, updateJob } from '../../src/engine/store/job-store.js'
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

async function eventually(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error(`timed out waiting for ${what}`)
}

describe('the scheduler and job lifecycle', () => {
  it('runs a started job at once, and again as soon as the directory changes', async () => {
    const { appId, jobId } = await fx.addApp({
      name: 'Scheduled',
      templateId: 'generic-scim',
      tenantUrl: target.url,
      secretToken: target.token,
    })
    const ann = await fx.directory.createUser({ userPrincipalName: 'ann@example.com', jobTitle: 'Dev' })
    await fx.directory.assign(appId, { userId: ann.id })
    const scheduler = startScheduler({
      database: fx.database,
      directory: fx.directory,
      secretKey: fx.secretKey,
      pollMs: 20,
    })
    try {
      await new Promise((r) => setTimeout(r, 100))
      expect(target.users.size).toBe(0)
      await setJobEnabled(fx.database, jobId, true, new Date())
      await eventually(() => target.users.size === 1, 'the initial cycle')
      await fx.directory.updateUser(ann.id, { jobTitle: 'Lead' })
      await eventually(() => target.requests.some((r) => r.method === 'PATCH'), 'the incremental cycle')
      const state = await getJobState(fx.database, jobId)
      await eventually(
        async () =>
          (await getJobState(fx.database, jobId)).watermark === (await fx.directory.latestSequence()),
        'the watermark',
      )
      expect(state.needsInitial).toBe(false)
    } finally {
      await scheduler.stop()
    }
    const requests = target.requests.length
    await fx.directory.updateUser(ann.id, { jobTitle: 'Boss' })
    await new Promise((r) => setTimeout(r, 100))
    expect(target.requests.length).toBe(requests)
  })

  it('starts a new initial cycle after a mapping change or a restart, re-matching linked objects without duplicates', async () => {
    const app = (await fx.directory.getAppByName('Scheduled'))!
    const job = await getJobByApp(fx.database, app.id)
    const userMappings = {
      ...job.userMappings,
      mappings: job.userMappings.mappings.filter((m) => m.target !== 'title'),
    }
    const changed = await updateJob(fx.database, job.id, { userMappings }, new Date())
    expect(changed.configVersion).toBe(job.configVersion + 1)
    const afterChange = await fx.cycle(job.id)
    expect(afterChange.kind).toBe('initial')
    expect(afterChange.counts.created).toBe(0)
    await restartJob(fx.database, job.id)
    const afterRestart = await fx.cycle(job.id)
    expect(afterRestart.kind).toBe('initial')
    expect(afterRestart.counts.created).toBe(0)
    expect(target.users.size).toBe(1)
  })
})
