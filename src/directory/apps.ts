import type { Selectable } from 'kysely'
import type { DirectoryAppRoleRow } from '../db/tables/directory-tables.js'
import { type ChangeLog, type DirectoryContext, type Executor, writeTransaction } from './context.js'
import { DirectoryError } from './errors.js'
import {
  type AppInput,
  type AppRole,
  type AppRoleInput,
  DEFAULT_ACCESS_ROLE_ID,
  type DirectoryApp,
  USER_ROLE_ID,
} from './types.js'

/** The roles every app has, before those of its template. */
const BUILT_IN_ROLES: AppRoleInput[] = [
  { id: USER_ROLE_ID, name: 'User', value: 'User', description: 'Default role of an assignment' },
  {
    id: DEFAULT_ACCESS_ROLE_ID,
    name: 'Default Access',
    value: 'msiam_access',
    description: 'Access without an app-specific role; some templates leave these users out of provisioning',
  },
]

/** Adds an app with the built-in roles and the given ones; see Directory.addApp. */
export async function addApp(context: DirectoryContext, input: AppInput): Promise<DirectoryApp> {
  const name = requiredText(input?.name, 'an app needs a name')
  const templateId = requiredText(
    input?.templateId,
    'an app needs a templateId (the gallery template it was added from)',
  )
  if (input.roles !== undefined && !Array.isArray(input.roles))
    invalid('roles must be a list of { name, value, description }')
  return writeTransaction(
    context,
    async (trx) => {
      const app: DirectoryApp = {
        id: context.newId(),
        name,
        templateId,
        createdAt: context.clock().toISOString(),
      }
      await trx
        .insertInto('directory_apps')
        .values({
          id: app.id,
          name,
          name_key: name.toLowerCase(),
          template_id: templateId,
          created_at: app.createdAt,
        })
        .execute()
      for (const role of [...BUILT_IN_ROLES, ...(input.roles ?? [])])
        await insertRole(context, trx, app.id, role)
      return app
    },
    `an app named ${name} already exists, or two of its roles have the same id or name`,
  )
}

/** Adds a role to an app; see Directory.addAppRole. */
export async function addAppRole(
  context: DirectoryContext,
  appId: string,
  role: AppRoleInput,
): Promise<AppRole> {
  return writeTransaction(
    context,
    async (trx) => {
      await requireApp(trx, appId)
      return insertRole(context, trx, appId, role)
    },
    `app ${appId} already has a role with id ${role?.id} or name ${role?.name}`,
  )
}

/** Removes an app with its roles and assignments; see Directory.deleteApp. */
export async function deleteApp(context: DirectoryContext, id: string): Promise<void> {
  await writeTransaction(context, async (trx, log: ChangeLog) => {
    await requireApp(trx, id)
    const assignments = await trx
      .selectFrom('directory_assignments')
      .selectAll()
      .where('app_id', '=', id)
      .orderBy('principal_id')
      .execute()
    for (const a of assignments) {
      log.record({
        objectType: a.principal_type,
        objectId: a.principal_id,
        kind: 'unassigned',
        appId: id,
        roleId: a.role_id,
      })
    }
    await trx.deleteFrom('directory_assignments').where('app_id', '=', id).execute()
    await trx.deleteFrom('directory_app_roles').where('app_id', '=', id).execute()
    await trx.deleteFrom('directory_apps').where('id', '=', id).execute()
  })
}

/** An app by id. */
export async function getApp(db: Executor, id: string): Promise<DirectoryApp | undefined> {
  const row = await db.selectFrom('directory_apps').selectAll().where('id', '=', id).executeTakeFirst()
  return row && { id: row.id, name: row.name, templateId: row.template_id, createdAt: row.created_at }
}

/** An app by name ignoring case. */
export async function getAppByName(db: Executor, name: string): Promise<DirectoryApp | undefined> {
  const row = await db
    .selectFrom('directory_apps')
    .select('id')
    .where('name_key', '=', name.toLowerCase())
    .executeTakeFirst()
  return row && getApp(db, row.id)
}

/** Every app ordered by name. */
export async function listApps(db: Executor): Promise<DirectoryApp[]> {
  const rows = await db.selectFrom('directory_apps').selectAll().orderBy('name_key').execute()
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    templateId: row.template_id,
    createdAt: row.created_at,
  }))
}

/** The roles of an app in the order they were added (built-in ones first). */
export async function appRoles(db: Executor, appId: string): Promise<AppRole[]> {
  const rows = await db
    .selectFrom('directory_app_roles')
    .selectAll()
    .where('app_id', '=', appId)
    .orderBy('position')
    .execute()
  return rows.map(roleFromRow)
}

/** A role of an app by id, else value, else name, ignoring case. */
export async function findAppRole(
  db: Executor,
  appId: string,
  reference: string,
): Promise<AppRole | undefined> {
  const roles = await appRoles(db, appId)
  const wanted = reference.toLowerCase()
  return (
    roles.find((r) => r.id === reference) ??
    roles.find((r) => r.id.toLowerCase() === wanted) ??
    roles.find((r) => r.value?.toLowerCase() === wanted) ??
    roles.find((r) => r.name.toLowerCase() === wanted)
  )
}

/** An app that exists, else DIRECTORY_NOT_FOUND. */
export async function requireApp(db: Executor, id: string): Promise<DirectoryApp> {
  const app = await getApp(db, id)
  if (!app) throw new DirectoryError('DIRECTORY_NOT_FOUND', `no app with id ${id}`)
  return app
}

async function insertRole(
  context: DirectoryContext,
  trx: Executor,
  appId: string,
  role: AppRoleInput,
): Promise<AppRole> {
  if (typeof role !== 'object' || role === null)
    invalid('a role must be an object { name, value, description }')
  const name = requiredText(role.name, 'a role needs a name')
  for (const key of ['id', 'value', 'description'] as const) {
    const v = role[key]
    if (v !== undefined && v !== null && typeof v !== 'string')
      invalid(`role ${key} must be text (got ${JSON.stringify(v)})`)
  }
  const last = await trx
    .selectFrom('directory_app_roles')
    .select((eb) => eb.fn.max('position').as('position'))
    .where('app_id', '=', appId)
    .executeTakeFirst()
  const row = {
    app_id: appId,
    id: role.id || context.newId(),
    name,
    name_key: name.toLowerCase(),
    value: role.value || null,
    description: role.description || null,
    position: Number(last?.position ?? -1) + 1,
  }
  await trx.insertInto('directory_app_roles').values(row).execute()
  return roleFromRow(row)
}

function roleFromRow(row: Selectable<DirectoryAppRoleRow>): AppRole {
  return { id: row.id, appId: row.app_id, name: row.name, value: row.value, description: row.description }
}

function requiredText(value: unknown, message: string): string {
  if (typeof value !== 'string' || value.trim() === '') invalid(message)
  return (value as string).trim()
}

function invalid(message: string): never {
  throw new DirectoryError('DIRECTORY_INVALID_INPUT', message)
}
