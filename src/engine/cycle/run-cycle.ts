import { randomUUID } from 'node:crypto'
import type { Database } from '../../db/database.js'
import type { Directory } from '../../directory/types.js'
import { ScimClient, type ScimClientConfig } from '../client/scim-client.js'
import { type Clock, systemClock } from '../clock.js'
import { EngineError } from '../engine-error.js'
import type { ProvisioningJob } from '../job/job-settings.js'
import { openSecret } from '../secret-box.js'
import { acquireLease, leaseOwner, releaseLease } from '../store/job-lease.js'
import {
  beginCycle,
  type CycleKind,
  type CycleSummary,
  finishCycle,
  getJobState,
  type RunningCycle,
  saveCycleProgress,
} from '../store/job-state-store.js'
import { getJob } from '../store/job-store.js'
import { pendingReferenceIds, unseenLinkIds } from '../store/link-store.js'
import { TargetApi } from '../target/target-api.js'
import { affectedObjects } from './affected-objects.js'
import { type CycleContext, type CycleProgress, emptyCounts } from './cycle-context.js'
import { syncsMembers } from './evaluate-object.js'
import { depthOfKey, idOfKey, managerFirstKeys } from './manager-order.js'
import { syncMemberships } from './membership-sync.js'
import { type SyncItem, syncObjects } from './object-sync.js'
import { ScopeReader } from './scope-reader.js'

/** What running a cycle needs. */
export interface RunCycleOptions {
  database: Database
  directory: Directory
  /** The key that opens the job's sealed Secret Token. */
  secretKey: Buffer
  clock?: Clock
  onProgress?: (progress: CycleProgress) => void
  /** Overrides of the SCIM client (retries, backoff, jitter) for tests; the job's own settings apply otherwise. */
  client?: Partial<ScimClientConfig>
  /** Objects per batch (default 500). */
  batchSize?: number
}

const LEASE_MS = 60_000

/**
 * Runs one provisioning cycle of a job: resumes the cycle a dead process left, or starts an initial cycle (first run,
 * restart, changed mappings, scoping or scope) or an incremental one (changes since the watermark). Users before
 * groups (an initial cycle creates managers before their reports), then references (manager) and memberships. Throws CYCLE_RUNNING when another process runs this job.
 */
export async function runCycle(jobId: string, options: RunCycleOptions): Promise<CycleSummary> {
  const clock = options.clock ?? systemClock
  const { database } = options
  const owner = leaseOwner(randomUUID())
  const leaseUntil = () => new Date(clock.now() + LEASE_MS)
  if (!(await acquireLease(database, jobId, owner, new Date(clock.now()), leaseUntil()))) {
    throw new EngineError('CYCLE_RUNNING', 'a cycle of this job is already running in another process')
  }
  const renew = setInterval(
    () => void acquireLease(database, jobId, owner, new Date(clock.now()), leaseUntil()),
    LEASE_MS / 4,
  )
  renew.unref()
  const job = await getJob(database, jobId)
  const client = new ScimClient({
    tenantUrl: job.tenantUrl,
    token: openSecret(options.secretKey, job.sealedToken),
    concurrency: job.concurrency,
    ratePerSecond: job.ratePerSecond,
    timeoutMs: job.timeoutMs,
    clock,
    ...options.client,
  })
  try {
    const cycle = await startOrResume(options, job, clock)
    const ctx: CycleContext = {
      database,
      directory: options.directory,
      job,
      target: new TargetApi(client),
      cycleId: cycle.id,
      kind: cycle.kind,
      clock,
      newId: randomUUID,
      counts: emptyCounts(),
      linked: new Map(),
      newlyLinked: { user: new Set(), group: new Set() },
      onProgress: options.onProgress,
      targetIndex: cycle.kind === 'initial' ? {} : undefined,
    }
    const batch = options.batchSize ?? 500
    if (cycle.kind === 'initial') await runInitial(ctx, cycle, batch)
    else await runIncremental(ctx, cycle, batch)
    const endedAt = clock.now()
    const summary: CycleSummary = {
      cycleId: cycle.id,
      kind: cycle.kind,
      startedAt: cycle.startedAt,
      endedAt: new Date(endedAt).toISOString(),
      durationMs: endedAt - Date.parse(cycle.startedAt),
      watermark: cycle.targetSequence,
      requests: client.stats.requests,
      counts: ctx.counts,
    }
    await finishCycle(database, jobId, summary, job.configVersion)
    return summary
  } finally {
    clearInterval(renew)
    await client.close()
    await releaseLease(database, jobId, owner)
  }
}

