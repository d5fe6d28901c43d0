import type { Filter } from '../../scim/filter/ast.js'
import type { PatchOperation } from '../../scim/patch/patch-operation.js'
import type { ResourceSchema } from '../../scim/schema/resource-schema.js'

/** One change to a group's membership table, in the order the operations gave them. */
export type MemberStep =
  | { kind: 'add'; ids: string[] }
  | { kind: 'remove'; ids: string[] }
  | { kind: 'clear' }

/** A Group PATCH split into membership-table steps and the operations left for the resource itself. */
export interface MemberPatchPlan {
  steps: MemberStep[]
  rest: PatchOperation[]
}

/**
 * Splits a Group PATCH (RFC form, as normalisePatch gives it) so that member changes go straight to the membership
 * table without reading the member list: add `members`, replace `members`, remove `members` (all),
 * remove `members[value eq "id" or …]`. Returns undefined when some member operation needs the current list (a
 * filter on another sub-attribute, a sub-attribute path, a malformed value): the caller then applies the whole
 * PATCH to the resource with its members loaded. Member ids compare ignoring case, as `members.value` does; store
 * ids are lower case.
 */
export function planMemberPatch(
  operations: readonly PatchOperation[],
  schema: ResourceSchema,
): MemberPatchPlan | undefined {
  const plan: MemberPatchPlan = { steps: [], rest: [] }
  for (const operation of operations) {
    const { op, path, value } = operation
    const resolved = path && schema.resolve(path.attr)
    if (!resolved || resolved.extension || resolved.attribute.name !== 'members') {
      plan.rest.push(operation)
      continue
    }
    if (resolved.subAttribute || path!.subAttribute) return undefined
    if (op === 'remove') {
      if (!path!.filter) {
        plan.steps.push({ kind: 'clear' })
        continue
      }
      const ids = idsOfFilter(path!.filter)
      if (!ids) return undefined
      plan.steps.push({ kind: 'remove', ids })
      continue
    }
    if (path!.filter) return undefined
    const ids = idsOfValues(value)
    if (!ids) return undefined
    if (op === 'replace') plan.steps.push({ kind: 'clear' })
    plan.steps.push({ kind: 'add', ids })
  }
  return plan
}

/** The ids of `value eq "a" or value eq "b"`, or undefined for any other filter. */
function idsOfFilter(filter: Filter): string[] | undefined {
  if (filter.kind === 'or') {
    const left = idsOfFilter(filter.left)
    const right = idsOfFilter(filter.right)
    return left && right && [...left, ...right]
  }
  if (filter.kind !== 'compare' || filter.op !== 'eq' || typeof filter.value !== 'string') return undefined
  const { path } = filter
  if (
    path.schema !== undefined ||
    path.subAttribute !== undefined ||
    path.attribute.toLowerCase() !== 'value'
  ) {
    return undefined
  }
  return [filter.value.toLowerCase()]
}

/** The ids of a list of member values (`[{ value: "id" }, …]`, or one such object), or undefined if malformed. */
function idsOfValues(value: unknown): string[] | undefined {
  const list = Array.isArray(value) ? value : [value]
  const ids: string[] = []
  for (const item of list) {
    const id = typeof item === 'object' && item !== null ? (item as Record<string, unknown>).value : undefined
    if (typeof id !== 'string') return undefined
    ids.push(id.toLowerCase())
  }
  return ids
}
