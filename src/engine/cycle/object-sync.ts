import { randomUUID } from 'node:crypto'
import { EngineError } from '../engine-error.js'
import { matchingAttributes } from '../mapping/index.js'
import type { MappingSet, SourceObject } from '../mapping/types.js'
import { diffAttributes, type FlatAttributes } from '../requests/attribute-diff.js'
import { type PlannedOperation, patchRequest } from '../requests/patch-request.js'
import { clearEscrows, recordFailures } from '../store/escrow-store.js'
import {
  deleteLinks,
  type Link,
  loadLinks,
  loadTargetIds,
  markLinksSeen,
  type ObjectType,
  saveLinks,
} from '../store/link-store.js'
import {
  appendLogs,
  type LogAction,
  loggedResponseBody,
  type ProvisioningLogEntry,
} from '../store/log-store.js'
import { forgetMember } from '../store/sent-member-store.js'
import { type Exchange, targetDetail } from '../target/target-api.js'
import { TargetIndex } from '../target/target-index.js'
import type { CycleContext } from './cycle-context.js'
import {
  type EvaluatedObject,
  evaluateObject,
  keptOnUpdate,
  type ResolveReference,
  referencePaths,
} from './evaluate-object.js'

/** One source object to bring the target in line with: `source` null means hard-deleted. */
export interface SyncItem {
  sourceId: string
  source: SourceObject | null
  inScope: boolean
}

/** What happened to one object. */
interface Outcome {
  sourceId: string
  action: LogAction | 'unchanged'
  /** The link to keep (saved), or null to drop it; undefined leaves it as it is. */
  link?: Link | null
  exchange?: Exchange
  reason?: string
  targetId?: string | null
}

/**
 * Brings one batch of users or groups in line: creates (match first, adopt on a match or a 409), updates (only what
 * changed since what was last sent; nothing changed, no request), disables (out of scope), deletes (hard-deleted).
 * Writes the links, logs and escrows of the batch in one transaction. An object created just before the process died
 * has no link yet; the next run matches it in the target before creating (the target index of an initial cycle is
 * read afresh, so it includes it) and adopts it: no duplicates.
 */
export async function syncObjects(
  ctx: CycleContext,
  objectType: ObjectType,
  items: readonly SyncItem[],
): Promise<void> {
  if (items.length === 0) return
  const { database, job } = ctx
  const set = objectType === 'user' ? job.userMappings : job.groupMappings
  const links = await loadLinks(
    database.db,
    job.id,
    objectType,
    items.map((i) => i.sourceId),
  )
  const resolve = await referenceResolver(ctx, set, items)
  const outcomes = await Promise.all(
    items.map((item) =>
      syncOne(ctx, objectType, set, item, links.get(item.sourceId), resolve).catch(
        (error): Outcome => ({ sourceId: item.sourceId, action: 'failed', reason: describeError(error) }),
      ),
    ),
  )
  await rejectDuplicateTargets(ctx, objectType, outcomes, links)
  await writeOutcomes(ctx, objectType, items, outcomes)
}

async function syncOne(
  ctx: CycleContext,
  objectType: ObjectType,
  set: MappingSet,
  item: SyncItem,
  link: Link | undefined,
  resolve: ResolveReference,
): Promise<Outcome> {
  const { job } = ctx
  const base = { sourceId: item.sourceId }
  if (!item.source) {
    if (!link) return { ...base, action: 'unchanged' }
    if (!link.targetId) return { ...base, action: 'unchanged', link: null }
    if (!job.allowDelete)
      return { ...base, action: 'skipped', reason: 'deleted in the source; deletes are switched off' }
    return deleteTarget(ctx, objectType, link.targetId, base)
  }
  if (!item.inScope) {
    if (!link) return { ...base, action: 'unchanged' }
    if (!link.targetId) return { ...base, action: 'unchanged', link: null }
    if (job.skipOutOfScopeDeletions)
      return { ...base, action: 'skipped', reason: 'out of scope; out-of-scope deletions are skipped' }
    if (objectType === 'group') {
      if (!job.allowDelete)
        return { ...base, action: 'skipped', reason: 'out of scope; deletes are switched off' }
      return deleteTarget(ctx, objectType, link.targetId, base)
    }
    if (!job.allowUpdate)
      return { ...base, action: 'skipped', reason: 'out of scope; updates are switched off' }
    return disableTarget(ctx, set, item.source, link, resolve, base)
  }
  if (link?.targetId) {
    if (!job.allowUpdate) return { ...base, action: 'unchanged' }
    const evaluated = evaluateObject(set, item.source, 'update', resolve, clockOf(ctx))
    return updateTarget(ctx, objectType, set, item.source, link, evaluated, resolve, base)
  }
  return provision(ctx, objectType, set, item.source, resolve, base)
}

