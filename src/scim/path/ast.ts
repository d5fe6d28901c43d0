import type { AttrPath, Filter } from '../filter/ast.js'

/**
 * A PATCH path (RFC 7644 §3.5.2): `attrPath`, or `valuePath` with an optional sub-attribute after the filter.
 *
 * - `name.givenName` → `{ attr: { attribute: 'name', subAttribute: 'givenName' } }`
 * - `emails[type eq "work"].value` → `{ attr: { attribute: 'emails' }, filter: …, subAttribute: 'value' }`
 * - `members[value eq "2819c223"]` → `{ attr: { attribute: 'members' }, filter: … }`
 */
export interface PatchPath {
  attr: AttrPath
  filter?: Filter
  /** The sub-attribute after a value filter (`.value` in `emails[type eq "work"].value`). */
  subAttribute?: string
}
