import type { SourceObject, SourceValue } from './types.js'

/** Lower-cased attribute name → the name as the source object spells it, built once per source object. */
const lowerCaseIndex = new WeakMap<SourceObject, Map<string, string>>()

function indexOf(source: SourceObject): Map<string, string> {
  let index = lowerCaseIndex.get(source)
  if (!index) {
    index = new Map(Object.keys(source).map((key) => [key.toLowerCase(), key]))
    lowerCaseIndex.set(source, index)
  }
  return index
}

/**
 * The value of a source attribute: the exact name first, then a case-insensitive match (Entra resolves attribute
 * names case-insensitively). A missing attribute and `undefined` are null. Source objects are treated as immutable.
 */
export function readAttribute(source: SourceObject, name: string): SourceValue {
  const exact = source[name]
  if (exact !== undefined) return exact
  const key = indexOf(source).get(name.toLowerCase())
  return key === undefined ? null : (source[key] ?? null)
}