async function provision(
  ctx: CycleContext,
  objectType: ObjectType,
  set: MappingSet,
  source: SourceObject,
  resolve: ResolveReference,
  base: { sourceId: string },
): Promise<Outcome> {
  if (objectType === 'user' && source.IsSoftDeleted === true) {
    return { ...base, action: 'skipped', reason: 'disabled in the source: not provisioned', link: null }
  }
  const match = await findMatch(ctx, objectType, set, source)
  if (match.kind === 'failed') return { ...base, ...match.outcome }
  if (match.kind === 'found') return adopt(ctx, objectType, set, source, match.id, resolve, base)
  if (!ctx.job.allowCreate)
    return {
      ...base,
      action: 'skipped',
      reason: 'no match in the target; creates are switched off',
      link: null,
    }
  return create(ctx, objectType, set, source, resolve, base, true)
}

async function create(
  ctx: CycleContext,
  objectType: ObjectType,
  set: MappingSet,
  source: SourceObject,
  resolve: ResolveReference,
  base: { sourceId: string },
  adoptOnConflict: boolean,
): Promise<Outcome> {
  const evaluated = evaluateObject(set, source, 'create', resolve, clockOf(ctx))
  const exchange = await ctx.target.create(objectType, evaluated.resource)
  const { status, body } = exchange.response
  const id = (body as { id?: unknown } | undefined)?.id
  if ((status === 201 || status === 200) && typeof id === 'string') {
    ctx.linked.set(base.sourceId, id)
    ctx.newlyLinked[objectType].add(base.sourceId)
    const link: Link = {
      objectType,
      sourceId: base.sourceId,
      targetId: id,
      attributes: evaluated.flat,
      pendingReferences: evaluated.pendingReferences,
    }
    return { ...base, action: 'created', link, exchange, targetId: id }
  }
  if (status === 409 && adoptOnConflict) {
    const match = await findMatch(ctx, objectType, set, source)
    if (match.kind === 'found') return adopt(ctx, objectType, set, source, match.id, resolve, base)
    return {
      ...base,
      action: 'failed',
      exchange,
      reason: `the target reported a conflict (${targetDetail(exchange.response)}) but no matching object was found`,
    }
  }
  return { ...base, action: 'failed', exchange, reason: `create refused: ${targetDetail(exchange.response)}` }
}

async function adopt(
  ctx: CycleContext,
  objectType: ObjectType,
  set: MappingSet,
  source: SourceObject,
  targetId: string,
  resolve: ResolveReference,
  base: { sourceId: string },
): Promise<Outcome> {
  ctx.linked.set(base.sourceId, targetId)
  ctx.newlyLinked[objectType].add(base.sourceId)
  const link: Link = {
    objectType,
    sourceId: base.sourceId,
    targetId,
    attributes: {},
    pendingReferences: false,
  }
  const evaluated = evaluateObject(set, source, 'update', resolve, clockOf(ctx))
  if (!ctx.job.allowUpdate) {
    return {
      ...base,
      action: 'adopted',
      link: { ...link, attributes: evaluated.flat },
      targetId,
      reason: 'matched; updates are switched off',
    }
  }
  const outcome = await updateTarget(ctx, objectType, set, source, link, evaluated, resolve, base)
  if (outcome.action === 'failed') return outcome
  return { ...outcome, action: 'adopted', reason: 'matched an existing object in the target' }
}

