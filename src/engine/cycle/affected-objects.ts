import type { DirectoryChange } from '../../directory/types.js'
import { listEscrows } from '../store/escrow-store.js'
import type { CycleContext } from './cycle-context.js'

/** What an incremental cycle must look at. */
export interface AffectedObjects {
  users: Set<string>
  groups: Set<string>
  /** Groups whose membership may differ from what was sent. */
  memberships: Set<string>
}

const PAGE = 1000

/**
 * Reads the change feed from the watermark up to `targetSequence` and collects the users and groups whose state in
 * the target may have changed: changed objects, members whose scope may follow a group's, principals of this app's
 * assignment changes, groups whose members changed, plus everything escrowed by earlier failures.
 */
export async function affectedObjects(
  ctx: CycleContext,
  watermark: number,
  targetSequence: number,
): Promise<AffectedObjects> {
  const affected: AffectedObjects = { users: new Set(), groups: new Set(), memberships: new Set() }
  const groupsWithScopeChange = new Set<string>()
  for (let from = watermark; from < targetSequence; ) {
    const changes = await ctx.directory.changesSince(from, PAGE)
    if (changes.length === 0) break
    for (const change of changes) {
      if (change.sequence > targetSequence) break
      collect(ctx, change, affected, groupsWithScopeChange)
    }
    from = changes[changes.length - 1].sequence
  }
  if (ctx.job.scope === 'assigned') {
    for (const groupId of groupsWithScopeChange) {
      for (const userId of await ctx.directory.transitiveUserIds(groupId)) affected.users.add(userId)
    }
  }
  for (const escrow of await listEscrows(ctx.database, ctx.job.id)) {
    if (escrow.objectType === 'user') affected.users.add(escrow.sourceId)
    else {
      affected.groups.add(escrow.sourceId)
      affected.memberships.add(escrow.sourceId)
    }
  }
  return affected
}

function collect(
  ctx: CycleContext,
  change: DirectoryChange,
  affected: AffectedObjects,
  groupsWithScopeChange: Set<string>,
): void {
  const { objectType, objectId, kind } = change
  if (kind === 'assigned' || kind === 'unassigned' || kind === 'role-changed') {
    if (change.appId !== ctx.job.appId) return
    if (objectType === 'user') affected.users.add(objectId)
    else {
      affected.groups.add(objectId)
      affected.memberships.add(objectId)
      groupsWithScopeChange.add(objectId)
    }
    return
  }
  if (kind === 'member-added' || kind === 'member-removed') {
    affected.memberships.add(objectId)
    if (change.memberType === 'user' && change.memberId) affected.users.add(change.memberId)
    if (change.memberType === 'group' && change.memberId) groupsWithScopeChange.add(change.memberId)
    return
  }
  if (objectType === 'user') affected.users.add(objectId)
  else {
    affected.groups.add(objectId)
    if (kind !== 'updated') groupsWithScopeChange.add(objectId)
  }
}
