import type { SourceObject, SourceValue } from './types.js'

/**
 * The value of a source attribute: the exact name first, then a case-insensitive match (Entra resolves attribute
 * names case-insensitively). A missing attribute and `undefined` are null.
 */
export function readAttribute(source: SourceObject, name: string): SourceValue {
  const exact = source[name]
  if (exact !== undefined) return exact
  const lower = name.toLowerCase()
  for (const key of Object.keys(source)) {
    if (key.toLowerCase() === lower) return source[key] ?? null
  }
  return null
}
