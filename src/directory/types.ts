/** The attributes of a person, as an Entra admin knows them. Optional text attributes are `null` when unset. */
export interface UserAttributes {
  /** Sign-in name, unique ignoring case (`ada@example.com`). */
  userPrincipalName: string
  mail: string | null
  givenName: string | null
  surname: string | null
  displayName: string | null
  jobTitle: string | null
  department: string | null
  employeeId: string | null
  /** Another user's id, or null. */
  managerId: string | null
  accountEnabled: boolean
  companyName: string | null
  officeLocation: string | null
  city: string | null
  country: string | null
  mobilePhone: string | null
  businessPhones: string[]
  preferredLanguage: string | null
  usageLocation: string | null
  employeeType: string | null
  /** ISO-8601 date or date-time, as given. */
  employeeHireDate: string | null
  /** `extensionAttribute1`..`extensionAttribute15` and custom names (`extension_<app>_<name>`), text values. */
  extensionAttributes: Record<string, string>
}

/** A person in the directory. */
export interface DirectoryUser extends UserAttributes {
  /** Generated, GUID-like, never reused. */
  id: string
  createdAt: string
  updatedAt: string
  /** When it was soft-deleted (restorable for 30 days), or null. */
  deletedAt: string | null
}

/** What `createUser` takes: the userPrincipalName and any other attributes (unset ones are null; accountEnabled defaults to true). */
export type UserInput = Pick<UserAttributes, 'userPrincipalName'> &
  Partial<Omit<UserAttributes, 'userPrincipalName'>>

/**
 * What `updateUser` takes: only the attributes to change. `extensionAttributes` is merged key by key; a `null` value
 * removes that key.
 */
export type UserChanges = Partial<Omit<UserAttributes, 'extensionAttributes'>> & {
  extensionAttributes?: Record<string, string | null>
}

/** A group. Display names are unique ignoring case (import matches groups by displayName). */
export interface DirectoryGroup {
  id: string
  displayName: string
  description: string | null
  mail: string | null
  mailNickname: string | null
  createdAt: string
  updatedAt: string
  deletedAt: string | null
}

/** What `createGroup` takes. */
export interface GroupInput {
  displayName: string
  description?: string | null
  mail?: string | null
  mailNickname?: string | null
}

/** What `updateGroup` takes: only the attributes to change. */
export type GroupChanges = Partial<GroupInput>

export type MemberType = 'user' | 'group'

/** A direct member of a group. */
export interface GroupMember {
  id: string
  type: MemberType
}

/** What happened to an object. */
export type ChangeKind =
  | 'created'
  | 'updated'
  | 'soft-deleted'
  | 'restored'
  | 'hard-deleted'
  | 'member-added'
  | 'member-removed'
  | 'assigned'
  | 'unassigned'
  | 'role-changed'

/**
 * One entry of the change feed.
 * - user/group `created`, `updated` (with `attributes`), `soft-deleted`, `restored`, `hard-deleted`:
 *   `objectType`/`objectId` name the object.
 * - `member-added` / `member-removed`: `objectType` is 'group', `objectId` the group; `memberId`/`memberType` the member.
 * - `assigned` / `unassigned` / `role-changed`: `objectType`/`objectId` name the principal (user or group); `appId` the
 *   app; `roleId` the role (the new one for `role-changed`, the removed one for `unassigned`).
 */
export interface DirectoryChange {
  /** Monotonically increasing; may have gaps (rolled-back transactions), never goes back. */
  sequence: number
  at: string
  objectType: MemberType
  objectId: string
  kind: ChangeKind
  /** For `updated`: the names of the attributes that changed (`extensionAttributes.<name>` for extension attributes). */
  attributes: string[]
  memberId: string | null
  memberType: MemberType | null
  appId: string | null
  roleId: string | null
}

/** An app instance (an enterprise app added from a template of the engine's gallery). Names are unique ignoring case. */
export interface DirectoryApp {
  id: string
  name: string
  templateId: string
  createdAt: string
}

/** Id of the "User" role every app has; the default role of an assignment. */
export const USER_ROLE_ID = 'user'
/** Id of the "Default Access" role every app has. */
export const DEFAULT_ACCESS_ROLE_ID = 'default-access'

/** A role of an app. Every app has "User" (`user`, value `User`) and "Default Access" (`default-access`, value `msiam_access`). */
export interface AppRole {
  id: string
  appId: string
  name: string
  value: string | null
  description: string | null
}

/** What `addApp` / `addAppRole` take for a role. Without an id, one is generated. */
export interface AppRoleInput {
  id?: string
  name: string
  value?: string | null
  description?: string | null
}

