import { randomUUID } from 'node:crypto'
import type { Database } from '../db/database.js'
import * as apps from './apps.js'
import * as assignments from './assignments.js'
import * as feed from './change-feed.js'
import type { DirectoryContext } from './context.js'
import * as groups from './groups.js'
import { deleteObject, purgeExpired, restoreObject } from './lifecycle.js'
import * as memberships from './memberships.js'
import type { Directory, DirectoryGroup, DirectoryOptions, DirectoryUser } from './types.js'
import * as users from './users.js'

const contexts = new WeakMap<Directory, DirectoryContext>()

/**
 * Opens the directory stored in a migrated database.
 *
 * @example const directory = openDirectory(database, { clock: () => new Date('2026-01-01T00:00:00Z') })
 */
export function openDirectory(database: Database, options: DirectoryOptions = {}): Directory {
  const context: DirectoryContext = {
    database,
    clock: options.clock ?? (() => new Date()),
    newId: options.newId ?? randomUUID,
  }
  const db = database.db
  const directory: Directory = {
    createUser: (input) => users.createUser(context, input),
    updateUser: (id, changes) => users.updateUser(context, id, changes),
    deleteUser: (id, opts) => deleteObject(context, 'user', id, opts?.hard === true),
    restoreUser: (id) => restoreObject<DirectoryUser>(context, 'user', id),
    getUser: (id) => users.loadUser(db, id),
    getUsers: (ids) => users.loadUsers(db, ids),
    findUserByUpn: (upn) => users.findUserByUpn(db, upn),
    listUsers: (opts) => users.listUsers(db, opts),

    createGroup: (input) => groups.createGroup(context, input),
    updateGroup: (id, changes) => groups.updateGroup(context, id, changes),
    deleteGroup: (id, opts) => deleteObject(context, 'group', id, opts?.hard === true),
    restoreGroup: (id) => restoreObject<DirectoryGroup>(context, 'group', id),
    getGroup: (id) => groups.loadGroup(db, id),
    getGroups: (ids) => groups.loadGroups(db, ids),
    findGroupByName: (name) => groups.findGroupByName(db, name),
    listGroups: (opts) => groups.listGroups(db, opts),

    addMember: (groupId, memberId) => memberships.addMember(context, groupId, memberId),
    removeMember: (groupId, memberId) => memberships.removeMember(context, groupId, memberId),
    members: (groupId) => memberships.members(db, groupId),
    transitiveUserIds: (groupId) => memberships.transitiveUserIds(db, groupId),
    groupsOf: (memberId) => memberships.groupsOf(db, memberId),

    purgeExpired: () => purgeExpired(context),
    latestSequence: () => feed.latestSequence(db),
    changesSince: (sequence, limit) => feed.changesSince(db, sequence, limit),

    addApp: (input) => apps.addApp(context, input),
    getApp: (id) => apps.getApp(db, id),
    getAppByName: (name) => apps.getAppByName(db, name),
    listApps: () => apps.listApps(db),
    deleteApp: (id) => apps.deleteApp(context, id),
    appRoles: (appId) => apps.appRoles(db, appId),
    findAppRole: (appId, reference) => apps.findAppRole(db, appId, reference),
    addAppRole: (appId, role) => apps.addAppRole(context, appId, role),
    assign: (appId, principal, roleId) => assignments.assign(context, appId, principal, roleId),
    unassign: (appId, principalId) => assignments.unassign(context, appId, principalId),
    assignments: (appId) => assignments.assignments(db, appId),
    assignedUsers: (appId) => assignments.assignedUsers(db, appId),
    userAppRoles: (appId, userId) => assignments.userAppRoles(db, appId, userId),
    isUserAssigned: async (appId, userId) => (await assignments.userAppRoles(db, appId, userId)).length > 0,
  }
  contexts.set(directory, context)
  return directory
}

/** The context behind a directory from openDirectory (for bulk operations that work below the object API). */
export function contextOf(directory: Directory): DirectoryContext {
  const context = contexts.get(directory)
  if (!context) throw new TypeError('not a directory from openDirectory()')
  return context
}
