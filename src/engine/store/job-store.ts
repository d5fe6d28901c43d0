import type { Database } from '../../db/database.js'
import type { EngineJobRow } from '../../db/tables/engine-tables.js'
import { EngineError } from '../engine-error.js'
import type { JobSettings, ProvisioningJob } from '../job/job-settings.js'
import { validateSettings } from '../job/validate-settings.js'
import { sealSecret } from '../secret-box.js'

/** What creating a job takes. */
export interface NewJob {
  appId: string
  settings: JobSettings
  /** The Secret Token in clear; it is stored sealed with `secretKey`. */
  secretToken: string
  secretKey: Buffer
  id: string
  now: Date
}

/** Creates the provisioning job of an app (stopped, with an empty state that asks for an initial cycle). */
export async function createJob(database: Database, input: NewJob): Promise<ProvisioningJob> {
  validateSettings(input.settings)
  const at = input.now.toISOString()
  const row: EngineJobRow = {
    id: input.id,
    app_id: input.appId,
    secret_token: sealSecret(input.secretKey, input.secretToken),
    enabled: 0,
    config_version: 1,
    created_at: at,
    updated_at: at,
    ...settingsColumns(input.settings),
  } as EngineJobRow
  await database.db.transaction().execute(async (trx) => {
    await trx.insertInto('engine_jobs').values(row).execute()
    await trx
      .insertInto('engine_job_state')
      .values({ job_id: row.id, watermark: 0, needs_initial: 1, applied_config_version: 0 })
      .execute()
  })
  return fromRow(row)
}

/** The job of an app; throws JOB_NOT_FOUND if the app has none. */
export async function getJobByApp(database: Database, appId: string): Promise<ProvisioningJob> {
  const row = await database.db
    .selectFrom('engine_jobs')
    .selectAll()
    .where('app_id', '=', appId)
    .executeTakeFirst()
  if (!row) throw new EngineError('JOB_NOT_FOUND', 'this app has no provisioning job yet')
  return fromRow(row)
}

/** A job by id; throws JOB_NOT_FOUND. */
export async function getJob(database: Database, jobId: string): Promise<ProvisioningJob> {
  const row = await database.db
    .selectFrom('engine_jobs')
    .selectAll()
    .where('id', '=', jobId)
    .executeTakeFirst()
  if (!row) throw new EngineError('JOB_NOT_FOUND', `no provisioning job ${jobId}`)
  return fromRow(row)
}

/** Every job, oldest first. */
export async function listJobs(database: Database): Promise<ProvisioningJob[]> {
  const rows = await database.db
    .selectFrom('engine_jobs')
    .selectAll()
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  return rows.map(fromRow)
}

/**
 * Changes settings (and, given `secretToken` with `secretKey`, the token). A change to the mappings, their scoping
 * filters or the scope bumps the configuration version, which makes the next cycle an initial one.
 */
export async function updateJob(
  database: Database,
  jobId: string,
  changes: Partial<JobSettings> & { secretToken?: string; secretKey?: Buffer },
  now: Date,
): Promise<ProvisioningJob> {
  const { secretToken, secretKey, ...settings } = changes
  validateSettings(settings)
  const current = await getJob(database, jobId)
  const reshapes =
    (settings.userMappings &&
      JSON.stringify(settings.userMappings) !== JSON.stringify(current.userMappings)) ||
    (settings.groupMappings &&
      JSON.stringify(settings.groupMappings) !== JSON.stringify(current.groupMappings)) ||
    (settings.scope !== undefined && settings.scope !== current.scope) ||
    (settings.excludeDefaultAccess !== undefined &&
      settings.excludeDefaultAccess !== current.excludeDefaultAccess)
  const merged: JobSettings = { ...current, ...settings }
  const update: Partial<EngineJobRow> = {
    ...settingsColumns(merged),
    updated_at: now.toISOString(),
    config_version: current.configVersion + (reshapes ? 1 : 0),
  }
  if (secretToken !== undefined) {
    if (!secretKey)
      throw new EngineError('INVALID_CONFIG', 'a new secret token needs the secret key to seal it')
    update.secret_token = sealSecret(secretKey, secretToken)
  }
  await database.db.updateTable('engine_jobs').set(update).where('id', '=', jobId).execute()
  return getJob(database, jobId)
}

/** Starts (the scheduler runs it when due) or stops a job. A stopped job's running cycle finishes. */
export async function setJobEnabled(
  database: Database,
  jobId: string,
  enabled: boolean,
  now: Date,
): Promise<void> {
  await database.db
    .updateTable('engine_jobs')
    .set({ enabled: enabled ? 1 : 0, updated_at: now.toISOString() })
    .where('id', '=', jobId)
    .execute()
}

function settingsColumns(
  s: JobSettings,
): Omit<
  EngineJobRow,
  'id' | 'app_id' | 'secret_token' | 'enabled' | 'config_version' | 'created_at' | 'updated_at'
> {
  return {
    tenant_url: s.tenantUrl,
    mode: s.mode,
    interval_minutes: s.intervalMinutes,
    scope: s.scope,
    dialect: s.dialect,
    user_mappings: JSON.stringify(s.userMappings),
    group_mappings: JSON.stringify(s.groupMappings),
    exclude_default_access: s.excludeDefaultAccess ? 1 : 0,
    allow_create: s.allowCreate ? 1 : 0,
    allow_update: s.allowUpdate ? 1 : 0,
    allow_delete: s.allowDelete ? 1 : 0,
    skip_out_of_scope_deletions: s.skipOutOfScopeDeletions ? 1 : 0,
    concurrency: s.concurrency,
    rate_per_second: s.ratePerSecond,
    timeout_ms: s.timeoutMs,
  }
}

function fromRow(row: EngineJobRow): ProvisioningJob {
  return {
    id: row.id,
    appId: row.app_id,
    tenantUrl: row.tenant_url,
    sealedToken: row.secret_token,
    mode: row.mode as ProvisioningJob['mode'],
    intervalMinutes: row.interval_minutes,
    scope: row.scope as ProvisioningJob['scope'],
    dialect: row.dialect as ProvisioningJob['dialect'],
    userMappings: JSON.parse(row.user_mappings),
    groupMappings: JSON.parse(row.group_mappings),
    excludeDefaultAccess: row.exclude_default_access === 1,
    allowCreate: row.allow_create === 1,
    allowUpdate: row.allow_update === 1,
    allowDelete: row.allow_delete === 1,
    skipOutOfScopeDeletions: row.skip_out_of_scope_deletions === 1,
    concurrency: row.concurrency,
    ratePerSecond: row.rate_per_second,
    timeoutMs: row.timeout_ms,
    enabled: row.enabled === 1,
    configVersion: row.config_version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}
