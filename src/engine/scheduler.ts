import type { Database } from '../db/database.js'
import { openDirectory } from '../directory/index.js'
import type { Directory } from '../directory/types.js'
import { type Clock, systemClock } from './clock.js'
import { runCycle } from './cycle/run-cycle.js'
import { EngineError } from './engine-error.js'
import type { ProvisioningJob } from './job/job-settings.js'
import { type CycleSummary, getJobState } from './store/job-state-store.js'
import { listJobs } from './store/job-store.js'

/** What the scheduler needs. */
export interface SchedulerOptions {
  database: Database
  secretKey: Buffer
  /** Defaults to the directory on `database`. */
  directory?: Directory
  clock?: Clock
  /** How often to look for due jobs and a moved change feed, in ms (default 3,000). */
  pollMs?: number
  /** Called after each cycle, with its summary or the error that stopped it. */
  onCycle?: (jobId: string, result: { summary?: CycleSummary; error?: unknown }) => void
}

/** A running scheduler. */
export interface Scheduler {
  /** Stops polling and waits for running cycles to finish. */
  stop(): Promise<void>
}

/**
 * Runs provisioning in-process: every `pollMs` it runs, for each started job in automatic mode, the cycle it needs:
 * a cycle left unfinished, an initial cycle (first run, restart, new mappings), an incremental cycle as soon as the
 * directory's change feed moves past the job's watermark (seconds, not Entra's 40 minutes), and otherwise one cycle
 * per interval. One cycle per job at a time; a job whose cycle failed waits before it is tried again.
 *
 * @example const scheduler = startScheduler({ database, secretKey }); … await scheduler.stop()
 */
export function startScheduler(options: SchedulerOptions): Scheduler {
  const clock = options.clock ?? systemClock
  const pollMs = options.pollMs ?? 3000
  const directory = options.directory ?? openDirectory(options.database)
  const running = new Map<string, Promise<void>>()
  const retryAt = new Map<string, { at: number; failures: number }>()
  let stopped = false
  let ticking: Promise<void> = Promise.resolve()

  const tick = async () => {
    const jobs = (await listJobs(options.database)).filter((j) => j.enabled && j.mode === 'automatic')
    const latest = jobs.length > 0 ? await directory.latestSequence() : 0
    for (const job of jobs) {
      if (stopped || running.has(job.id)) continue
      if ((retryAt.get(job.id)?.at ?? 0) > clock.now()) continue
      if (!(await isDue(job, latest))) continue
      const run = runCycle(job.id, {
        database: options.database,
        directory,
        secretKey: options.secretKey,
        clock,
      })
        .then((summary) => {
          retryAt.delete(job.id)
          options.onCycle?.(job.id, { summary })
        })
        .catch((error: unknown) => {
          if (error instanceof EngineError && error.code === 'CYCLE_RUNNING') return
          const failures = (retryAt.get(job.id)?.failures ?? 0) + 1
          const wait = Math.min(job.intervalMinutes * 60_000, 30_000 * 2 ** (failures - 1))
          retryAt.set(job.id, { at: clock.now() + wait, failures })
          options.onCycle?.(job.id, { error })
        })
        .finally(() => running.delete(job.id))
      running.set(job.id, run)
    }
  }

  const isDue = async (job: ProvisioningJob, latestSequence: number): Promise<boolean> => {
    const state = await getJobState(options.database, job.id)
    if (state.cycle || state.needsInitial || state.appliedConfigVersion !== job.configVersion) return true
    if (latestSequence > state.watermark) return true
    const last = state.lastCycleEndedAt ? Date.parse(state.lastCycleEndedAt) : 0
    return clock.now() - last >= job.intervalMinutes * 60_000
  }

  const timer = setInterval(() => {
    ticking = ticking.then(tick).catch((error: unknown) => options.onCycle?.('', { error }))
  }, pollMs)
  timer.unref()
  ticking = ticking.then(tick).catch((error: unknown) => options.onCycle?.('', { error }))

  return {
    async stop() {
      stopped = true
      clearInterval(timer)
      await ticking
      await Promise.all(running.values())
    },
  }
}