async function updateTarget(
  ctx: CycleContext,
  objectType: ObjectType,
  set: MappingSet,
  source: SourceObject,
  link: Link,
  evaluated: EvaluatedObject,
  resolve: ResolveReference,
  base: { sourceId: string },
): Promise<Outcome> {
  const ops = diffAttributes(link.attributes, evaluated.flat, {
    keep: keptOnUpdate(set),
    addNewElements: ctx.job.dialect === 'rfc',
  })
  const next: Link = {
    ...link,
    attributes: mergeKept(link.attributes, evaluated.flat, ops),
    pendingReferences: evaluated.pendingReferences,
  }
  if (ops.length === 0)
    return {
      ...base,
      action: 'unchanged',
      link: next.pendingReferences !== link.pendingReferences ? next : undefined,
    }
  const exchange = await ctx.target.patch(
    objectType,
    link.targetId!,
    patchRequest(ctx.job.dialect, shapeReferences(ctx, set, ops)),
  )
  const { status } = exchange.response
  if (status >= 200 && status < 300) {
    const action = disables(ops) ? 'disabled' : 'updated'
    return {
      ...base,
      action,
      link: next,
      exchange,
      targetId: link.targetId,
      reason: `changed: ${ops.map((o) => o.path).join(', ')}`,
    }
  }
  if (status === 404) {
    if (!ctx.job.allowCreate)
      return {
        ...base,
        action: 'failed',
        exchange,
        reason: 'the linked object is gone from the target; creates are switched off',
      }
    const recreated = await create(ctx, objectType, set, source, resolve, base, false)
    return { ...recreated, reason: 'the linked object was gone from the target: created again' }
  }
  return {
    ...base,
    action: 'failed',
    exchange,
    targetId: link.targetId,
    reason: `update refused: ${targetDetail(exchange.response)}`,
  }
}

async function disableTarget(
  ctx: CycleContext,
  set: MappingSet,
  source: SourceObject,
  link: Link,
  resolve: ResolveReference,
  base: { sourceId: string },
): Promise<Outcome> {
  const evaluated = evaluateObject(set, { ...source, IsSoftDeleted: true }, 'update', resolve, clockOf(ctx))
  const activePath = Object.keys(evaluated.flat).find((p) => p.toLowerCase() === 'active')
  if (!activePath)
    return { ...base, action: 'skipped', reason: 'out of scope; no mapping to active, so nothing to disable' }
  const ops = diffAttributes(
    { [activePath]: link.attributes[activePath] },
    { [activePath]: evaluated.flat[activePath] },
    { keep: () => true, addNewElements: false },
  )
  if (ops.length === 0) return { ...base, action: 'unchanged' }
  const exchange = await ctx.target.patch('user', link.targetId!, patchRequest(ctx.job.dialect, ops))
  const { status } = exchange.response
  if ((status >= 200 && status < 300) || status === 404) {
    const next: Link = {
      ...link,
      attributes: { ...link.attributes, [activePath]: evaluated.flat[activePath] },
    }
    if (status === 404)
      return {
        ...base,
        action: 'skipped',
        link: null,
        exchange,
        reason: 'out of scope, and already gone from the target',
      }
    return {
      ...base,
      action: 'disabled',
      link: next,
      exchange,
      targetId: link.targetId,
      reason: 'out of scope',
    }
  }
  return {
    ...base,
    action: 'failed',
    exchange,
    targetId: link.targetId,
    reason: `disable refused: ${targetDetail(exchange.response)}`,
  }
}

async function deleteTarget(
  ctx: CycleContext,
  objectType: ObjectType,
  targetId: string,
  base: { sourceId: string },
): Promise<Outcome> {
  const exchange = await ctx.target.delete(objectType, targetId)
  const { status } = exchange.response
  if ((status >= 200 && status < 300) || status === 404)
    return { ...base, action: 'deleted', link: null, exchange, targetId }
  return {
    ...base,
    action: 'failed',
    exchange,
    targetId,
    reason: `delete refused: ${targetDetail(exchange.response)}`,
  }
}