/** What `addApp` takes. `templateId` is stored as given (the engine's gallery owns templates). */
export interface AppInput {
  name: string
  templateId: string
  roles?: AppRoleInput[]
}

/** A user or a group assigned to an app with one role (re-assigning changes the role). */
export interface AppAssignment {
  appId: string
  principalId: string
  principalType: MemberType
  roleId: string
  createdAt: string
  updatedAt: string
}

/** Whom to assign: a user or a group. */
export type AssignmentPrincipal = { userId: string } | { groupId: string }

/** One role a user holds in an app, and where it comes from. */
export interface RoleAssignment {
  roleId: string
  roleName: string
  roleValue: string | null
  /** 'direct' for an assignment of the user; otherwise the id of the assigned group the user is (transitively) in. */
  via: 'direct' | string
}

/** A user in an app's assignment scope, with every role it holds there (sorted by roleId, then via). */
export interface AssignedUser {
  userId: string
  roles: RoleAssignment[]
}

/** Options of `listUsers` / `listGroups`: keyset pagination ordered by id. */
export interface ListOptions {
  /** Include soft-deleted objects (default false). */
  includeDeleted?: boolean
  /** Only objects whose id sorts after this one (the last id of the previous page). */
  afterId?: string
  /** At most this many (default 1,000). */
  limit?: number
}

/** What `purgeExpired` removed. */
export interface PurgeResult {
  users: number
  groups: number
}

/**
 * The directory: people, groups (nested), memberships, apps, roles, assignments and the change feed.
 * Every write runs in one transaction together with its change-feed rows. Reads of relationships (members, groupsOf,
 * transitiveUserIds, assignedUsers) leave soft-deleted users and groups out.
 * Errors are `DirectoryError` with a `code` (see errors.ts).
 */
export interface Directory {
  /** Creates a person. DIRECTORY_CONFLICT if the userPrincipalName is taken (also by a soft-deleted user). */
  createUser(input: UserInput): Promise<DirectoryUser>
  /** Changes the given attributes; only those that really differ are stored and recorded. No difference, no change row. */
  updateUser(id: string, changes: UserChanges): Promise<DirectoryUser>
  /**
   * Soft-deletes (restorable for 30 days), or with `hard: true` removes the user with its memberships and assignments
   * (recorded as member-removed / unassigned, then hard-deleted) and clears the manager of its reports (recorded as updated).
   */
  deleteUser(id: string, options?: { hard?: boolean }): Promise<void>
  /** Restores a soft-deleted user. DIRECTORY_NOT_RESTORABLE after 30 days; DIRECTORY_NOT_FOUND if hard-deleted. */
  restoreUser(id: string): Promise<DirectoryUser>
  /** A user by id, soft-deleted ones included (with `deletedAt`); undefined if there is none. */
  getUser(id: string): Promise<DirectoryUser | undefined>
  /** Users by ids (soft-deleted included), in no particular order; unknown ids are left out. */
  getUsers(ids: readonly string[]): Promise<DirectoryUser[]>
  /** A user by userPrincipalName ignoring case, soft-deleted ones included. */
  findUserByUpn(userPrincipalName: string): Promise<DirectoryUser | undefined>
  /** One page of users ordered by id. */
  listUsers(options?: ListOptions): Promise<DirectoryUser[]>

  /** Creates a group. DIRECTORY_CONFLICT if the displayName is taken ignoring case. */
  createGroup(input: GroupInput): Promise<DirectoryGroup>
  /** Changes the given attributes; no difference, no change row. */
  updateGroup(id: string, changes: GroupChanges): Promise<DirectoryGroup>
  /** Soft-deletes, or with `hard: true` removes the group with its memberships (both ways) and assignments. */
  deleteGroup(id: string, options?: { hard?: boolean }): Promise<void>
  /** Restores a soft-deleted group (within 30 days). */
  restoreGroup(id: string): Promise<DirectoryGroup>
  /** A group by id, soft-deleted ones included. */
  getGroup(id: string): Promise<DirectoryGroup | undefined>
  /** Groups by ids (soft-deleted included); unknown ids are left out. */
  getGroups(ids: readonly string[]): Promise<DirectoryGroup[]>
  /** A group by displayName ignoring case. */
  findGroupByName(displayName: string): Promise<DirectoryGroup | undefined>
  /** One page of groups ordered by id. */
  listGroups(options?: ListOptions): Promise<DirectoryGroup[]>

