import { isJsonObject } from '../canonical/json-value.js'
import { checkImmutable, type PatchStep } from './patch-step.js'
import { removeTarget } from './remove-target.js'
import { keepSinglePrimary } from './single-primary.js'
import { sameValueAs } from './values-equal.js'

/**
 * `add` to a multi-valued attribute without a filter (RFC 7644 §3.5.2.1): appends each value that is not already
 * there (see sameValueAs); adding only values already present changes nothing.
 */
export function addValues(step: PatchStep, values: unknown[]): void {
  const { draft, slot, target, where } = step
  const current = slot.get()
  const list = Array.isArray(current)
    ? draft.own(current)
    : draft.adopt(current === undefined ? [] : [current])
  const written = new Set<unknown>()
  for (const value of values) {
    if (list.some(sameValueAs(target.attribute, value))) continue
    list.push(value)
    written.add(value)
  }
  if (written.size === 0) return
  checkImmutable(step, target.attribute, current, list)
  keepSinglePrimary(draft, target.attribute, list, written, where)
  slot.set(list)
}

/**
 * `replace` of a multi-valued attribute without a filter (RFC 7644 §3.5.2.3): the attribute and all its values are
 * replaced; an empty list unassigns it.
 */
export function replaceValues(step: PatchStep, values: unknown[]): void {
  const { draft, slot, target, where } = step
  if (values.length === 0) {
    removeTarget(step)
    return
  }
  const current = slot.get()
  checkImmutable(step, target.attribute, current, values)
  const list = draft.adopt(values)
  keepSinglePrimary(draft, target.attribute, list, new Set(values), where)
  slot.set(list)
}

/** `add` or `replace` of a single-valued simple attribute: the value is set (RFC 7644 §3.5.2.1, §3.5.2.3). */
export function setValue(step: PatchStep, value: unknown): void {
  checkImmutable(step, step.target.attribute, step.slot.get(), value)
  step.slot.set(isJsonObject(value) ? step.draft.adopt(value) : value)
}
