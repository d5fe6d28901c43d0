import type { ObjectType } from '../store/link-store.js'
import type { TargetApi } from './target-api.js'

/** Largest target this index reads; above it every object is matched by its own query. */
const MAX_OBJECTS = 250_000
const PAGE = 1000

/**
 * The values of simple matching attributes (`userName`, `externalId`, `displayName`) of every object in the target,
 * read page by page once per initial cycle. It only rules matches out: when no object has the value (compared
 * ignoring case, so never too strict) the engine creates without a matching query; otherwise it asks the target.
 */
export class TargetIndex {
  readonly #values = new Map<string, Set<string>>()

  private constructor(readonly attributes: readonly string[]) {}

  /** Reads the target's objects, or returns undefined when it cannot list them (or has too many). */
  static async read(
    target: TargetApi,
    objectType: ObjectType,
    attributes: readonly string[],
  ): Promise<TargetIndex | undefined> {
    const simple = attributes.filter((a) => /^[A-Za-z][\w]*$/.test(a))
    if (simple.length === 0 || simple.length !== attributes.length) return undefined
    const index = new TargetIndex(simple)
    for (const a of simple) index.#values.set(a.toLowerCase(), new Set())
    for (let startIndex = 1; ; ) {
      const page = await target.list(objectType, simple, startIndex, PAGE).catch(() => undefined)
      if (!page) return undefined
      for (const resource of page.resources) {
        for (const a of simple) {
          const value = attributeValue(resource, a)
          if (value !== undefined) index.#values.get(a.toLowerCase())!.add(value.toLowerCase())
        }
      }
      if (page.resources.length === 0 || startIndex - 1 + page.resources.length >= page.totalResults)
        return index
      if (page.totalResults > MAX_OBJECTS) return undefined
      startIndex += page.resources.length
    }
  }

  /** Whether some target object may have `value` for `attribute` (true when the index does not cover it). */
  mayMatch(attribute: string, value: string): boolean {
    const values = this.#values.get(attribute.toLowerCase())
    return values === undefined || values.has(value.toLowerCase())
  }
}

function attributeValue(resource: Record<string, unknown>, attribute: string): string | undefined {
  const key = Object.keys(resource).find((k) => k.toLowerCase() === attribute.toLowerCase())
  const value = key === undefined ? undefined : resource[key]
  return typeof value === 'string' ? value : undefined
}