async function startOrResume(
  options: RunCycleOptions,
  job: ProvisioningJob,
  clock: Clock,
): Promise<RunningCycle> {
  const state = await getJobState(options.database, job.id)
  if (state.cycle) return state.cycle
  const kind: CycleKind =
    state.needsInitial || state.appliedConfigVersion !== job.configVersion ? 'initial' : 'incremental'
  const cycle: RunningCycle = {
    id: randomUUID(),
    kind,
    targetSequence: await options.directory.latestSequence(),
    phase: null,
    cursor: null,
    startedAt: new Date(clock.now()).toISOString(),
  }
  await beginCycle(options.database, job.id, cycle)
  return cycle
}

const PHASES = ['users', 'users-out', 'groups', 'groups-out', 'references', 'members'] as const
type Phase = (typeof PHASES)[number]

/** Pages of source ids after a cursor; `total` when the phase knows its size up front. */
type Pages = ((after: string) => Promise<string[]>) & { total?: number }

/**
 * Runs the phases from where the cycle stopped. Each phase walks sorted source ids a batch at a time, two batches in
 * flight (the next batch's reads and requests overlap the previous batch's tail), and records its cursor once a batch
 * and every batch before it are done, so a resumed cycle never skips work.
 */
async function runPhases(
  ctx: CycleContext,
  cycle: RunningCycle,
  pages: Record<Phase, Pages>,
  handle: Record<Phase, (ids: string[]) => Promise<void>>,
): Promise<void> {
  const start = cycle.phase ? PHASES.indexOf(cycle.phase as Phase) : 0
  for (let i = Math.max(0, start); i < PHASES.length; i++) {
    const phase = PHASES[i]
    let cursor = i === start && cycle.cursor ? cycle.cursor : ''
    let done = 0
    let previous: Promise<void> = Promise.resolve()
    for (;;) {
      const ids = await pages[phase](cursor)
      if (ids.length === 0) break
      cursor = ids[ids.length - 1]
      const reached = cursor
      const work = handle[phase](ids)
      const before = previous
      previous = Promise.all([before, work]).then(async () => {
        done += ids.length
        await saveCycleProgress(ctx.database, ctx.job.id, phase, reached)
        ctx.onProgress?.({ phase, done, total: pages[phase].total })
      })
      previous.catch(() => {})
      await before
    }
    await previous
  }
}

/** Pages of a sorted id list after a cursor. */
function pager(ids: readonly string[], size: number): Pages {
  const sorted = [...ids].sort()
  const pages: Pages = async (after) => {
    const from = after === '' ? 0 : upperBound(sorted, after)
    return sorted.slice(from, from + size)
  }
  pages.total = sorted.length
  return pages
}

function upperBound(sorted: readonly string[], value: string): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid] <= value) lo = mid + 1
    else hi = mid
  }
  return lo
}

async function runInitial(ctx: CycleContext, cycle: RunningCycle, batch: number): Promise<void> {
  const scope = new ScopeReader(ctx)
  const { directory, job, database } = ctx
  const groupsOn = job.groupMappings.enabled
  const ordered = sendsManager(job) ? await managerFirstPages(ctx, scope, batch) : undefined
  const userPages: Pages =
    ordered ??
    (job.scope === 'all'
      ? async (after: string) =>
          (await directory.listUsers({ afterId: after || undefined, limit: batch })).map((u) => u.id)
      : pager(await scope.assignedUserIds(), batch))
  const groupPages: Pages = !groupsOn
    ? async () => []
    : job.scope === 'all'
      ? async (after: string) =>
          (await directory.listGroups({ afterId: after || undefined, limit: batch })).map((g) => g.id)
      : pager(await scope.assignedGroupIds(), batch)
  const sync = (type: 'user' | 'group') => async (ids: string[]) => {
    const items: SyncItem[] = type === 'user' ? await scope.userItems(ids) : await scope.groupItems(ids)
    await syncObjects(ctx, type, items)
  }
  await runPhases(
    ctx,
    cycle,
    {
      users: userPages,
      'users-out': (after) => unseenLinkIds(database, job.id, 'user', cycle.id, after, batch),
      groups: groupPages,
      'groups-out': groupsOn
        ? (after) => unseenLinkIds(database, job.id, 'group', cycle.id, after, batch)
        : async () => [],
      references: (after) => pendingReferenceIds(database, job.id, after, batch),
      members: syncsMembers(job.groupMappings) ? groupPages : async () => [],
    },
    {
      users: ordered ? byDepth(sync('user')) : sync('user'),
      'users-out': sync('user'),
      groups: sync('group'),
      'groups-out': sync('group'),
      references: sync('user'),
      members: (ids) => syncMemberships(ctx, ids),
    },
  )
}

