import {
  DEFAULT_ACCESS_ROLE_ID,
  type DirectoryGroup,
  type DirectoryUser,
  type RoleAssignment,
} from '../../directory/types.js'
import { isInScope } from '../scoping/index.js'
import type { CycleContext } from './cycle-context.js'
import type { SyncItem } from './object-sync.js'
import { groupSource, userSource } from './source-objects.js'

/** Beyond this many users, roles are read for the whole app at once instead of user by user. */
const PER_USER_ROLE_LOOKUPS = 300

/**
 * Decides which users and groups are in the job's scope: assigned (directly or through a group; Default Access alone
 * does not count where the template says so) or all, not soft-deleted, and passing the scoping filter.
 */
export class ScopeReader {
  readonly #ctx: CycleContext
  #allRoles: Map<string, RoleAssignment[]> | undefined
  #assignedGroups: Set<string> | undefined

  constructor(ctx: CycleContext) {
    this.#ctx = ctx
  }

  /** Ids of the users assigned to the app, sorted (the candidates of an initial cycle in assigned scope). */
  async assignedUserIds(): Promise<string[]> {
    const roles = await this.#roleIndex()
    return [...roles.keys()].sort()
  }

  /** Ids of the groups assigned to the app, sorted. */
  async assignedGroupIds(): Promise<string[]> {
    return [...(await this.#groupIndex())].sort()
  }

  /** Sync items for users by id (unknown ids are hard-deleted). */
  async userItems(ids: readonly string[]): Promise<SyncItem[]> {
    const { directory, job } = this.#ctx
    const users = new Map((await directory.getUsers(ids)).map((u) => [u.id, u]))
    const roles =
      job.scope === 'assigned' && ids.length <= PER_USER_ROLE_LOOKUPS && !this.#allRoles
        ? new Map(
            await Promise.all(
              ids.map(
                async (id) => [id, this.#effective(await directory.userAppRoles(job.appId, id))] as const,
              ),
            ),
          )
        : await this.#roleIndex()
    return ids.map((id) => this.#userItem(id, users.get(id), roles.get(id) ?? []))
  }

  /** Sync items for groups by id. */
  async groupItems(ids: readonly string[]): Promise<SyncItem[]> {
    const groups = new Map((await this.#ctx.directory.getGroups(ids)).map((g) => [g.id, g]))
    const assigned = this.#ctx.job.scope === 'assigned' ? await this.#groupIndex() : undefined
    return ids.map((id) => this.#groupItem(id, groups.get(id), assigned))
  }

  #userItem(id: string, user: DirectoryUser | undefined, roles: RoleAssignment[]): SyncItem {
    if (!user) return { sourceId: id, source: null, inScope: false }
    const assigned = this.#ctx.job.scope === 'all' || roles.length > 0
    const outOfScope = user.deletedAt !== null || !assigned
    const source = userSource(user, roles, outOfScope)
    const inScope = !outOfScope && isInScope(this.#ctx.job.userMappings.scoping, source)
    return { sourceId: id, source: inScope ? source : { ...source, IsSoftDeleted: true }, inScope }
  }

  #groupItem(id: string, group: DirectoryGroup | undefined, assigned: Set<string> | undefined): SyncItem {
    if (!group) return { sourceId: id, source: null, inScope: false }
    const set = this.#ctx.job.groupMappings
    const outOfScope =
      group.deletedAt !== null || !set.enabled || (assigned !== undefined && !assigned.has(id))
    const source = groupSource(group, [], outOfScope)
    return { sourceId: id, source, inScope: !outOfScope && isInScope(set.scoping, source) }
  }

  #effective(roles: RoleAssignment[]): RoleAssignment[] {
    return this.#ctx.job.excludeDefaultAccess
      ? roles.filter((r) => r.roleId !== DEFAULT_ACCESS_ROLE_ID)
      : roles
  }

  async #roleIndex(): Promise<Map<string, RoleAssignment[]>> {
    if (!this.#allRoles) {
      const map = new Map<string, RoleAssignment[]>()
      for (const a of await this.#ctx.directory.assignedUsers(this.#ctx.job.appId)) {
        const roles = this.#effective(a.roles)
        if (roles.length > 0) map.set(a.userId, roles)
      }
      this.#allRoles = map
    }
    return this.#allRoles
  }

  async #groupIndex(): Promise<Set<string>> {
    if (!this.#assignedGroups) {
      const assignments = await this.#ctx.directory.assignments(this.#ctx.job.appId)
      this.#assignedGroups = new Set(
        assignments.filter((a) => a.principalType === 'group').map((a) => a.principalId),
      )
    }
    return this.#assignedGroups
  }
}
