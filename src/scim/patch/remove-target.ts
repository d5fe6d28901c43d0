import { isJsonObject } from '../canonical/json-value.js'
import { dropOtherSpellings, findKey } from './attribute-keys.js'
import { currentElements, matchingIndexes, writeElementsBack } from './elements.js'
import { checkRemovable, type PatchStep } from './patch-step.js'

/**
 * `remove` (RFC 7644 §3.5.2.2): without a filter or sub-attribute the attribute and all its values; with a filter
 * the selected values; with a sub-attribute that sub-attribute of the selected values (of every value without a
 * filter). An attribute left with no values is unassigned. Removing a required, readOnly or immutable attribute
 * that has a value is a ScimError 400 mutability. Removing what is not there (an unassigned attribute, a filter
 * that matches nothing) changes nothing: Entra removes members that may already be gone (§2.4).
 */
export function removeTarget(step: PatchStep): void {
  const { target, slot, draft } = step
  const current = slot.get()
  if (current === undefined) return
  if (!target.filter && !target.subAttribute) {
    checkRemovable(step, target.attribute, current)
    slot.set(undefined)
    return
  }
  const list = currentElements(step, current)
  const matches = matchingIndexes(step, list)
  if (matches.length === 0) return
  const updated = draft.own(list)
  const sub = target.subAttribute
  for (const i of matches) {
    const element = updated[i]
    if (!sub) {
      updated[i] = undefined
      continue
    }
    const key = isJsonObject(element) ? findKey(element, sub.name) : undefined
    if (key === undefined) continue
    checkRemovable(step, sub, (element as Record<string, unknown>)[key])
    const owned = draft.own(element as Record<string, unknown>)
    dropOtherSpellings(owned, sub.name)
    delete owned[sub.name]
    updated[i] = owned
  }
  // A value whose last sub-attribute went is no value at all.
  const kept = updated.filter((e) => e !== undefined && (!isJsonObject(e) || Object.keys(e).length > 0))
  writeElementsBack(step, current, draft.adopt(kept))
}
