/** A parsed mapping target: `[schema:]attribute[filter][.subAttribute]`. */
export interface TargetPath {
  /** The extension schema URN for URN-qualified paths; undefined for core attributes. */
  schema?: string
  attribute: string
  /** `emails[type eq "work"]` → `{ attribute: 'type', value: 'work' }`. */
  filter?: { attribute: string; value: string | boolean }
  subAttribute?: string
}

/** A target path that cannot be parsed. */
export class TargetPathError extends Error {
  override readonly name = 'TargetPathError'
  readonly code = 'MAPPING_INVALID_TARGET'
}

const CORE_SCHEMA = /^urn:ietf:params:scim:schemas:core:2\.0:(User|Group):/i
const BODY = /^([^[\].:]+?)\s*(?:\[\s*([A-Za-z][\w]*)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*\])?(?:\.([^[\].:]+))?$/

/**
 * Parses a mapping target: `userName`, `name.givenName`, `emails[type eq "work"].value`,
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber`,
 * `urn:ietf:params:scim:schemas:extension:peakon:2.0:User:Business Unit` (names may hold spaces).
 * Core-URN-qualified paths lose their URN. Throws TargetPathError.
 */
export function parseTargetPath(target: string): TargetPath {
  let rest = target.trim().replace(CORE_SCHEMA, '')
  let schema: string | undefined
  if (/^urn:/i.test(rest)) {
    const colon = rest.lastIndexOf(':')
    schema = rest.slice(0, colon)
    rest = rest.slice(colon + 1)
  }
  const match = BODY.exec(rest)
  if (!match || (match[2] && !match[4])) {
    throw new TargetPathError(
      `Target "${target}" is not a supported attribute path; use attr, attr.sub, attr[type eq "work"].sub or urn:…:attr`,
    )
  }
  const [, attribute, filterAttribute, filterValue, subAttribute] = match
  const path: TargetPath = { attribute }
  if (schema) path.schema = schema
  if (filterAttribute) {
    const value = filterValue.replace(/\\(.)/g, '$1')
    const boolean = filterAttribute === 'primary' && /^(true|false)$/i.test(value)
    path.filter = { attribute: filterAttribute, value: boolean ? value.toLowerCase() === 'true' : value }
  }
  if (subAttribute) path.subAttribute = subAttribute
  return path
}
