import type { RawPatchRequest } from '../../scim/patch/patch-operation.js'
import { printFilterValue } from '../../scim/filter/filter-printer.js'
import type { JobDialect } from '../job/job-settings.js'
import { patchRequest } from './patch-request.js'

const ADD_CHUNK = 500
const REMOVE_CHUNK = 100

/**
 * PATCH bodies that add and remove group members (target ids) as deltas, never rewriting the member list.
 * Adds: one `add members` with a value array per chunk (Entra: `{"$ref": null, "value": id}` items).
 * Removes: RFC one `remove members[value eq "id"]` per member; Entra one `Remove members` with a value array.
 */
export function memberPatches(dialect: JobDialect, add: readonly string[], remove: readonly string[]): RawPatchRequest[] {
  const out: RawPatchRequest[] = []
  for (let i = 0; i < add.length; i += ADD_CHUNK) {
    const value = add
      .slice(i, i + ADD_CHUNK)
      .map((id) => (dialect === 'entra' ? { $ref: null, value: id } : { value: id }))
    out.push(patchRequest(dialect, [{ op: 'add', path: 'members', value }]))
  }
  for (let i = 0; i < remove.length; i += REMOVE_CHUNK) {
    const ids = remove.slice(i, i + REMOVE_CHUNK)
    out.push(
      dialect === 'entra'
        ? patchRequest(dialect, [{ op: 'remove', path: 'members', value: ids.map((id) => ({ value: id })) }])
        : patchRequest(
            dialect,
            ids.map((id) => ({ op: 'remove' as const, path: `members[value eq ${printFilterValue(id)}]` })),
          ),
    )
  }
  return out
}
