/**
 * The key under which `obj` holds `name`, ignoring case (RFC 7643 §2.1): `name` itself when present, else the first
 * key that matches case-insensitively, else undefined.
 */
export function findKey(obj: Record<string, unknown>, name: string): string | undefined {
  if (Object.hasOwn(obj, name)) return name
  const lower = name.toLowerCase()
  for (const key in obj) {
    if (key.length === lower.length && key.toLowerCase() === lower) return key
  }
  return undefined
}

/**
 * Deletes from `obj` (which the caller owns) every key that spells `canonical` differently, so that a resource
 * written with `Emails` comes out with `emails` only.
 */
export function dropOtherSpellings(obj: Record<string, unknown>, canonical: string): void {
  const lower = canonical.toLowerCase()
  for (const key in obj) {
    if (key.length === lower.length && key !== canonical && key.toLowerCase() === lower) delete obj[key]
  }
}
