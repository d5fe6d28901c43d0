import { conformSingleValue, conformValue } from './conform-value.js'
import type { PatchTarget } from './patch-target.js'

/**
 * Checks an operation's value against what its path points at: the sub-attribute for `name.givenName` or
 * `emails[type eq "work"].value`, one complex value for `emails[type eq "work"]`, the whole attribute otherwise.
 * Returns the cleaned value (see conformValue); null stays null.
 */
export function conformTargetValue(target: PatchTarget, value: unknown, where: string): unknown {
  if (value === null) return null
  const { attribute, subAttribute } = target
  if (subAttribute) return conformValue(subAttribute, value, `${attribute.name}.${subAttribute.name}`, where)
  if (target.filter) return conformSingleValue(attribute, value, attribute.name, where)
  return conformValue(attribute, value, attribute.name, where)
}