/** Whether the user mappings send the manager (a reference to another user). */
function sendsManager(job: ProvisioningJob): boolean {
  return job.userMappings.mappings.some(
    (m) =>
      m.reference === 'user' && m.source.type === 'direct' && m.source.attribute.toLowerCase() === 'manager',
  )
}

/**
 * Pages of the initial cycle's users, managers before the users who report to them (keys from managerFirstKeys), so
 * a create carries the manager and the reference pass has little left to send.
 */
async function managerFirstPages(ctx: CycleContext, scope: ScopeReader, batch: number): Promise<Pages> {
  const managerOf = new Map<string, string | null>()
  const page = 5000
  if (ctx.job.scope === 'all') {
    for (let after: string | undefined; ; ) {
      const users = await ctx.directory.listUsers({ afterId: after, limit: page })
      for (const u of users) managerOf.set(u.id, u.managerId)
      if (users.length < page) break
      after = users[users.length - 1].id
    }
  } else {
    const ids = await scope.assignedUserIds()
    for (let i = 0; i < ids.length; i += page)
      for (const u of await ctx.directory.getUsers(ids.slice(i, i + page))) managerOf.set(u.id, u.managerId)
    for (const id of ids) if (!managerOf.has(id)) managerOf.set(id, null)
  }
  const keys = managerFirstKeys(managerOf)
  const pages: Pages = async (after) => {
    // a cursor that is not a key (saved before this order existed) restarts the phase: safe, links make it idempotent
    const from = /^\d{4}:/.test(after) ? upperBound(keys, after) : 0
    const depth = depthOfKey(keys[from] ?? '')
    let to = from
    while (to < keys.length && to - from < batch && depthOfKey(keys[to]) === depth) to++
    return keys.slice(from, to)
  }
  pages.total = keys.length
  return pages
}

/**
 * A handler of managerFirstPages' keys that starts a batch of a deeper level only once the batches before it are
 * done (the managers it refers to are linked by then); batches of one level overlap as usual.
 */
function byDepth(handle: (ids: string[]) => Promise<void>): (keys: string[]) => Promise<void> {
  let previous: Promise<unknown> = Promise.resolve()
  let depth = ''
  return (keys) => {
    const level = depthOfKey(keys[0])
    const before = level === depth ? Promise.resolve() : previous.catch(() => {})
    depth = level
    const work = before.then(() => handle(keys.map(idOfKey)))
    previous = Promise.all([previous, work]).catch(() => {})
    return work
  }
}

async function runIncremental(ctx: CycleContext, cycle: RunningCycle, batch: number): Promise<void> {
  const { database, job, directory } = ctx
  const state = await getJobState(database, job.id)
  const affected = await affectedObjects(ctx, state.watermark, cycle.targetSequence)
  const scope = new ScopeReader(ctx)
  const groupsOn = job.groupMappings.enabled
  const memberships = async () => {
    const ids = new Set(affected.memberships)
    for (const groupId of ctx.newlyLinked.group) ids.add(groupId)
    for (const userId of ctx.newlyLinked.user) for (const g of await directory.groupsOf(userId)) ids.add(g.id)
    return [...ids]
  }
  let membershipPager: Pages | undefined
  const none = async () => []
  await runPhases(
    ctx,
    cycle,
    {
      users: pager([...affected.users], batch),
      'users-out': none,
      groups: groupsOn ? pager([...affected.groups], batch) : none,
      'groups-out': none,
      references: (after) => pendingReferenceIds(database, job.id, after, batch),
      members: async (after) => {
        if (!syncsMembers(job.groupMappings)) return []
        membershipPager ??= pager(await memberships(), batch)
        return membershipPager(after)
      },
    },
    {
      users: async (ids) => syncObjects(ctx, 'user', await scope.userItems(ids)),
      'users-out': async () => {},
      groups: async (ids) => syncObjects(ctx, 'group', await scope.groupItems(ids)),
      'groups-out': async () => {},
      references: async (ids) => syncObjects(ctx, 'user', await scope.userItems(ids)),
      members: (ids) => syncMemberships(ctx, ids),
    },
  )
}
