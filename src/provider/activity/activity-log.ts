import type { ProviderActivityRow } from '../../db/tables/provider-tables.js'
import type { StoreContext } from '../store/store-context.js'
import type { ActivityEntry, ActivityLog } from '../store/types.js'

const DEFAULT_LIMIT = 50
const MAX_LIMIT = 500
/** Entries written by one insert; the rest wait for the next. */
const BATCH = 200
/** How long an entry may wait for others to share its insert. */
const DELAY_MS = 20

/** The per-tenant activity log on the database, written in batches. */
export function createActivityLog(context: StoreContext): ActivityLog {
  const { db } = context.database
  let queue: ProviderActivityRow[] = []
  let writing: Promise<void> = Promise.resolve()
  let timer: NodeJS.Timeout | undefined

  /** Writes what is queued, after any write in progress. A failed batch rejects its own flush (a timer flush drops it). */
  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer)
    timer = undefined
    const rows = queue
    queue = []
    writing = writing
      .catch(() => {})
      .then(async () => {
        for (let i = 0; i < rows.length; i += BATCH) {
          await db
            .insertInto('provider_activity')
            .values(rows.slice(i, i + BATCH))
            .execute()
        }
      })
    return writing
  }

  return {
    async record(input) {
      const entry: ActivityEntry = { ...input, id: context.newId(), at: input.at ?? context.now() }
      queue.push(toRow(entry))
      if (queue.length >= BATCH) await flush()
      else timer ??= setTimeout(() => flush().catch(() => {}), DELAY_MS)
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
