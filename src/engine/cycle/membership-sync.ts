import { randomUUID } from 'node:crypto'
import { EngineError } from '../engine-error.js'
import { memberPatches } from '../requests/member-patches.js'
import { clearEscrows, recordFailures } from '../store/escrow-store.js'
import { loadLinks } from '../store/link-store.js'
import { appendLogs, loggedResponseBody, type ProvisioningLogEntry } from '../store/log-store.js'
import { loadSentMembers, saveMemberDelta } from '../store/sent-member-store.js'
import { type Exchange, targetDetail } from '../target/target-api.js'
import type { CycleContext } from './cycle-context.js'

/**
 * Sends the membership changes of linked groups as deltas: members (users and nested groups) that are linked in the
 * target and not yet sent are added, members sent before and no longer members (or no longer linked) are removed.
 * Records what was sent per member, so nothing changed means no request.
 */
export async function syncMemberships(ctx: CycleContext, groupIds: readonly string[]): Promise<void> {
  const groupLinks = await loadLinks(ctx.database.db, ctx.job.id, 'group', groupIds)
  await Promise.all(
    groupIds.map(async (groupId) => {
      const targetId = groupLinks.get(groupId)?.targetId
      if (targetId) await syncGroupMembers(ctx, groupId, targetId)
    }),
  )
}

async function syncGroupMembers(ctx: CycleContext, groupId: string, groupTargetId: string): Promise<void> {
  const { database, job } = ctx
  const members = await ctx.directory.members(groupId)
  const sent = await loadSentMembers(database.db, job.id, groupId)
  const userIds = members.filter((m) => m.type === 'user').map((m) => m.id)
  const groupIds = members.filter((m) => m.type === 'group').map((m) => m.id)
  const removedIds = [...sent].filter((id) => !members.some((m) => m.id === id))
  const [userLinks, nestedLinks, removedUserLinks, removedGroupLinks] = await Promise.all([
    loadLinks(database.db, job.id, 'user', userIds),
    loadLinks(database.db, job.id, 'group', groupIds),
    loadLinks(database.db, job.id, 'user', removedIds),
    loadLinks(database.db, job.id, 'group', removedIds),
  ])
  const desired = new Map<string, string>()
  for (const links of [userLinks, nestedLinks]) {
    for (const [sourceId, link] of links) if (link.targetId) desired.set(sourceId, link.targetId)
  }
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
    const targetId = removedUserLinks.get(sourceId)?.targetId ?? removedGroupLinks.get(sourceId)?.targetId
    if (targetId) {
      remove.push(targetId)
      sourceOf.set(targetId, sourceId)
    } else forgotten.push(sourceId)
  }
  if (add.length === 0 && remove.length === 0 && forgotten.length === 0) return

  const added: string[] = []
  const removed: string[] = [...forgotten]
  const logs: ProvisioningLogEntry[] = []
  const at = new Date(ctx.clock.now()).toISOString()
  const log = (action: 'updated' | 'failed', reason: string, exchange?: Exchange) =>
    logs.push({
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
        added.push(...patch.add.map((id) => sourceOf.get(id)!))
        removed.push(...patch.remove.map((id) => sourceOf.get(id)!))
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
  await database.db.transaction().execute(async (trx) => {
    await saveMemberDelta(trx, job.id, groupId, added, removed)
    await appendLogs(trx, logs)
    const failure = logs.find((l) => l.action === 'failed')
    if (failure)
      await recordFailures(
        trx,
        job.id,
        [{ objectType: 'group', sourceId: groupId, error: failure.reason ?? 'failed' }],
        at,
      )
    else await clearEscrows(trx, job.id, 'group', [groupId])
  })
}
