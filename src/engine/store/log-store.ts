import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import type { Tables } from '../../db/tables/index.js'
import { chunks } from './chunks.js'
import type { ObjectType } from './link-store.js'

/** What the engine did to one object. */
export type LogAction = 'created' | 'updated' | 'adopted' | 'disabled' | 'deleted' | 'skipped' | 'failed'

/** One provisioning log entry. */
export interface ProvisioningLogEntry {
  id: string
  jobId: string
  cycleId: string
  at: string
  objectType: ObjectType
  sourceId: string
  targetId: string | null
  action: LogAction
  /** Why (skips and failures), or what changed. */
  reason: string | null
  /** Method, path and body sent, when a request was made. */
  request: { method: string; path: string; body?: unknown } | null
  responseStatus: number | null
  responseBody: unknown
}

type Db = Kysely<Tables>

/**
 * The response body a log entry keeps: the target's answer when it refused (a success is recorded by its status and
 * target id, which keeps the log of a 100,000-object cycle small).
 */
export function loggedResponseBody(response: { status: number; body: unknown } | undefined): unknown {
  return response && (response.status < 200 || response.status >= 300) ? response.body : undefined
}

/** Appends log entries (in the caller's transaction). */
export async function appendLogs(db: Db, entries: readonly ProvisioningLogEntry[]): Promise<void> {
  for (const part of chunks(entries, 300)) {
    await db
      .insertInto('engine_logs')
      .values(
        part.map((e) => ({
          id: e.id,
          job_id: e.jobId,
          cycle_id: e.cycleId,
          at: e.at,
          object_type: e.objectType,
          source_id: e.sourceId,
          target_id: e.targetId,
          action: e.action,
          reason: e.reason,
          request: e.request ? JSON.stringify(e.request) : null,
          response_status: e.responseStatus,
          response_body: e.responseBody === undefined ? null : JSON.stringify(e.responseBody),
        })),
      )
      .execute()
  }
}

/** Filters for listLogs. */
export interface LogQuery {
  action?: LogAction
  sourceId?: string
  cycleId?: string
  /** At most this many, newest first (default 100). */
  limit?: number
}

/** A job's provisioning log entries, newest first. */
export async function listLogs(
  database: Database,
  jobId: string,
  query: LogQuery = {},
): Promise<ProvisioningLogEntry[]> {
  let q = database.db.selectFrom('engine_logs').selectAll().where('job_id', '=', jobId)
  if (query.action) q = q.where('action', '=', query.action)
  if (query.sourceId) q = q.where('source_id', '=', query.sourceId)
  if (query.cycleId) q = q.where('cycle_id', '=', query.cycleId)
  const rows = await q
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit ?? 100)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    jobId: r.job_id,
    cycleId: r.cycle_id,
    at: r.at,
    objectType: r.object_type as ObjectType,
    sourceId: r.source_id,
    targetId: r.target_id,
    action: r.action as LogAction,
    reason: r.reason,
    request: r.request ? JSON.parse(r.request) : null,
    responseStatus: r.response_status,
    responseBody: r.response_body === null ? undefined : JSON.parse(r.response_body),
  }))
}
