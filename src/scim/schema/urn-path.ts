import type { AttrPath } from '../filter/ast.js'

/**
 * Splits a URN-qualified attribute token at its LAST ':' into the schema URN and the rest, which may still carry a
 * `.subAttribute`. Returns undefined when the text does not start with `urn:` (any case) or has nothing after the
 * last ':'. Pass the attribute token only, never a filter (a ':' inside a quoted value would mislead it).
 *
 * @example splitUrnPath('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value')
 * // → { schema: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', attribute: 'manager.value' }
 */
export function splitUrnPath(text: string): { schema: string; attribute: string } | undefined {
  if (text.length < 5 || text.slice(0, 4).toLowerCase() !== 'urn:') return undefined
  const colon = text.lastIndexOf(':')
  if (colon < 4 || colon === text.length - 1) return undefined
  return { schema: text.slice(0, colon), attribute: text.slice(colon + 1) }
}

/**
 * Reads a plain attribute name as written in `attributes`/`excludedAttributes` or a JSON key: `name`, `name.givenName`,
 * `urn:…:enterprise:2.0:User:manager.value` or `urn:…:peakon:2.0:User:Business Unit`. No filters. The sub-attribute
 * is split at the first '.' after the schema URN.
 */
export function attrPathFromText(text: string): AttrPath {
  const qualified = splitUrnPath(text)
  const rest = qualified ? qualified.attribute : text
  const dot = rest.indexOf('.')
  const path: AttrPath =
    dot > 0 && dot < rest.length - 1
      ? { attribute: rest.slice(0, dot), subAttribute: rest.slice(dot + 1) }
      : { attribute: rest }
  if (qualified) path.schema = qualified.schema
  return path
}
