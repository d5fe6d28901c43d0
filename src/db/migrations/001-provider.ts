import { type ColumnDataType, type Expression, type Kysely, type Migration, sql } from 'kysely'
import type { SqlDialect } from '../database.js'

/**
 * Tables of the provider layer: tenants, tokens, custom attribute definitions, SCIM Users and Groups with their
 * indexed columns, emails and memberships, and the activity log.
 *
 * On PostgreSQL text columns use the "C" collation, so comparisons and ORDER BY follow code point order as on
 * SQLite (and as the in-memory filter evaluator does).
 */
export function providerMigration(dialect: SqlDialect): Migration {
  const text: ColumnDataType | Expression<unknown> = dialect === 'postgres' ? sql`text collate "C"` : 'text'
  const float: ColumnDataType = dialect === 'postgres' ? 'double precision' : 'real'
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('provider_tenants')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('name', text, (c) => c.notNull())
        .addColumn('name_lower', text, (c) => c.notNull().unique())
        .addColumn('created_at', text, (c) => c.notNull())
        .addColumn('provisioning_enabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('custom_schema', text, (c) => c.notNull())
        .execute()

      await db.schema
        .createTable('provider_tokens')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('tenant_id', text, (c) =>
          c.notNull().references('provider_tenants.id').onDelete('cascade'),
        )
        .addColumn('token_hash', text, (c) => c.notNull().unique())
        .addColumn('created_at', text, (c) => c.notNull())
        .addColumn('last_used_at', text)
        .addColumn('revoked_at', text)
        .execute()
      await db.schema
        .createIndex('provider_tokens_tenant')
        .on('provider_tokens')
        .column('tenant_id')
        .execute()

      await db.schema
        .createTable('provider_custom_attributes')
        .addColumn('tenant_id', text, (c) =>
          c.notNull().references('provider_tenants.id').onDelete('cascade'),
        )
        .addColumn('name_lower', text, (c) => c.notNull())
        .addColumn('name', text, (c) => c.notNull())
        .addColumn('type', text, (c) => c.notNull())
        .addColumn('description', text, (c) => c.notNull())
        .addColumn('created_at', text, (c) => c.notNull())
        .addPrimaryKeyConstraint('provider_custom_attributes_pk', ['tenant_id', 'name_lower'])
        .execute()

      await db.schema
        .createTable('scim_users')
        .addColumn('tenant_id', text, (c) =>
          c.notNull().references('provider_tenants.id').onDelete('cascade'),
        )
        .addColumn('id', text, (c) => c.notNull())
        .addColumn('user_name', text, (c) => c.notNull())
        .addColumn('user_name_lower', text, (c) => c.notNull())
        .addColumn('external_id', text)
        .addColumn('display_name', text)
        .addColumn('display_name_lower', text)
        .addColumn('active', 'integer')
        .addColumn('created', text, (c) => c.notNull())
        .addColumn('last_modified', text, (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('data', text, (c) => c.notNull())
        .addPrimaryKeyConstraint('scim_users_pk', ['tenant_id', 'id'])
        .addUniqueConstraint('scim_users_user_name', ['tenant_id', 'user_name_lower'])
        .execute()
      await index(db, 'scim_users', ['tenant_id', 'external_id'])
      await index(db, 'scim_users', ['tenant_id', 'display_name_lower'])
      await index(db, 'scim_users', ['tenant_id', 'active'])
      await index(db, 'scim_users', ['tenant_id', 'created', 'id'])
      await index(db, 'scim_users', ['tenant_id', 'last_modified', 'id'])

      await db.schema
        .createTable('scim_user_emails')
        .addColumn('tenant_id', text, (c) => c.notNull())
        .addColumn('user_id', text, (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('value_lower', text)
        .addColumn('type_lower', text)
        .addColumn('is_primary', 'integer')
        .addPrimaryKeyConstraint('scim_user_emails_pk', ['tenant_id', 'user_id', 'position'])
        .addForeignKeyConstraint(
          'scim_user_emails_user',
          ['tenant_id', 'user_id'],
          'scim_users',
          ['tenant_id', 'id'],
          (f) => f.onDelete('cascade'),
        )
        .execute()
      await index(db, 'scim_user_emails', ['tenant_id', 'value_lower'])

      await db.schema
        .createTable('scim_groups')
        .addColumn('tenant_id', text, (c) =>
          c.notNull().references('provider_tenants.id').onDelete('cascade'),
        )
        .addColumn('id', text, (c) => c.notNull())
        .addColumn('display_name', text, (c) => c.notNull())
        .addColumn('display_name_lower', text, (c) => c.notNull())
        .addColumn('external_id', text)
        .addColumn('created', text, (c) => c.notNull())
        .addColumn('last_modified', text, (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('data', text, (c) => c.notNull())
        .addPrimaryKeyConstraint('scim_groups_pk', ['tenant_id', 'id'])
        .addUniqueConstraint('scim_groups_display_name', ['tenant_id', 'display_name_lower'])
        .execute()
      await index(db, 'scim_groups', ['tenant_id', 'external_id'])
      await index(db, 'scim_groups', ['tenant_id', 'created', 'id'])
      await index(db, 'scim_groups', ['tenant_id', 'last_modified', 'id'])

      await db.schema
        .createTable('scim_group_members')
        .addColumn('tenant_id', text, (c) => c.notNull())
        .addColumn('group_id', text, (c) => c.notNull())
        .addColumn('member_id', text, (c) => c.notNull())
        .addColumn('member_type', text, (c) => c.notNull())
        .addPrimaryKeyConstraint('scim_group_members_pk', ['tenant_id', 'group_id', 'member_id'])
        .addForeignKeyConstraint(
          'scim_group_members_group',
          ['tenant_id', 'group_id'],
          'scim_groups',
          ['tenant_id', 'id'],
          (f) => f.onDelete('cascade'),
        )
        .execute()
      await index(db, 'scim_group_members', ['tenant_id', 'member_id', 'group_id'])

      await db.schema
        .createTable('provider_activity')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('tenant_id', text, (c) =>
          c.notNull().references('provider_tenants.id').onDelete('cascade'),
        )
        .addColumn('token_id', text)
        .addColumn('method', text, (c) => c.notNull())
        .addColumn('path', text, (c) => c.notNull())
        .addColumn('resource_type', text)
        .addColumn('resource_id', text)
        .addColumn('status', 'integer', (c) => c.notNull())
        .addColumn('outcome', text, (c) => c.notNull())
        .addColumn('duration_ms', float, (c) => c.notNull())
        .addColumn('at', text, (c) => c.notNull())
        .execute()
      await index(db, 'provider_activity', ['tenant_id', 'at', 'id'])
      if (dialect === 'sqlite') await seedSqlitePlannerStats(db)
    },
  }
}

/**
 * SQLite plans queries without statistics until ANALYZE runs, and then prefers walking a tenant's whole primary key
 * (to skip a sort) over a selective index such as (tenant_id, external_id). Typical statistics for a large tenant
 * (sqlite_stat1 rows: row count, then rows per distinct key prefix) make it pick the selective index from the start.
 */
async function seedSqlitePlannerStats(db: Kysely<unknown>): Promise<void> {
  const stats: [table: string, index: string, stat: string][] = [
    ['scim_users', 'sqlite_autoindex_scim_users_1', '100000 10000 1'],
    ['scim_users', 'sqlite_autoindex_scim_users_2', '100000 10000 1'],
    ['scim_users', 'scim_users_external_id', '100000 10000 2'],
    ['scim_users', 'scim_users_display_name_lower', '100000 10000 5'],
    ['scim_users', 'scim_users_active', '100000 10000 5000'],
    ['scim_users', 'scim_users_created_id', '100000 10000 2 1'],
    ['scim_users', 'scim_users_last_modified_id', '100000 10000 2 1'],
    ['scim_user_emails', 'sqlite_autoindex_scim_user_emails_1', '100000 10000 1 1'],
    ['scim_user_emails', 'scim_user_emails_value_lower', '100000 10000 2'],
    ['scim_groups', 'sqlite_autoindex_scim_groups_1', '10000 1000 1'],
    ['scim_groups', 'sqlite_autoindex_scim_groups_2', '10000 1000 1'],
    ['scim_groups', 'scim_groups_external_id', '10000 1000 2'],
    ['scim_groups', 'scim_groups_created_id', '10000 1000 2 1'],
    ['scim_groups', 'scim_groups_last_modified_id', '10000 1000 2 1'],
    ['scim_group_members', 'sqlite_autoindex_scim_group_members_1', '1000000 100000 100 1'],
    ['scim_group_members', 'scim_group_members_member_id_group_id', '1000000 100000 10 1'],
  ]
  await sql`analyze`.execute(db)
  for (const [table, index, stat] of stats) {
    await sql`delete from sqlite_stat1 where tbl = ${table} and idx = ${index}`.execute(db)
    await sql`insert into sqlite_stat1 (tbl, idx, stat) values (${table}, ${index}, ${stat})`.execute(db)
  }
  // Reloads the statistics into this connection (other connections read them when they open).
  await sql`analyze sqlite_schema`.execute(db)
}

async function index(db: Kysely<unknown>, table: string, columns: string[]): Promise<void> {
  await db.schema
    .createIndex(`${table}_${columns.slice(1).join('_')}`)
    .on(table)
    .columns(columns)
    .execute()
}
