import { isJsonObject } from '../canonical/json-value.js'
import { findSubAttribute } from '../schema/sub-attribute-lookup.js'
import { dropOtherSpellings, findKey } from './attribute-keys.js'
import { conformSingleValue } from './conform-value.js'
import { elementFromFilter } from './create-on-no-match.js'
import { currentElements, matchingIndexes, writeElementsBack } from './elements.js'
import type { PatchOpName } from './patch-operation.js'
import { checkImmutable, noTargetError, type PatchStep } from './patch-step.js'
import { keepSinglePrimary } from './single-primary.js'

/** Sets the given sub-attributes on an element the draft owns, honouring immutable sub-attributes. */
function mergeInto(step: PatchStep, element: Record<string, unknown>, value: Record<string, unknown>): void {
  const { attribute } = step.target
  for (const name in value) {
    const sub = findSubAttribute(attribute, name)!
    const key = findKey(element, name)
    checkImmutable(step, sub, key === undefined ? undefined : element[key], value[name])
    dropOtherSpellings(element, name)
    element[name] = value[name]
  }
}

/** A matched element replaced by `value`: immutable sub-attributes that have a value must keep it. */
function replacement(step: PatchStep, old: unknown, value: Record<string, unknown>): Record<string, unknown> {
  if (isJsonObject(old)) {
    for (const sub of step.target.attribute.subAttributes ?? []) {
      const key = findKey(old, sub.name)
      if (key !== undefined) checkImmutable(step, sub, old[key], value[sub.name])
    }
  }
  return step.draft.adopt({ ...value })
}

/**
 * Where no value matches `emails[type eq "work"].value`, add and replace create `{ type: 'work', value }` (see
 * elementFromFilter); any other path that matches nothing is a ScimError 400 noTarget (RFC 7644 §3.5.2.3).
 */
function createElement(step: PatchStep, value: unknown): void {
  const { attribute, filter, subAttribute } = step.target
  const base =
    filter && subAttribute && attribute.multiValued ? elementFromFilter(attribute, filter) : undefined
  if (!base) throw noTargetError(step)
  const element = conformSingleValue(
    attribute,
    { ...base, [subAttribute!.name]: value },
    attribute.name,
    step.where,
  )
  const current = step.slot.get()
  const list = Array.isArray(current) ? step.draft.own(current) : step.draft.adopt([] as unknown[])
  list.push(element)
  keepSinglePrimary(step.draft, attribute, list, new Set([element]), step.where)
  checkImmutable(step, attribute, current, list)
  step.slot.set(list)
}

/**
 * `add` or `replace` inside a complex attribute (RFC 7644 §3.5.2.1, §3.5.2.3): on each value selected by the filter
 * (every value without one) sets the sub-attribute of the path, or, without a sub-attribute, merges the value's
 * sub-attributes (add; replace of a single complex attribute) or replaces the selected value (replace with a filter).
 * Sub-attributes the value does not mention are left unchanged, as the RFC says for complex attributes.
 */
export function writeElements(step: PatchStep, op: PatchOpName, value: unknown): void {
  const { draft, target, slot } = step
  const current = slot.get()
  const list = currentElements(step, current)
  const matches = matchingIndexes(step, list)
  if (matches.length === 0) {
    createElement(step, value)
    return
  }
  const updated = draft.own(list)
  const written = new Set<unknown>()
  const merge = op === 'add' || !target.filter
  for (const i of matches) {
    const old = updated[i]
    let element: Record<string, unknown>
    if (target.subAttribute) {
      element = isJsonObject(old) ? draft.own(old) : draft.adopt({})
      mergeInto(step, element, { [target.subAttribute.name]: value })
    } else if (merge) {
      element = isJsonObject(old) ? draft.own(old) : draft.adopt({})
      mergeInto(step, element, value as Record<string, unknown>)
    } else {
      element = replacement(step, old, value as Record<string, unknown>)
    }
    updated[i] = element
    written.add(element)
  }
  if (target.attribute.multiValued) keepSinglePrimary(draft, target.attribute, updated, written, step.where)
  writeElementsBack(step, current, updated)
}
