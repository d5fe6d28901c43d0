import { randomUUID } from 'node:crypto'
import type { GroupMember } from '../../directory/types.js'
import { EngineError } from '../engine-error.js'
import { memberPatches } from '../requests/member-patches.js'
import { clearEscrows, recordFailures } from '../store/escrow-store.js'
import { loadTargetIds } from '../store/link-store.js'
import { appendLogs, loggedResponseBody, type ProvisioningLogEntry } from '../store/log-store.js'
import { loadSentMembers, saveMemberDelta } from '../store/sent-member-store.js'
import { type Exchange, targetDetail } from '../target/target-api.js'
import type { CycleContext } from './cycle-context.js'

/** What one group's membership sync sent and recorded. */
interface GroupOutcome {
  groupId: string
  added: string[]
  removed: string[]
  logs: ProvisioningLogEntry[]
}

/**
 * Sends the membership changes of linked groups as deltas: members (users and nested groups) that are linked in the
 * target and not yet sent are added, members sent before and no longer members (or no longer linked) are removed.
 * Records what was sent per member, so nothing changed means no request. Reads the sent members and the member links
 * of the whole batch in a few queries and writes what was sent in one transaction.
 */
export async function syncMemberships(ctx: CycleContext, groupIds: readonly string[]): Promise<void> {
  const { database, job } = ctx
  const groupLinks = await loadTargetIds(database.db, job.id, 'group', groupIds)
  const linked = groupIds.filter((id) => groupLinks.get(id))
  if (linked.length === 0) return
  const members = new Map<string, GroupMember[]>()
  for (const groupId of linked) members.set(groupId, await ctx.directory.members(groupId))
  const sent = await loadSentMembers(database.db, job.id, linked)
  const ids = { user: new Set<string>(), group: new Set<string>() }
  for (const groupId of linked) {
    for (const m of members.get(groupId)!) ids[m.type].add(m.id)
    for (const id of sent.get(groupId)!) {
      ids.user.add(id)
      ids.group.add(id)
    }
  }
  const [userLinks, nestedLinks] = await Promise.all([
    loadTargetIds(database.db, job.id, 'user', [...ids.user]),
    loadTargetIds(database.db, job.id, 'group', [...ids.group]),
  ])
  const targetOf = (sourceId: string, type?: GroupMember['type']) =>
    (type !== 'group' ? userLinks.get(sourceId) : undefined) ??
    (type !== 'user' ? nestedLinks.get(sourceId) : undefined)
  const outcomes = await Promise.all(
    linked.map((groupId) =>
      syncGroupMembers(
        ctx,
        groupId,
        groupLinks.get(groupId)!,
        members.get(groupId)!,
        sent.get(groupId)!,
        targetOf,
      ),
    ),
  )
  const changed = outcomes.filter((o): o is GroupOutcome => o !== undefined)
  if (changed.length === 0) return
  const at = new Date(ctx.clock.now()).toISOString()
  await database.db.transaction().execute(async (trx) => {
    for (const o of changed) await saveMemberDelta(trx, job.id, o.groupId, o.added, o.removed)
    await appendLogs(
      trx,
      changed.flatMap((o) => o.logs),
    )
    const failures = changed.flatMap((o) => {
      const failure = o.logs.find((l) => l.action === 'failed')
      return failure
        ? [{ objectType: 'group' as const, sourceId: o.groupId, error: failure.reason ?? 'failed' }]
        : []
    })
    await recordFailures(trx, job.id, failures, at)
    const failed = new Set(failures.map((f) => f.sourceId))
    await clearEscrows(
      trx,
      job.id,
      'group',
      changed.map((o) => o.groupId).filter((id) => !failed.has(id)),
    )
  })
}

/** Sends one group's member deltas; undefined when nothing changed. */
async function syncGroupMembers(
  ctx: CycleContext,
  groupId: string,
  groupTargetId: string,
  members: readonly GroupMember[],
  sent: ReadonlySet<string>,
  targetOf: (sourceId: string, type?: GroupMember['type']) => string | undefined,
): Promise<GroupOutcome | undefined> {
  const { job } = ctx
  const desired = new Map<string, string>()
  for (const m of members) {
    const targetId = targetOf(m.id, m.type)
    if (targetId) desired.set(m.id, targetId)
  }
  const memberIds = new Set(members.map((m) => m.id))
  const sourceOf = new Map<string, string>()
  const add: string[] = []
  for (const [sourceId, targetId] of desired) {
    if (sent.has(sourceId)) continue
    add.push(targetId)
    sourceOf.set(targetId, sourceId)
  }
  const remove: string[] = []
  const forgotten: string[] = []
  for (const sourceId of sent) {
    if (desired.has(sourceId)) continue
    const targetId = memberIds.has(sourceId) ? undefined : targetOf(sourceId)
    if (targetId) {
      remove.push(targetId)
      sourceOf.set(targetId, sourceId)
    } else forgotten.push(sourceId)
  }
  if (add.length === 0 && remove.length === 0 && forgotten.length === 0) return undefined

  const outcome: GroupOutcome = { groupId, added: [], removed: [...forgotten], logs: [] }
  const at = new Date(ctx.clock.now()).toISOString()
  const log = (action: 'updated' | 'failed', reason: string, exchange?: Exchange) =>
    outcome.logs.push({
      id: randomUUID(),
      jobId: job.id,
      cycleId: ctx.cycleId,
      at,
      objectType: 'group',
      sourceId: groupId,
      targetId: groupTargetId,
      action,
      reason,
      request: exchange?.request ?? null,
      responseStatus: exchange?.response.status ?? null,
      responseBody: loggedResponseBody(exchange?.response),
    })
  for (const patch of memberPatches(job.dialect, add, remove)) {
    try {
      const exchange = await ctx.target.patch('group', groupTargetId, patch.body)
      const { status } = exchange.response
      if (status >= 200 && status < 300) {
        outcome.added.push(...patch.add.map((id) => sourceOf.get(id)!))
        outcome.removed.push(...patch.remove.map((id) => sourceOf.get(id)!))
        log('updated', `members: +${patch.add.length} -${patch.remove.length}`, exchange)
      } else {
        ctx.counts.failed++
        log('failed', `membership update refused: ${targetDetail(exchange.response)}`, exchange)
      }
    } catch (error) {
      ctx.counts.failed++
      log('failed', error instanceof EngineError ? `${error.code}: ${error.message}` : String(error))
    }
  }
  return outcome
}
