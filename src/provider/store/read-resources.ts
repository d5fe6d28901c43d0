import type { Kysely } from 'kysely'
import type { Tables } from '../../db/tables/index.js'
import type { ScimResource } from '../../scim/schema/types.js'
import { type GroupValue, groupsFromColumn, loadGroupsOf, loadMembers } from './membership.js'
import { type StoredRow, toResource } from './resource-rows.js'
import type { ReadOptions, ResourceTypeName } from './types.js'

/** A stored row, with its User's groups when the statement read them (groupsColumn). */
export type ReadRow = StoredRow & { groups_json?: unknown }

/**
 * Resources from their rows, with the derived attributes asked for: a Group's `members` (unless includeMembers is
 * false) or a User's `groups` (unless includeGroups is false), read for all rows in one batch, or taken from the rows'
 * `groups_json` column (groupsColumn) when the statement that read them had it.
 */
export async function readResources(
  db: Kysely<Tables>,
  tenantId: string,
  type: ResourceTypeName,
  rows: readonly ReadRow[],
  options: ReadOptions = {},
): Promise<ScimResource[]> {
  if (type === 'Group') {
    if (options.includeMembers === false || rows.length === 0) return rows.map((r) => toResource(type, r))
    const members = await loadMembers(db, tenantId, idsOf(rows))
    return rows.map((r) => toResource(type, r, { members: members.get(r.id) }))
  }
  if (options.includeGroups === false || rows.length === 0) return rows.map((r) => toResource(type, r))
  if (rows.every((r) => r.groups_json !== undefined)) {
    return rows.map((r) => withGroups(r, groupsFromColumn(r.groups_json)))
  }
  const groups = await loadGroupsOf(db, tenantId, idsOf(rows))
  return rows.map((r) => withGroups(r, groups.get(r.id)!))
}

/** The ids of some rows. */
function idsOf(rows: readonly ReadRow[]): string[] {
  return rows.map((r) => r.id)
}

/** A User with its groups (`groups` left out when there are none). */
function withGroups(row: StoredRow, groups: GroupValue[]): ScimResource {
  return toResource('User', row, groups.length > 0 ? { groups } : undefined)
}
