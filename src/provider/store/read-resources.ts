import type { Kysely } from 'kysely'
import type { Tables } from '../../db/tables/index.js'
import type { ScimResource } from '../../scim/schema/types.js'
import { type GroupValue, groupsInOrder, loadGroupsOf, loadMembers } from './membership.js'
import { type StoredResource, type StoredRow, toResource } from './resource-rows.js'
import type { ReadOptions, ResourceTypeName } from './types.js'

/** A stored row, with its User's groups when the statement read them (groupsColumn). */
export type ReadRow = StoredRow & { groups_json?: string | GroupValue[] }

/**
 * Stored resources from their rows, with the derived attributes asked for: a Group's `members` (unless
 * includeMembers is false) or a User's `groups` (unless includeGroups is false; none for a User in no group), read
 * for all rows in one batch, or taken from the rows' `groups_json` column (groupsColumn) when the statement that read
 * them had it.
 */
export async function readStored(
  db: Kysely<Tables>,
  tenantId: string,
  type: ResourceTypeName,
  rows: readonly ReadRow[],
  options: ReadOptions = {},
): Promise<StoredResource[]> {
  const skip = type === 'Group' ? options.includeMembers === false : options.includeGroups === false
  if (skip || rows.length === 0) return rows.map((row) => ({ type, row }))
  if (type === 'User' && rows.every((r) => r.groups_json !== undefined)) {
    return rows.map((row) => ({ type, row, derived: someGroups(groupsInOrder(row.groups_json!)) }))
  }
  const ids = rows.map((r) => r.id)
  if (type === 'Group') {
    const members = await loadMembers(db, tenantId, ids)
    return rows.map((row) => ({ type, row, derived: members.get(row.id) }))
  }
  const groups = await loadGroupsOf(db, tenantId, ids)
  return rows.map((row) => ({ type, row, derived: someGroups(groups.get(row.id)!) }))
}

/** A User's groups, or undefined when there are none: an answer shows no `groups` then. */
function someGroups(groups: string | GroupValue[]): string | GroupValue[] | undefined {
  return groups === '[]' || groups.length === 0 ? undefined : groups
}

/** The resources of some rows (readStored, parsed). */
export async function readResources(
  db: Kysely<Tables>,
  tenantId: string,
  type: ResourceTypeName,
  rows: readonly ReadRow[],
  options: ReadOptions = {},
): Promise<ScimResource[]> {
  return (await readStored(db, tenantId, type, rows, options)).map(toResource)
}
