import type { Filter } from '../filter/ast.js'
import { findSubAttribute } from '../schema/sub-attribute-lookup.js'
import type { AttributeDefinition } from '../schema/types.js'

/**
 * Client dialect: Entra adds or replaces `emails[type eq "work"].value` (and `addresses[type eq "work"].streetAddress`,
 * `phoneNumbers[type eq "mobile"].value`) on a user that has no such value yet (entra-client-behavior.md §2.3,
 * §2.5). RFC 7644 §3.5.2.3 would answer noTarget; instead the value is created.
 *
 * Returns the new element's sub-attributes taken from the filter, or undefined when the filter cannot describe one:
 * only `eq` comparisons of known sub-attributes with non-null values, joined by `and`, without contradictions
 * (`type eq "work" and primary eq true` gives `{ type: 'work', primary: true }`).
 */
export function elementFromFilter(
  attribute: AttributeDefinition,
  filter: Filter,
): Record<string, unknown> | undefined {
  if (filter.kind === 'and') {
    const left = elementFromFilter(attribute, filter.left)
    const right = left && elementFromFilter(attribute, filter.right)
    if (!left || !right) return undefined
    for (const key in right) if (key in left && left[key] !== right[key]) return undefined
    return { ...left, ...right }
  }
  if (filter.kind !== 'compare' || filter.op !== 'eq' || filter.value === null) return undefined
  if (filter.path.schema !== undefined || filter.path.subAttribute !== undefined) return undefined
  const sub = findSubAttribute(attribute, filter.path.attribute)
  return sub ? { [sub.name]: filter.value } : undefined
}
