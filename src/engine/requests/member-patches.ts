import { printFilterValue } from '../../scim/filter/filter-printer.js'
import type { RawPatchRequest } from '../../scim/patch/patch-operation.js'
import type { JobDialect } from '../job/job-settings.js'
import { patchRequest } from './patch-request.js'

const ADD_CHUNK = 500
const REMOVE_CHUNK = 100

/** One membership PATCH and the member target ids it adds and removes. */
export interface MemberPatch {
  body: RawPatchRequest
  add: string[]
  remove: string[]
}

/**
 * PATCH bodies that add and remove group members (target ids) as deltas, never rewriting the member list.
 * Adds: one `add members` with a value array per chunk (Entra: `{"$ref": null, "value": id}` items).
 * Removes: RFC one `remove members[value eq "id"]` per member; Entra one `Remove members` with a value array.
 */
export function memberPatches(
  dialect: JobDialect,
  add: readonly string[],
  remove: readonly string[],
): MemberPatch[] {
  const out: MemberPatch[] = []
  for (let i = 0; i < add.length; i += ADD_CHUNK) {
    const ids = add.slice(i, i + ADD_CHUNK)
    const value = ids.map((id) => (dialect === 'entra' ? { $ref: null, value: id } : { value: id }))
    out.push({ body: patchRequest(dialect, [{ op: 'add', path: 'members', value }]), add: ids, remove: [] })
  }
  for (let i = 0; i < remove.length; i += REMOVE_CHUNK) {
    const ids = remove.slice(i, i + REMOVE_CHUNK)
    const body =
      dialect === 'entra'
        ? patchRequest(dialect, [{ op: 'remove', path: 'members', value: ids.map((id) => ({ value: id })) }])
        : patchRequest(
            dialect,
            ids.map((id) => ({ op: 'remove' as const, path: `members[value eq ${printFilterValue(id)}]` })),
          )
    out.push({ body, add: [], remove: ids })
  }
  return out
}
