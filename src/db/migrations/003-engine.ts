import type { Kysely, Migration } from 'kysely'
import type { SqlDialect } from '../database.js'

/**
 * Tables of the engine layer: provisioning jobs (configuration and state), links between source and target objects,
 * the members last sent per group, escrows (failures to retry) and the provisioning log.
 */
export function engineMigration(_dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('engine_jobs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('app_id', 'text', (c) => c.notNull().unique())
        .addColumn('tenant_url', 'text', (c) => c.notNull())
        .addColumn('secret_token', 'text', (c) => c.notNull())
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('interval_minutes', 'integer', (c) => c.notNull())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('dialect', 'text', (c) => c.notNull())
        .addColumn('user_mappings', 'text', (c) => c.notNull())
        .addColumn('group_mappings', 'text', (c) => c.notNull())
        .addColumn('exclude_default_access', 'integer', (c) => c.notNull())
        .addColumn('allow_create', 'integer', (c) => c.notNull())
        .addColumn('allow_update', 'integer', (c) => c.notNull())
        .addColumn('allow_delete', 'integer', (c) => c.notNull())
        .addColumn('skip_out_of_scope_deletions', 'integer', (c) => c.notNull())
        .addColumn('concurrency', 'integer', (c) => c.notNull())
        .addColumn('rate_per_second', 'integer', (c) => c.notNull())
        .addColumn('timeout_ms', 'integer', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('config_version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute()

      await db.schema
        .createTable('engine_job_state')
        .addColumn('job_id', 'text', (c) => c.primaryKey())
        .addColumn('watermark', 'integer', (c) => c.notNull())
        .addColumn('needs_initial', 'integer', (c) => c.notNull())
        .addColumn('applied_config_version', 'integer', (c) => c.notNull())
        .addColumn('cycle_id', 'text')
        .addColumn('cycle_kind', 'text')
        .addColumn('cycle_target_sequence', 'integer')
        .addColumn('cycle_phase', 'text')
        .addColumn('cycle_cursor', 'text')
        .addColumn('cycle_started_at', 'text')
        .addColumn('lease_owner', 'text')
        .addColumn('lease_until', 'text')
        .addColumn('last_cycle', 'text')
        .addColumn('last_cycle_ended_at', 'text')
        .execute()

      await db.schema
        .createTable('engine_links')
        .addColumn('job_id', 'text', (c) => c.notNull())
        .addColumn('object_type', 'text', (c) => c.notNull())
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text')
        .addColumn('attributes', 'text', (c) => c.notNull())
        .addColumn('pending_refs', 'integer', (c) => c.notNull())
        .addColumn('seen_cycle', 'text')
        .addColumn('synced_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('engine_links_pk', ['job_id', 'object_type', 'source_id'])
        .execute()
      await db.schema
        .createIndex('engine_links_target')
        .on('engine_links')
        .columns(['job_id', 'object_type', 'target_id'])
        .unique()
        .execute()

      await db.schema
        .createTable('engine_sent_members')
        .addColumn('job_id', 'text', (c) => c.notNull())
        .addColumn('group_id', 'text', (c) => c.notNull())
        .addColumn('member_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('engine_sent_members_pk', ['job_id', 'group_id', 'member_id'])
        .execute()
      await db.schema
        .createIndex('engine_sent_members_member')
        .on('engine_sent_members')
        .columns(['job_id', 'member_id'])
        .execute()

      await db.schema
        .createTable('engine_escrows')
        .addColumn('job_id', 'text', (c) => c.notNull())
        .addColumn('object_type', 'text', (c) => c.notNull())
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('last_error', 'text', (c) => c.notNull())
        .addColumn('first_failed_at', 'text', (c) => c.notNull())
        .addColumn('last_failed_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('engine_escrows_pk', ['job_id', 'object_type', 'source_id'])
        .execute()

      await db.schema
        .createTable('engine_logs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('job_id', 'text', (c) => c.notNull())
        .addColumn('cycle_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('object_type', 'text', (c) => c.notNull())
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('request', 'text')
        .addColumn('response_status', 'integer')
        .addColumn('response_body', 'text')
        .execute()
      await db.schema.createIndex('engine_logs_job_at').on('engine_logs').columns(['job_id', 'at']).execute()
    },
  }
}
