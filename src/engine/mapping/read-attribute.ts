import type { SourceObject, SourceValue } from './types.js'

/**
 * The value of a source attribute: the exact name first, then a case-insensitive match (Entra resolves attribute
 * names case-insensitively). A missing attribute and `undefined` are null.
 */
export function readAttribute(source: SourceObject, name: string): SourceValue {
  const exact = source[name]
  if (exact !== undefined) return exact
  if (name in source) return null
  const lower = name.toLowerCase()
  for (const key in source) {
    if (key.length === lower.length && key.toLowerCase() === lower) return source[key] ?? null
  }
  return null
}
