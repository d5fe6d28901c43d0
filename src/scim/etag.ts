/** One entity tag of an If-Match / If-None-Match header (RFC 7232 §2.3). */
export interface EntityTag {
  weak: boolean
  /** The opaque value, without quotes or `W/`. */
  value: string
}

/** A parsed If-Match / If-None-Match header: `*` (any current version) or a list of tags. */
export type EtagList = { any: true } | { any: false; tags: EntityTag[] }

/**
 * The weak ETag of a resource version (RFC 7644 §3.14), for the ETag header and `meta.version`. The version must not
 * contain a double quote.
 *
 * @example etagFor(3) // → 'W/"3"'
 */
export function etagFor(version: string | number): string {
  return `W/"${version}"`
}

/** Reads one tag: `W/"x"`, `"x"`, or an unquoted `x` as lenient clients send it. */
function parseTag(text: string): EntityTag | undefined {
  let rest = text.trim()
  if (!rest) return undefined
  const weak = rest.startsWith('W/') || rest.startsWith('w/')
  if (weak) rest = rest.slice(2)
  if (rest.length >= 2 && rest.startsWith('"') && rest.endsWith('"')) rest = rest.slice(1, -1)
  return { weak, value: rest }
}

/**
 * Parses an If-Match or If-None-Match header value: `*`, or a comma-separated list of weak or strong tags
 * (`W/"1", "2"`). Commas inside quotes are kept; empty entries are skipped; unquoted tags are accepted.
 * An absent or empty header gives an empty list.
 */
export function parseEtagList(header: string | undefined): EtagList {
  const text = header?.trim() ?? ''
  if (text === '*') return { any: true }
  const tags: EntityTag[] = []
  let start = 0
  let quoted = false
  for (let i = 0; i <= text.length; i++) {
    const c = text[i]
    if (c === '"') quoted = !quoted
    if (i === text.length || (c === ',' && !quoted)) {
      const tag = parseTag(text.slice(start, i))
      if (tag) tags.push(tag)
      start = i + 1
    }
  }
  return { any: false, tags }
}

/**
 * Whether a header (parsed or raw) matches the current version of a resource, comparing weakly (RFC 7232 §2.3.2), as
 * SCIM versions are weak ETags. `version` may be the bare version or its ETag (`W/"3"`, as in `meta.version`); a bare
 * version must therefore not itself start with `W/`.
 * `*` matches any version.
 *
 * @example etagMatches('W/"3", W/"4"', 'W/"4"') // → true
 */
export function etagMatches(list: EtagList | string | undefined, version: string | number): boolean {
  const parsed = typeof list === 'object' ? list : parseEtagList(list)
  if (parsed.any) return true
  const current = typeof version === 'number' ? String(version) : (parseTag(version)?.value ?? '')
  return parsed.tags.some((tag) => tag.value === current)
}