type MatchOutcome =
  | { kind: 'found'; id: string }
  | { kind: 'none' }
  | { kind: 'failed'; outcome: Omit<Outcome, 'sourceId'> }

/** Queries the target with each matching attribute in precedence order: the first that finds exactly one wins. */
async function findMatch(
  ctx: CycleContext,
  objectType: ObjectType,
  set: MappingSet,
  source: SourceObject,
): Promise<MatchOutcome> {
  const values = matchingAttributes(set, source, clockOf(ctx))
  if (values.length === 0) {
    return {
      kind: 'failed',
      outcome: { action: 'skipped', reason: 'no matching attribute has a value for this object', link: null },
    }
  }
  const index = await targetIndexOf(ctx, objectType, set)
  for (const { target, value } of values) {
    if (index && !index.mayMatch(target, value)) continue
    const found = await ctx.target.find(objectType, target, value)
    if (found.response.status !== 200) {
      return {
        kind: 'failed',
        outcome: {
          action: 'failed',
          exchange: found,
          reason: `matching query refused: ${targetDetail(found.response)}`,
        },
      }
    }
    if (found.ids.length === 1) return { kind: 'found', id: found.ids[0] }
    if (found.ids.length > 1) {
      return {
        kind: 'failed',
        outcome: {
          action: 'failed',
          exchange: found,
          reason: `${found.ids.length} objects in the target match ${target} eq "${value}" (DuplicateTargetEntries)`,
        },
      }
    }
  }
  return { kind: 'none' }
}

/** The target index of an initial cycle, read on first use (undefined in incremental cycles or when unavailable). */
function targetIndexOf(
  ctx: CycleContext,
  objectType: ObjectType,
  set: MappingSet,
): Promise<TargetIndex | undefined> {
  if (!ctx.targetIndex) return Promise.resolve(undefined)
  const attributes = set.mappings.filter((m) => m.matchingPrecedence !== undefined).map((m) => m.target)
  ctx.targetIndex[objectType] ??= TargetIndex.read(ctx.target, objectType, attributes)
  return ctx.targetIndex[objectType]!
}

/** Loads the links of every object a reference mapping of the batch points at (one query). */
async function referenceResolver(
  ctx: CycleContext,
  set: MappingSet,
  items: readonly SyncItem[],
): Promise<ResolveReference> {
  const refs = set.mappings.filter(
    (m) => m.reference === 'user' && m.source.type === 'direct' && m.target.toLowerCase() !== 'members',
  )
  const ids = new Set<string>()
  for (const item of items) {
    for (const m of refs) {
      const value = item.source?.[(m.source as { attribute: string }).attribute]
      if (typeof value === 'string') ids.add(value)
    }
  }
  const links =
    ids.size === 0
      ? new Map<string, string>()
      : await loadTargetIds(ctx.database.db, ctx.job.id, 'user', [...ids])
  return (_kind, sourceId) => ctx.linked.get(sourceId) ?? links.get(sourceId)
}

/** RFC form sends a reference as `{ value: id }` (unless the path already ends in `.value`); Entra sends the bare id. */
function shapeReferences(ctx: CycleContext, set: MappingSet, ops: PlannedOperation[]): PlannedOperation[] {
  if (ctx.job.dialect === 'entra') return ops
  const refs = referencePaths(set)
  return ops.map((o) =>
    refs.has(o.path) && o.value !== undefined && !o.path.endsWith('.value') && typeof o.value === 'string'
      ? { ...o, value: { value: o.value } }
      : o,
  )
}

/** What the link records after an update: the new values, plus kept values the update did not remove. */
function mergeKept(previous: FlatAttributes, next: FlatAttributes, ops: PlannedOperation[]): FlatAttributes {
  const removed = new Set(ops.filter((o) => o.op === 'remove').map((o) => o.path))
  const merged: FlatAttributes = {}
  for (const [path, value] of Object.entries(previous)) if (!removed.has(path)) merged[path] = value
  return Object.assign(merged, next)
}

