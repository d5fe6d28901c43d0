import type { ProviderActivityRow } from '../../db/tables/provider-tables.js'
import type { StoreContext } from '../store/store-context.js'
import type { ActivityEntry, ActivityLog } from '../store/types.js'

const DEFAULT_LIMIT = 50
const MAX_LIMIT = 500
/** Entries written by one insert; the rest wait for the next. */
const BATCH = 200
/** How long an entry may wait for others to share its insert. */
const DELAY_MS = 20
/** After a failed write, how long the entries wait before they are tried again. */
const RETRY_MS = 1_000
/** The most entries kept waiting while writes fail; beyond it the oldest are dropped. */
const MAX_WAITING = 10_000

/**
 * The per-tenant activity log on the database, written in batches. Entries a write could not store (the database
 * full, locked or failing) go back to the queue and are tried again a second later, with the entries recorded
 * meanwhile (which wait for that try rather than each trying a write); while writes keep failing, at most
 * MAX_WAITING entries wait, the oldest are dropped, and a warning says so. Recording never fails.
 */
export function createActivityLog(context: StoreContext): ActivityLog {
  const { db } = context.database
  let queue: ProviderActivityRow[] = []
  let writing: Promise<void> = Promise.resolve()
  let timer: NodeJS.Timeout | undefined
  /** Entries dropped since the last warning (more than MAX_WAITING waited). */
  let dropped = 0
  /** A write failed: the queue waits for the retry rather than being written as it fills. */
  let retrying = false

  /** A flush in `ms`; it does not keep the process alive (the server flushes when it closes). */
  const schedule = (ms: number) => {
    timer ??= setTimeout(() => flush().catch(warn), ms).unref()
  }

  /** Writes what is queued, after any write in progress; rejects if a batch could not be written (it waits again). */
  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer)
    timer = undefined
    const rows = queue
    queue = []
    writing = writing.catch(() => {}).then(() => write(rows))
    return writing
  }

  const write = async (rows: ProviderActivityRow[]) => {
    for (let i = 0; i < rows.length; i += BATCH) {
      try {
        await db
          .insertInto('provider_activity')
          .values(rows.slice(i, i + BATCH))
          .execute()
      } catch (error) {
        requeue(rows.slice(i))
        throw error
      }
    }
    retrying = false
  }

  /** Puts rows a write refused back in front of the queue, to be tried again in RETRY_MS (not sooner). */
  const requeue = (rows: ProviderActivityRow[]) => {
    queue = [...rows, ...queue]
    dropOldest()
    retrying = true
    if (timer) clearTimeout(timer)
    timer = undefined
    schedule(RETRY_MS)
  }

  /** Keeps the newest MAX_WAITING entries of the queue. */
  const dropOldest = () => {
    const excess = queue.length - MAX_WAITING
    if (excess <= 0) return
    queue = queue.slice(excess)
    dropped += excess
  }

  const warn = (error: unknown) => {
    const lost = dropped > 0 ? `; ${dropped} older entries were dropped` : ''
    dropped = 0
    process.emitWarning(
      `could not write the SCIM activity log (${queue.length} entries wait for the next try${lost}): ${
        error instanceof Error ? error.message : String(error)
      }`,
    )
  }

  return {
    async record(input) {
      const entry: ActivityEntry = { ...input, id: context.newId(), at: input.at ?? context.now() }
      queue.push(toRow(entry))
      if (retrying) dropOldest()
      else if (queue.length >= BATCH) await flush().catch(warn)
      else schedule(DELAY_MS)
      return entry
    },

    flush,

    async list(tenantId, { limit = DEFAULT_LIMIT, before } = {}) {
      await flush()
      let query = db
        .selectFrom('provider_activity')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .limit(Math.max(1, Math.min(MAX_LIMIT, Math.floor(limit))))
      if (before !== undefined) {
        const anchor = await db
          .selectFrom('provider_activity')
          .select(['at', 'id'])
          .where('tenant_id', '=', tenantId)
          .where('id', '=', before)
          .executeTakeFirst()
        if (!anchor) return []
        query = query.where((eb) =>
          eb.or([eb('at', '<', anchor.at), eb.and([eb('at', '=', anchor.at), eb('id', '<', anchor.id)])]),
        )
      }
      const rows = await query.execute()
      return rows.map(fromRow)
    },
  }
}

function toRow(e: ActivityEntry): ProviderActivityRow {
  return {
    id: e.id,
    tenant_id: e.tenantId,
    token_id: e.tokenId,
    method: e.method,
    path: e.path,
    resource_type: e.resourceType,
    resource_id: e.resourceId,
    status: e.status,
    outcome: e.outcome,
    duration_ms: e.durationMs,
    at: e.at,
  }
}

function fromRow(r: ProviderActivityRow): ActivityEntry {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    tokenId: r.token_id,
    method: r.method,
    path: r.path,
    resourceType: r.resource_type,
    resourceId: r.resource_id,
    status: r.status,
    outcome: r.outcome as ActivityEntry['outcome'],
    durationMs: Number(r.duration_ms),
    at: r.at,
  }
}
