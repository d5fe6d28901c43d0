import { isJsonObject } from '../canonical/json-value.js'
import type { Filter } from '../filter/ast.js'
import { GROUP_SCHEMA_URN } from '../schema/urns.js'
import { ScimError } from '../scim-error.js'
import { findKey } from './attribute-keys.js'
import type { PatchOperation } from './patch-operation.js'

/**
 * A group PATCH as membership deltas, for a provider that keeps members in a table: apply `replaceAll` first (when
 * set, the new complete member list), then `add`, then `remove`, then `otherOperations` with applyPatch.
 */
export interface MembershipChanges {
  add: string[]
  remove: string[]
  replaceAll?: string[]
  otherOperations: PatchOperation[]
}

function isMembersPath(operation: PatchOperation): boolean {
  const attr = operation.path?.attr
  if (!attr || attr.subAttribute !== undefined || attr.attribute.toLowerCase() !== 'members') return false
  return attr.schema === undefined || attr.schema.toLowerCase() === GROUP_SCHEMA_URN.toLowerCase()
}

/** Member ids of `value eq "x"`, or of several joined by `or`; undefined for any other filter. */
function idsOfFilter(filter: Filter): string[] | undefined {
  if (filter.kind === 'or') {
    const left = idsOfFilter(filter.left)
    const right = left && idsOfFilter(filter.right)
    return right && [...left!, ...right]
  }
  if (filter.kind !== 'compare' || filter.op !== 'eq' || typeof filter.value !== 'string') return undefined
  const { path } = filter
  if (path.schema !== undefined || path.subAttribute !== undefined) return undefined
  return path.attribute.toLowerCase() === 'value' ? [filter.value] : undefined
}

function idsOfValue(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value]
  return items.map((item) => {
    const key = isJsonObject(item) ? findKey(item, 'value') : undefined
    const id = key === undefined ? undefined : (item as Record<string, unknown>)[key]
    if (typeof id !== 'string')
      throw new ScimError(400, 'invalidValue', 'Every member needs a string "value"')
    return id
  })
}

type Delta = { kind: 'add' | 'remove' | 'replaceAll'; ids: string[] }

/** The membership delta one operation stands for, or undefined when it is not one. */
function deltaOf(operation: PatchOperation): Delta | undefined {
  const { op, path, value } = operation
  if (!path || !isMembersPath(operation) || path.subAttribute !== undefined) return undefined
  if (path.filter) {
    const ids = op === 'remove' ? idsOfFilter(path.filter) : undefined
    return ids && { kind: 'remove', ids }
  }
  if (op === 'remove') return { kind: 'replaceAll', ids: [] }
  const ids = value === null ? [] : idsOfValue(value)
  return { kind: op === 'add' ? 'add' : 'replaceAll', ids }
}

/**
 * Splits a group PATCH (operations as normalisePatch returns them) into membership deltas without reading the
 * member list: `add` path `members` with a list of members; `remove` path `members[value eq "x"]` (also `or`-joined,
 * and Entra's remove-by-value list once normalised); `remove` path `members` (all members: `replaceAll: []`);
 * `replace` path `members` (`replaceAll`). The deltas are folded in operation order, so `add x` then `remove x`
 * leaves x only in `remove`. Members operations of any other shape (another filter, a sub-attribute such as
 * `members[value eq "x"].display`) stay in `otherOperations`, in order, with every non-members operation; a caller
 * that meets one there needs the member list to apply it.
 */
export function membershipChanges(operations: readonly PatchOperation[]): MembershipChanges {
  const add = new Set<string>()
  const remove = new Set<string>()
  let replaceAll: Set<string> | undefined
  const otherOperations: PatchOperation[] = []
  for (const operation of operations) {
    const delta = deltaOf(operation)
    if (!delta) {
      otherOperations.push(operation)
    } else if (delta.kind === 'replaceAll') {
      replaceAll = new Set(delta.ids)
      add.clear()
      remove.clear()
    } else {
      const [into, from] = delta.kind === 'add' ? [add, remove] : [remove, add]
      for (const id of delta.ids) {
        if (!replaceAll) {
          into.add(id)
          from.delete(id)
        } else if (delta.kind === 'add') replaceAll.add(id)
        else replaceAll.delete(id)
      }
    }
  }
  const changes: MembershipChanges = { add: [...add], remove: [...remove], otherOperations }
  if (replaceAll) changes.replaceAll = [...replaceAll]
  return changes
}