function disables(ops: PlannedOperation[]): boolean {
  return ops.some((o) => o.path.toLowerCase() === 'active' && (o.value === false || o.value === 'False'))
}

/** An adopted target id already linked to another source object fails instead of breaking the link table. */
async function rejectDuplicateTargets(
  ctx: CycleContext,
  objectType: ObjectType,
  outcomes: Outcome[],
  links: Map<string, Link>,
): Promise<void> {
  const fresh = outcomes.filter(
    (o) => o.link?.targetId && links.get(o.sourceId)?.targetId !== o.link.targetId,
  )
  if (fresh.length === 0) return
  const rows = await ctx.database.db
    .selectFrom('engine_links')
    .select(['source_id', 'target_id'])
    .where('job_id', '=', ctx.job.id)
    .where('object_type', '=', objectType)
    .where(
      'target_id',
      'in',
      fresh.map((o) => o.link!.targetId!),
    )
    .execute()
  const owner = new Map(rows.map((r) => [r.target_id, r.source_id]))
  const seen = new Set<string>()
  for (const o of fresh) {
    const id = o.link!.targetId!
    const other = owner.get(id)
    if ((other && other !== o.sourceId) || seen.has(id)) {
      o.action = 'failed'
      o.reason = `the target object ${id} is already linked to another source object (DuplicateSourceEntries)`
      o.link = undefined
      ctx.linked.delete(o.sourceId)
    }
    seen.add(id)
  }
}

async function writeOutcomes(
  ctx: CycleContext,
  objectType: ObjectType,
  items: readonly SyncItem[],
  outcomes: Outcome[],
): Promise<void> {
  const now = new Date(ctx.clock.now()).toISOString()
  const save: Link[] = []
  const drop: string[] = []
  const seen: string[] = []
  const logs: ProvisioningLogEntry[] = []
  const failures: Array<{ objectType: ObjectType; sourceId: string; error: string }> = []
  const succeeded: string[] = []
  const inScope = new Set(items.filter((i) => i.inScope).map((i) => i.sourceId))
  for (const o of outcomes) {
    ctx.counts[o.action]++
    if (o.link) save.push(o.link)
    else if (o.link === null) drop.push(o.sourceId)
    else if (inScope.has(o.sourceId)) seen.push(o.sourceId)
    if (o.action === 'failed')
      failures.push({ objectType, sourceId: o.sourceId, error: o.reason ?? 'failed' })
    else succeeded.push(o.sourceId)
    if (o.action === 'unchanged') continue
    logs.push({
      id: randomUUID(),
      jobId: ctx.job.id,
      cycleId: ctx.cycleId,
      at: now,
      objectType,
      sourceId: o.sourceId,
      targetId: o.targetId ?? o.link?.targetId ?? null,
      action: o.action,
      reason: o.reason ?? null,
      request: o.exchange?.request ?? null,
      responseStatus: o.exchange?.response.status ?? null,
      responseBody: loggedResponseBody(o.exchange?.response),
    })
  }
  await ctx.database.db.transaction().execute(async (trx) => {
    await saveLinks(trx, ctx.job.id, save, ctx.cycleId, now)
    await deleteLinks(trx, ctx.job.id, objectType, drop)
    if (objectType === 'user') await forgetMember(trx, ctx.job.id, drop)
    await markLinksSeen(trx, ctx.job.id, objectType, seen, ctx.cycleId)
    await appendLogs(trx, logs)
    await recordFailures(trx, ctx.job.id, failures, now)
    await clearEscrows(trx, ctx.job.id, objectType, succeeded)
  })
}

function clockOf(ctx: CycleContext) {
  return { now: () => new Date(ctx.clock.now()), newGuid: randomUUID }
}

function describeError(error: unknown): string {
  if (error instanceof EngineError) return `${error.code}: ${error.message}`
  return error instanceof Error ? error.message : String(error)
}
