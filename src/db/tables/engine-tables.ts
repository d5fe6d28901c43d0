/** A provisioning job (one per app): its configuration. Booleans are 0/1; mapping sets are JSON text. */
export interface EngineJobRow {
  id: string
  app_id: string
  tenant_url: string
  /** Sealed with secret-box (AES-256-GCM). */
  secret_token: string
  mode: string
  interval_minutes: number
  scope: string
  dialect: string
  user_mappings: string
  group_mappings: string
  exclude_default_access: number
  allow_create: number
  allow_update: number
  allow_delete: number
  skip_out_of_scope_deletions: number
  concurrency: number
  rate_per_second: number
  timeout_ms: number
  /** Started (1) or stopped (0). */
  enabled: number
  /** Bumped when mappings or scoping change; a new value forces an initial cycle. */
  config_version: number
  created_at: string
  updated_at: string
}

/** A job's state: watermark, the cycle in progress (for resuming), the lease of the runner and the last summary. */
export interface EngineJobStateRow {
  job_id: string
  watermark: number
  needs_initial: number
  applied_config_version: number
  cycle_id: string | null
  cycle_kind: string | null
  cycle_target_sequence: number | null
  cycle_phase: string | null
  cycle_cursor: string | null
  cycle_started_at: string | null
  lease_owner: string | null
  lease_until: string | null
  /** JSON CycleSummary. */
  last_cycle: string | null
  last_cycle_ended_at: string | null
}

/** A source object linked to a target object. `target_id` is null while a create is in flight (an intent). */
export interface EngineLinkRow {
  job_id: string
  object_type: string
  source_id: string
  target_id: string | null
  /** JSON object: target path → value last sent. */
  attributes: string
  /** 1 while a reference (manager) could not be sent because its target was not linked yet. */
  pending_refs: number
  seen_cycle: string | null
  synced_at: string
}

/** A member (source id) last sent to the target as a member of a group (source id). */
export interface EngineSentMemberRow {
  job_id: string
  group_id: string
  member_id: string
}

/** An object whose last attempt failed, retried by later cycles. */
export interface EngineEscrowRow {
  job_id: string
  object_type: string
  source_id: string
  attempts: number
  last_error: string
  first_failed_at: string
  last_failed_at: string
}

/** One provisioning log entry: what was done to one object, and what the target answered. */
export interface EngineLogRow {
  id: string
  job_id: string
  cycle_id: string
  at: string
  object_type: string
  source_id: string
  target_id: string | null
  action: string
  reason: string | null
  /** JSON: method, path and body sent. */
  request: string | null
  response_status: number | null
  response_body: string | null
}

/** Row types of the engine layer's tables, for Kysely. */
export interface EngineTables {
  engine_jobs: EngineJobRow
  engine_job_state: EngineJobStateRow
  engine_links: EngineLinkRow
  engine_sent_members: EngineSentMemberRow
  engine_escrows: EngineEscrowRow
  engine_logs: EngineLogRow
}
