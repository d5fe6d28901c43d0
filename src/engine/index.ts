/**
 * @module The provisioning engine: jobs, cycles, the SCIM client, Test Connection, the scheduler and the
 * provisioning log. It reaches every target over HTTP only.
 */

export {
  ScimClient,
  type ScimClientConfig,
  type ScimRequest,
  type ScimResponse,
} from './client/scim-client.js'
export { type Clock, systemClock } from './clock.js'
export type { CycleProgress } from './cycle/cycle-context.js'
export { type RunCycleOptions, runCycle } from './cycle/run-cycle.js'
export { EngineError, type EngineErrorCode } from './engine-error.js'
export * from './job/job-settings.js'
export { type AddAppInput, type AppDeps, addProvisionedApp } from './provisioned-app.js'
export { type Scheduler, type SchedulerOptions, startScheduler } from './scheduler.js'
export { openSecret, sealSecret } from './secret-box.js'
export { loadSecretKey, type SecretKeySource } from './secret-key.js'
export { type Escrow, listEscrows } from './store/escrow-store.js'
export type { CycleCounts, CycleKind, CycleSummary, JobState, RunningCycle } from './store/job-state-store.js'
export { getJobState, restartJob } from './store/job-state-store.js'
export { createJob, getJob, getJobByApp, listJobs, setJobEnabled, updateJob } from './store/job-store.js'
export { countLinks } from './store/link-store.js'
export { type LogAction, type LogQuery, listLogs, type ProvisioningLogEntry } from './store/log-store.js'
export { type ConnectionProblem, type ConnectionResult, testConnection } from './test-connection.js'
