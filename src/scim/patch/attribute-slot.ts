import { isJsonObject } from '../canonical/json-value.js'
import { dropOtherSpellings, findKey } from './attribute-keys.js'
import type { CopyOnWrite } from './copy-on-write.js'
import type { PatchTarget } from './patch-target.js'

/**
 * Reads and writes one attribute of the resource being patched: at the top level for core attributes, under the
 * extension's URN key for extension attributes (RFC 7643 §3.3). Names are found ignoring case and written in their
 * canonical spelling; the extension URN joins or leaves `schemas` as its object appears or empties.
 */
export class AttributeSlot {
  constructor(
    private readonly draft: CopyOnWrite,
    private readonly target: PatchTarget,
  ) {}

  /** The current value; undefined when unassigned (absent, null or an empty array, RFC 7643 §2.5). */
  get(): unknown {
    const container = this.container()
    if (!container) return undefined
    const key = findKey(container, this.target.attribute.name)
    const value = key === undefined ? undefined : container[key]
    if (value === null || (Array.isArray(value) && value.length === 0)) return undefined
    return value
  }

  /** Writes the value under the canonical name, or removes the attribute when `value` is undefined. */
  set(value: unknown): void {
    const { root } = this.draft
    const name = this.target.attribute.name
    const urn = this.target.extension
    if (urn === undefined) {
      dropOtherSpellings(root, name)
      if (value === undefined) delete root[name]
      else root[name] = value
      return
    }
    const key = findKey(root, urn)
    const existing = key === undefined ? undefined : root[key]
    if (value === undefined && !isJsonObject(existing)) return
    const extension = isJsonObject(existing)
      ? this.draft.own(existing)
      : this.draft.adopt<Record<string, unknown>>({})
    dropOtherSpellings(extension, name)
    if (value === undefined) delete extension[name]
    else extension[name] = value
    dropOtherSpellings(root, urn)
    if (Object.keys(extension).length === 0) {
      delete root[urn]
      this.updateSchemas(urn, false)
    } else {
      root[urn] = extension
      this.updateSchemas(urn, true)
    }
  }

  private container(): Record<string, unknown> | undefined {
    const { root } = this.draft
    const urn = this.target.extension
    if (urn === undefined) return root
    const key = findKey(root, urn)
    const extension = key === undefined ? undefined : root[key]
    return isJsonObject(extension) ? extension : undefined
  }

  /** Keeps the resource's `schemas` list (when it has one) in step with its extension objects. */
  private updateSchemas(urn: string, present: boolean): void {
    const { root } = this.draft
    const schemas = root.schemas
    if (!Array.isArray(schemas)) return
    const lower = urn.toLowerCase()
    const index = schemas.findIndex((s) => typeof s === 'string' && s.toLowerCase() === lower)
    if (present === index >= 0) return
    const updated = this.draft.own(schemas)
    if (present) updated.push(urn)
    else updated.splice(index, 1)
    root.schemas = updated
  }
}
