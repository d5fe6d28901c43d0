import type { ScimResource } from '../schema/types.js'

/**
 * A copy-on-write view of a resource during one PATCH: only the objects and arrays an operation touches are copied
 * (once each), everything else is shared with the input, which is never mutated.
 */
export class CopyOnWrite {
  readonly root: ScimResource
  private readonly owned = new Set<object>()

  constructor(base: ScimResource) {
    this.root = { ...base }
    this.owned.add(this.root)
  }

  /** `value` itself if this PATCH created it, else a shallow copy that this PATCH now owns. */
  own<T extends object>(value: T): T {
    if (this.owned.has(value)) return value
    const copy = (Array.isArray(value) ? value.slice() : { ...value }) as T
    this.owned.add(copy)
    return copy
  }

  /** Marks a value built by this PATCH (e.g. a conformed operation value) as owned, so it is not copied again. */
  adopt<T extends object>(value: T): T {
    this.owned.add(value)
    return value
  }
}
