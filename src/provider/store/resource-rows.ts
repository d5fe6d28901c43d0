import type { ScimGroupRow, ScimUserEmailRow, ScimUserRow } from '../../db/tables/provider-tables.js'
import type { ScimResource } from '../../scim/schema/types.js'
import { InvalidValueError } from './errors.js'
import type { ResourceTypeName } from './types.js'

/** Attributes the store owns and never keeps in `data`: id and meta, and the derived groups / stored members. */
const OWNED: Record<ResourceTypeName, ReadonlySet<string>> = {
  User: new Set(['id', 'meta', 'groups']),
  Group: new Set(['id', 'meta', 'members']),
}

/** The value of a top-level attribute, name ignoring case (the scim core canonicalises, this is a safety net). */
export function attributeValue(resource: ScimResource, name: string): unknown {
  if (name in resource) return resource[name]
  const lower = name.toLowerCase()
  for (const key of Object.keys(resource)) if (key.toLowerCase() === lower) return resource[key]
  return undefined
}

function optionalString(resource: ScimResource, name: string): string | null {
  const value = attributeValue(resource, name)
  return typeof value === 'string' ? value : null
}

/** The JSON kept in `data`: the resource without the attributes the store owns. */
export function resourceData(type: ResourceTypeName, resource: ScimResource): string {
  const owned = OWNED[type]
  const data: ScimResource = {}
  for (const [key, value] of Object.entries(resource)) {
    if (!owned.has(key.toLowerCase())) data[key] = value
  }
  return JSON.stringify(data)
}

export type UserColumns = Pick<
  ScimUserRow,
  'user_name' | 'user_name_lower' | 'external_id' | 'display_name' | 'display_name_lower' | 'active' | 'data'
>

/** The indexed columns and data of a User row. Throws InvalidValueError without a userName. */
export function userColumns(resource: ScimResource): UserColumns {
  const userName = optionalString(resource, 'userName')
  if (userName === null || userName === '') throw new InvalidValueError('A User needs a non-empty userName')
  const displayName = optionalString(resource, 'displayName')
  const active = attributeValue(resource, 'active')
  return {
    user_name: userName,
    user_name_lower: userName.toLowerCase(),
    external_id: optionalString(resource, 'externalId'),
    display_name: displayName,
    display_name_lower: displayName?.toLowerCase() ?? null,
    active: typeof active === 'boolean' ? Number(active) : null,
    data: resourceData('User', resource),
  }
}

/** One row per value of the User's `emails`, for indexed filters. */
export function emailRows(tenantId: string, userId: string, resource: ScimResource): ScimUserEmailRow[] {
  const emails = attributeValue(resource, 'emails')
  if (!Array.isArray(emails)) return []
  return emails.map((email, position) => {
    const e = (typeof email === 'object' && email !== null ? email : {}) as Record<string, unknown>
    return {
      tenant_id: tenantId,
      user_id: userId,
      position,
      value_lower: typeof e.value === 'string' ? e.value.toLowerCase() : null,
      type_lower: typeof e.type === 'string' ? e.type.toLowerCase() : null,
      is_primary: typeof e.primary === 'boolean' ? Number(e.primary) : null,
    }
  })
}

export type GroupColumns = Pick<ScimGroupRow, 'display_name' | 'display_name_lower' | 'external_id' | 'data'>

/** The indexed columns and data of a Group row. Throws InvalidValueError without a displayName. */
export function groupColumns(resource: ScimResource): GroupColumns {
  const displayName = optionalString(resource, 'displayName')
  if (displayName === null || displayName === '')
    throw new InvalidValueError('A Group needs a non-empty displayName')
  return {
    display_name: displayName,
    display_name_lower: displayName.toLowerCase(),
    external_id: optionalString(resource, 'externalId'),
    data: resourceData('Group', resource),
  }
}

/** The member ids of a resource's `members` (values without a string `value` are ignored). */
export function memberIds(resource: ScimResource): string[] {
  const members = attributeValue(resource, 'members')
  if (!Array.isArray(members)) return []
  const ids = members
    .map((m) => (typeof m === 'object' && m !== null ? (m as Record<string, unknown>).value : undefined))
    .filter((v): v is string => typeof v === 'string')
  return [...new Set(ids)]
}

/** The columns of StoredRow, for statements that read or return one. */
export const STORED_COLUMNS = ['id', 'created', 'last_modified', 'version', 'data'] as const

/** What every stored resource row has beside its own columns. */
export interface StoredRow {
  id: string
  created: string
  last_modified: string
  version: number
  data: string
}

/** The ETag of a version: weak, as `meta.version` shows it. */
export function versionTag(version: number): string {
  return `W/"${version}"`
}

/**
 * A resource as read, its JSON not yet parsed: the row, and the derived attribute when it was read and has something
 * to show (a User's `groups` when it is in any, a Group's `members`) as JSON text or as values. toResource makes the
 * resource of it; the HTTP layer may also send its text without parsing it.
 */
export interface StoredResource {
  type: ResourceTypeName
  row: StoredRow
  derived?: string | readonly object[]
}

/** The name of the derived attribute of a type. */
export function derivedName(type: ResourceTypeName): 'groups' | 'members' {
  return type === 'User' ? 'groups' : 'members'
}

/** The values of a stored resource's derived attribute, or undefined when it was not read. */
function derivedValues(stored: StoredResource): readonly object[] | undefined {
  const { derived } = stored
  return typeof derived === 'string' ? (JSON.parse(derived) as object[]) : derived
}

/** The resource of a stored one: `schemas` first, then `id`, the stored attributes, the derived one and `meta`. */
export function toResource(stored: StoredResource): ScimResource {
  const { type, row } = stored
  const { schemas, ...rest } = JSON.parse(row.data) as ScimResource
  const values = derivedValues(stored)
  const derived = values === undefined ? undefined : { [derivedName(type)]: values }
  // One literal: V8 adds a property to an object made by spreading on its slow path.
  return { schemas, id: row.id, ...rest, ...derived, meta: storedMeta(stored) }
}

/** The `meta` of a stored resource (without `location`, which the store does not know). */
export function storedMeta({ type, row }: StoredResource): Record<string, string> {
  return {
    resourceType: type,
    created: row.created,
    lastModified: row.last_modified,
    version: versionTag(row.version),
  }
}
