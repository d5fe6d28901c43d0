import { type DirectoryContext, type Executor, writeTransaction } from './context.js'
import { DirectoryError } from './errors.js'
import { listObjects, loadObjects } from './object-reads.js'
import type { DirectoryUser, ListOptions, UserChanges, UserInput } from './types.js'
import { applyUserChanges, blankUser, upnKey, userFromRow, userToRow } from './user-attributes.js'

/** Creates a person; see Directory.createUser. */
export async function createUser(context: DirectoryContext, input: UserInput): Promise<DirectoryUser> {
  if (typeof input?.userPrincipalName !== 'string') {
    throw new DirectoryError('DIRECTORY_INVALID_INPUT', 'a user needs a userPrincipalName (alias@domain)')
  }
  return writeTransaction(
    context,
    async (trx, log) => {
      const { user } = applyUserChanges(blankUser(context.newId(), '', log.now), input)
      if (user.managerId) await assertManager(trx, user.managerId)
      await trx.insertInto('directory_users').values(userToRow(user)).execute()
      log.record({ objectType: 'user', objectId: user.id, kind: 'created' })
      return user
    },
    `a user with userPrincipalName ${input.userPrincipalName} already exists`,
  )
}

/** Changes the attributes that differ; see Directory.updateUser. */
export async function updateUser(
  context: DirectoryContext,
  id: string,
  changes: UserChanges,
): Promise<DirectoryUser> {
  return writeTransaction(
    context,
    async (trx, log) => {
      const current = await liveUser(trx, id)
      const { user, changed } = applyUserChanges(current, changes)
      if (changed.length === 0) return current
      if (changed.includes('managerId') && user.managerId) await assertManager(trx, user.managerId)
      user.updatedAt = log.now
      const { id: _id, created_at: _created, ...row } = userToRow(user)
      await trx.updateTable('directory_users').set(row).where('id', '=', id).execute()
      log.record({ objectType: 'user', objectId: id, kind: 'updated', attributes: changed })
      return user
    },
    `a user with userPrincipalName ${changes?.userPrincipalName} already exists`,
  )
}

/** A person by id, soft-deleted included. */
export async function loadUser(db: Executor, id: string): Promise<DirectoryUser | undefined> {
  const row = await db.selectFrom('directory_users').selectAll().where('id', '=', id).executeTakeFirst()
  return row && userFromRow(row)
}

/** People by ids, soft-deleted included. */
export async function loadUsers(db: Executor, ids: readonly string[]): Promise<DirectoryUser[]> {
  return loadObjects(db, 'directory_users', ids, userFromRow)
}

/** A person by userPrincipalName ignoring case, soft-deleted included. */
export async function findUserByUpn(
  db: Executor,
  userPrincipalName: string,
): Promise<DirectoryUser | undefined> {
  const row = await db
    .selectFrom('directory_users')
    .selectAll()
    .where('upn_key', '=', upnKey(userPrincipalName))
    .executeTakeFirst()
  return row && userFromRow(row)
}

/** One page of people ordered by id. */
export async function listUsers(db: Executor, options: ListOptions = {}): Promise<DirectoryUser[]> {
  return listObjects(db, 'directory_users', options, userFromRow)
}

/** A person that exists and is not soft-deleted, for changing it. */
async function liveUser(trx: Executor, id: string): Promise<DirectoryUser> {
  const user = await loadUser(trx, id)
  if (!user) throw new DirectoryError('DIRECTORY_NOT_FOUND', `no user with id ${id}`)
  if (user.deletedAt) {
    throw new DirectoryError(
      'DIRECTORY_CONFLICT',
      `user ${user.userPrincipalName} is deleted; restore it before changing it`,
    )
  }
  return user
}

/** Checks that a manager reference names a user that exists and is not deleted. */
async function assertManager(db: Executor, managerId: string): Promise<void> {
  const manager = await loadUser(db, managerId)
  if (!manager || manager.deletedAt) {
    throw new DirectoryError(
      'DIRECTORY_INVALID_INPUT',
      `managerId ${managerId} does not name an existing user`,
    )
  }
}
