import type { Database } from '../../db/database.js'
import { EngineError } from '../engine-error.js'

export type CycleKind = 'initial' | 'incremental'

/** Counts of what a cycle did, by outcome. */
export interface CycleCounts {
  created: number
  updated: number
  adopted: number
  disabled: number
  deleted: number
  unchanged: number
  skipped: number
  failed: number
}

/** What a finished cycle did. */
export interface CycleSummary {
  cycleId: string
  kind: CycleKind
  startedAt: string
  endedAt: string
  durationMs: number
  /** The change-feed sequence the cycle brought the target up to. */
  watermark: number
  requests: number
  counts: CycleCounts
}

/** The cycle in progress (persisted so that a new process can finish it). */
export interface RunningCycle {
  id: string
  kind: CycleKind
  targetSequence: number
  phase: string | null
  cursor: string | null
  startedAt: string
}

/** A job's state. */
export interface JobState {
  /** Last change-feed sequence processed (0 before the first cycle). */
  watermark: number
  /** The next cycle must be initial (first run, restart, changed mappings or scoping). */
  needsInitial: boolean
  appliedConfigVersion: number
  cycle: RunningCycle | null
  lastCycle: CycleSummary | null
  lastCycleEndedAt: string | null
}

/** Reads a job's state. */
export async function getJobState(database: Database, jobId: string): Promise<JobState> {
  const row = await database.db
    .selectFrom('engine_job_state')
    .selectAll()
    .where('job_id', '=', jobId)
    .executeTakeFirst()
  if (!row) throw new EngineError('JOB_NOT_FOUND', `no provisioning job ${jobId}`)
  return {
    watermark: row.watermark,
    needsInitial: row.needs_initial === 1,
    appliedConfigVersion: row.applied_config_version,
    cycle:
      row.cycle_id && row.cycle_kind
        ? {
            id: row.cycle_id,
            kind: row.cycle_kind as CycleKind,
            targetSequence: row.cycle_target_sequence ?? 0,
            phase: row.cycle_phase,
            cursor: row.cycle_cursor,
            startedAt: row.cycle_started_at ?? '',
          }
        : null,
    lastCycle: row.last_cycle ? JSON.parse(row.last_cycle) : null,
    lastCycleEndedAt: row.last_cycle_ended_at,
  }
}

/** Records that a cycle started. */
export async function beginCycle(database: Database, jobId: string, cycle: RunningCycle): Promise<void> {
  await database.db
    .updateTable('engine_job_state')
    .set({
      cycle_id: cycle.id,
      cycle_kind: cycle.kind,
      cycle_target_sequence: cycle.targetSequence,
      cycle_phase: cycle.phase,
      cycle_cursor: cycle.cursor,
      cycle_started_at: cycle.startedAt,
    })
    .where('job_id', '=', jobId)
    .execute()
}

/** Records how far the running cycle got: everything up to `cursor` in `phase` is done. */
export async function saveCycleProgress(
  database: Database,
  jobId: string,
  phase: string,
  cursor: string | null,
): Promise<void> {
  await database.db
    .updateTable('engine_job_state')
    .set({ cycle_phase: phase, cycle_cursor: cursor })
    .where('job_id', '=', jobId)
    .execute()
}

/**
 * Ends the running cycle: moves the watermark, notes the applied configuration and keeps the summary. A restart
 * during the cycle wins: the cycle it cleared ends without touching the state.
 */
export async function finishCycle(
  database: Database,
  jobId: string,
  summary: CycleSummary,
  appliedConfigVersion: number,
): Promise<void> {
  await database.db
    .updateTable('engine_job_state')
    .set({
      watermark: summary.watermark,
      needs_initial: 0,
      applied_config_version: appliedConfigVersion,
      cycle_id: null,
      cycle_kind: null,
      cycle_target_sequence: null,
      cycle_phase: null,
      cycle_cursor: null,
      cycle_started_at: null,
      last_cycle: JSON.stringify(summary),
      last_cycle_ended_at: summary.endedAt,
    })
    .where('job_id', '=', jobId)
    .where('cycle_id', '=', summary.cycleId)
    .execute()
}

/**
 * Restarts a job like Entra's Restart provisioning: clears the watermark, the running cycle and the escrows, so the
 * next cycle is initial. Links are kept (objects are matched to what was provisioned before) unless `full` is set,
 * which also forgets links and sent memberships (Entra's resetScope Full).
 */
export async function restartJob(
  database: Database,
  jobId: string,
  options: { full?: boolean } = {},
): Promise<void> {
  await database.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('engine_job_state')
      .set({
        watermark: 0,
        needs_initial: 1,
        cycle_id: null,
        cycle_kind: null,
        cycle_target_sequence: null,
        cycle_phase: null,
        cycle_cursor: null,
        cycle_started_at: null,
      })
      .where('job_id', '=', jobId)
      .execute()
    await trx.deleteFrom('engine_escrows').where('job_id', '=', jobId).execute()
    if (options.full) {
      await trx.deleteFrom('engine_links').where('job_id', '=', jobId).execute()
      await trx.deleteFrom('engine_sent_members').where('job_id', '=', jobId).execute()
    }
  })
}
