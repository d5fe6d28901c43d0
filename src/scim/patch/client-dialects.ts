import { isJsonObject } from '../canonical/json-value.js'
import type { Filter } from '../filter/ast.js'
import type { PatchPath } from '../path/ast.js'
import { findSubAttribute } from '../schema/sub-attribute-lookup.js'
import { ScimError } from '../scim-error.js'
import { describeValue } from '../validation/attribute-error.js'
import { findKey } from './attribute-keys.js'
import type { PatchOperation, PatchOpName } from './patch-operation.js'
import type { PatchTarget } from './patch-target.js'

/**
 * Client dialect: `op` in any case. Entra's default dialect sends `Add`, `Replace` and `Remove`
 * (entra-client-behavior.md §2.1, §2.5: "Don't require case-sensitive op"). Anything else is a ScimError 400
 * invalidSyntax.
 */
export function opFromClient(op: unknown, where: string): PatchOpName {
  const lower = typeof op === 'string' ? op.toLowerCase() : undefined
  if (lower === 'add' || lower === 'remove' || lower === 'replace') return lower
  const got = op === undefined ? 'it is missing' : `got ${describeValue(op)}`
  throw new ScimError(400, 'invalidSyntax', `${where}: "op" must be "add", "remove" or "replace"; ${got}`)
}

function valueEquals(id: string): Filter {
  return { kind: 'compare', path: { attribute: 'value' }, op: 'eq', value: id }
}

/**
 * Client dialect: removing values of a multi-valued attribute by listing them in `value` instead of a filter. Entra's
 * default dialect removes a group member with `{"op":"Remove","path":"members","value":[{"value":"u1091"}]}`
 * (entra-client-behavior.md §2.4, §2.5). Becomes one RFC remove per listed value, `members[value eq "u1091"]`; an
 * empty list removes nothing (it must not read as "remove all members").
 *
 * Returns undefined when the rule does not apply (a filter or sub-attribute in the path, no `value`, or an attribute
 * that is not multi-valued with a `value` sub-attribute). A listed value without a string `value` is a ScimError 400
 * invalidValue.
 */
export function removalsByValue(
  path: PatchPath,
  target: PatchTarget,
  value: unknown,
  where: string,
): PatchOperation[] | undefined {
  const { attribute } = target
  if (value === undefined || value === null || target.filter || target.subAttribute) return undefined
  if (!attribute.multiValued || !findSubAttribute(attribute, 'value')) return undefined
  const listed = Array.isArray(value) ? value : [value]
  return listed.map((item) => {
    const key = isJsonObject(item) ? findKey(item, 'value') : undefined
    const id = key === undefined ? item : (item as Record<string, unknown>)[key]
    if (typeof id !== 'string') {
      throw new ScimError(
        400,
        'invalidValue',
        `${where}: to remove values of "${attribute.name}" by listing them, each needs a string "value"`,
      )
    }
    return { op: 'remove', path: { attr: path.attr, filter: valueEquals(id) } }
  })
}
