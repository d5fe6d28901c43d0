/**
 * Splits an `attributes` or `excludedAttributes` query parameter (RFC 7644 §3.4.2.5) into names: comma-separated,
 * whitespace around names trimmed, empty entries dropped. Accepts a repeated parameter or a SearchRequest list (an array) as well; anything else gives no names. Names are
 * not checked here: projectResource ignores names the schema does not define, as the RFC asks.
 *
 * @example parseAttributeList('userName, name.givenName,,emails') // → ['userName', 'name.givenName', 'emails']
 */
export function parseAttributeList(parameter: unknown): string[] {
  const parts = typeof parameter === 'string' ? [parameter] : Array.isArray(parameter) ? parameter : []
  const names: string[] = []
  for (const part of parts) {
    if (typeof part !== 'string') continue
    for (const name of part.split(',')) {
      const trimmed = name.trim()
      if (trimmed) names.push(trimmed)
    }
  }
  return names
}
