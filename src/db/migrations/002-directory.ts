import type { Kysely, Migration } from 'kysely'
import type { SqlDialect } from '../database.js'

const USER_TEXT_COLUMNS = [
  'mail',
  'given_name',
  'surname',
  'display_name',
  'job_title',
  'department',
  'employee_id',
  'manager_id',
  'company_name',
  'office_location',
  'city',
  'country',
  'mobile_phone',
  'preferred_language',
  'usage_location',
  'employee_type',
  'employee_hire_date',
]

/** Tables of the directory layer: users, groups, memberships, the change feed, apps, app roles and assignments. */
export function directoryMigration(dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      let users = db.schema
        .createTable('directory_users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_principal_name', 'text', (c) => c.notNull())
        .addColumn('upn_key', 'text', (c) => c.notNull().unique())
      for (const column of USER_TEXT_COLUMNS) users = users.addColumn(column, 'text')
      await users
        .addColumn('account_enabled', 'integer', (c) => c.notNull())
        .addColumn('business_phones', 'text', (c) => c.notNull())
        .addColumn('extension_attributes', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .execute()
      await db.schema
        .createIndex('directory_users_manager')
        .on('directory_users')
        .column('manager_id')
        .execute()
      await db.schema
        .createIndex('directory_users_deleted')
        .on('directory_users')
        .column('deleted_at')
        .execute()

      await db.schema
        .createTable('directory_groups')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('name_key', 'text', (c) => c.notNull().unique())
        .addColumn('description', 'text')
        .addColumn('mail', 'text')
        .addColumn('mail_nickname', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .execute()
      await db.schema
        .createIndex('directory_groups_deleted')
        .on('directory_groups')
        .column('deleted_at')
        .execute()

      await db.schema
        .createTable('directory_memberships')
        .addColumn('group_id', 'text', (c) => c.notNull())
        .addColumn('member_id', 'text', (c) => c.notNull())
        .addColumn('member_type', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('directory_memberships_pk', ['group_id', 'member_id'])
        .execute()
      await db.schema
        .createIndex('directory_memberships_member')
        .on('directory_memberships')
        .column('member_id')
        .execute()

      await db.schema
        .createTable('directory_changes')
        .addColumn('sequence', dialect === 'sqlite' ? 'integer' : 'bigint', (c) =>
          dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedAlwaysAsIdentity(),
        )
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('object_type', 'text', (c) => c.notNull())
        .addColumn('object_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('attributes', 'text')
        .addColumn('member_id', 'text')
        .addColumn('member_type', 'text')
        .addColumn('app_id', 'text')
        .addColumn('role_id', 'text')
        .execute()

      await db.schema
        .createTable('directory_apps')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_key', 'text', (c) => c.notNull().unique())
        .addColumn('template_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute()

      await db.schema
        .createTable('directory_app_roles')
        .addColumn('app_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_key', 'text', (c) => c.notNull())
        .addColumn('value', 'text')
        .addColumn('description', 'text')
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('directory_app_roles_pk', ['app_id', 'id'])
        .addUniqueConstraint('directory_app_roles_name', ['app_id', 'name_key'])
        .execute()

      await db.schema
        .createTable('directory_assignments')
        .addColumn('app_id', 'text', (c) => c.notNull())
        .addColumn('principal_id', 'text', (c) => c.notNull())
        .addColumn('principal_type', 'text', (c) => c.notNull())
        .addColumn('role_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('directory_assignments_pk', ['app_id', 'principal_id'])
        .execute()
      await db.schema
        .createIndex('directory_assignments_principal')
        .on('directory_assignments')
        .column('principal_id')
        .execute()
    },
  }
}
