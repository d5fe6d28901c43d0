import { isJsonObject } from '../canonical/json-value.js'
import { elementMatcher } from './element-filter.js'
import { checkImmutable, checkRemovable, type PatchStep } from './patch-step.js'

/**
 * The values of the target's complex attribute as a list: the array of a multi-valued attribute (empty when
 * unassigned), or a one-element list holding the object of a single-valued one (an empty object when unassigned,
 * so that `name.givenName` can be set on a user without a name).
 */
export function currentElements(step: PatchStep, current: unknown): unknown[] {
  if (step.target.attribute.multiValued) return Array.isArray(current) ? current : []
  return step.draft.adopt([isJsonObject(current) ? current : step.draft.adopt({})])
}

/** Indexes of the values the path's filter selects; every index when the path has no filter. */
export function matchingIndexes(step: PatchStep, list: readonly unknown[]): number[] {
  const indexes: number[] = []
  const matches = step.target.filter ? elementMatcher(step.target, step.schema, step.where) : undefined
  for (let i = 0; i < list.length; i++) {
    if (!matches || matches(list[i])) indexes.push(i)
  }
  return indexes
}

/**
 * Stores an updated list of values (owned by the draft): the list for a multi-valued attribute, its only element for
 * a single-valued one; an attribute left with no values is unassigned (RFC 7644 §3.5.2.2).
 */
export function writeElementsBack(step: PatchStep, current: unknown, list: unknown[]): void {
  const next = step.target.attribute.multiValued ? (list.length > 0 ? list : undefined) : list[0]
  if (next === undefined) checkRemovable(step, step.target.attribute, current)
  else checkImmutable(step, step.target.attribute, current, next)
  step.slot.set(next)
}