  /** Adds a user or group (found by id) to a group; already a member is a no-op. DIRECTORY_MEMBERSHIP_CYCLE if nesting would loop. */
  addMember(groupId: string, memberId: string): Promise<void>
  /** Removes a direct member; not a member is a no-op. */
  removeMember(groupId: string, memberId: string): Promise<void>
  /** Direct members of a group that are not soft-deleted, ordered by id. */
  members(groupId: string): Promise<GroupMember[]>
  /**
   * Ids of the users in a group or in its nested groups (not soft-deleted), sorted, each once. The group itself is
   * followed even when soft-deleted, so a caller can find whose scope its deletion or restore changed.
   */
  transitiveUserIds(groupId: string): Promise<string[]>
  /** Groups (not soft-deleted) a user or group is a direct member of, ordered by id. */
  groupsOf(memberId: string): Promise<DirectoryGroup[]>

  /** Hard-deletes users and groups soft-deleted more than 30 days ago, recording the changes. */
  purgeExpired(): Promise<PurgeResult>

  /** Sequence number of the latest change, 0 when there is none. */
  latestSequence(): Promise<number>
  /** Changes with a sequence above `sequence`, ascending, at most `limit` (default 1,000). */
  changesSince(sequence: number, limit?: number): Promise<DirectoryChange[]>

  /** Adds an app with the roles "User" and "Default Access" plus `roles`. DIRECTORY_CONFLICT if the name is taken. */
  addApp(input: AppInput): Promise<DirectoryApp>
  getApp(id: string): Promise<DirectoryApp | undefined>
  /** An app by name ignoring case. */
  getAppByName(name: string): Promise<DirectoryApp | undefined>
  /** Every app, ordered by name. */
  listApps(): Promise<DirectoryApp[]>
  /** Removes an app with its roles and assignments (each recorded as unassigned). */
  deleteApp(id: string): Promise<void>
  /** The roles of an app, "User" and "Default Access" first. */
  appRoles(appId: string): Promise<AppRole[]>
  /** A role of an app by id, value or name (ignoring case), in that order of preference. */
  findAppRole(appId: string, reference: string): Promise<AppRole | undefined>
  /** Adds a role to an app. DIRECTORY_CONFLICT if an id or name (ignoring case) is taken. */
  addAppRole(appId: string, role: AppRoleInput): Promise<AppRole>
  /** Assigns a user or group with a role (default "User"); re-assigning with another role changes it. */
  assign(appId: string, principal: AssignmentPrincipal, roleId?: string): Promise<AppAssignment>
  /** Removes the assignment of a user or group; none is a no-op. */
  unassign(appId: string, principalId: string): Promise<void>
  /** Every assignment of an app, soft-deleted principals included, ordered by principal id. */
  assignments(appId: string): Promise<AppAssignment[]>
  /**
   * Every user in the app's assignment scope (assigned directly or through a group, nested groups included), not
   * soft-deleted, sorted by userId, with all its roles. Users holding only Default Access are included: leaving them
   * out is the engine's call per template.
   */
  assignedUsers(appId: string): Promise<AssignedUser[]>
  /** The roles of one user in an app (empty if not in scope). */
  userAppRoles(appId: string, userId: string): Promise<RoleAssignment[]>
  /** Whether a user is in the app's assignment scope. */
  isUserAssigned(appId: string, userId: string): Promise<boolean>
}

/** Options of `openDirectory`: what tests control. */
export interface DirectoryOptions {
  /** Defaults to `() => new Date()`. */
  clock?: () => Date
  /** Defaults to `crypto.randomUUID`. */
  newId?: () => string
}

/** A user record of an import: attribute names as keys, `manager` as the manager's userPrincipalName. Values are validated by the import. */
export type ImportUserRecord = Record<string, unknown>

/** A group record of an import: `members` lists userPrincipalNames and group displayNames (the complete member list). */
export interface ImportGroupRecord {
  displayName?: unknown
  description?: unknown
  mail?: unknown
  mailNickname?: unknown
  members?: unknown
}

/** What `importDirectory` takes (what `parseImportJson` / `parseImportCsv` produce). */
export interface ImportData {
  users?: ImportUserRecord[]
  groups?: ImportGroupRecord[]
  /** The source row of each user record (the CSV line it ends on); without it users count from 1. */
  userRows?: number[]
}

/** A record the import skipped, and why. */
export interface ImportError {
  section: 'users' | 'groups'
  /** CSV line number, or position in the list counted from 1. */
  row: number
  /** The userPrincipalName or displayName, when the record has one. */
  key?: string
  message: string
}

/** What an import did. Counts cover users and groups together. */
export interface ImportResult {
  created: number
  updated: number
  unchanged: number
  errors: ImportError[]
}
