import { isJsonObject } from '../canonical/json-value.js'
import { findSubAttribute } from '../schema/sub-attribute-lookup.js'
import type { AttributeDefinition } from '../schema/types.js'
import { ScimError } from '../scim-error.js'
import { findKey } from './attribute-keys.js'
import type { CopyOnWrite } from './copy-on-write.js'

function isPrimary(element: unknown): boolean {
  if (!isJsonObject(element)) return false
  const key = findKey(element, 'primary')
  return key !== undefined && element[key] === true
}

/**
 * Keeps at most one `primary: true` in a multi-valued attribute (RFC 7643 §2.4; RFC 7644 §3.5.2: setting primary on
 * one value sets it to false on the others). `list` is owned by the draft; `written` are the values the operation
 * wrote. More than one written primary is a ScimError 400 invalidValue.
 */
export function keepSinglePrimary(
  draft: CopyOnWrite,
  attribute: AttributeDefinition,
  list: unknown[],
  written: ReadonlySet<unknown>,
  where: string,
): void {
  if (!findSubAttribute(attribute, 'primary')) return
  let primaries = 0
  for (const element of written) if (isPrimary(element)) primaries++
  if (primaries === 0) return
  if (primaries > 1) {
    throw new ScimError(
      400,
      'invalidValue',
      `${where}: at most one value of "${attribute.name}" may be primary`,
    )
  }
  for (let i = 0; i < list.length; i++) {
    const element = list[i]
    if (written.has(element) || !isPrimary(element)) continue
    const cleared = draft.own(element as Record<string, unknown>)
    cleared[findKey(cleared, 'primary')!] = false
    list[i] = cleared
  }
}
