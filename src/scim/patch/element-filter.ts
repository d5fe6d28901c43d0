import type { Filter } from '../filter/ast.js'
import { evaluateFilter } from '../filter/compile-filter.js'
import type { ResourceSchema } from '../schema/resource-schema.js'
import type { ScimResource } from '../schema/types.js'
import { isScimError, ScimError } from '../scim-error.js'
import type { PatchTarget } from './patch-target.js'

/** The value filter of a path as a resource filter `attr[filter]`, cached per filter so it compiles once. */
const wrappers = new WeakMap<Filter, Filter>()

function asResourceFilter(target: PatchTarget, filter: Filter): Filter {
  let wrapper = wrappers.get(filter)
  if (!wrapper) {
    const path = { schema: target.extension, attribute: target.attribute.name }
    wrapper = { kind: 'valuePath', path, filter }
    wrappers.set(filter, wrapper)
  }
  return wrapper
}

function evaluate(
  target: PatchTarget,
  schema: ResourceSchema,
  resource: ScimResource,
  where: string,
): boolean {
  try {
    return evaluateFilter(asResourceFilter(target, target.filter!), resource, schema)
  } catch (error) {
    if (!isScimError(error)) throw error
    throw new ScimError(400, 'invalidPath', `${where}: invalid value filter: ${error.message}`)
  }
}

/**
 * Whether one value of the target's attribute matches the path's value filter, with the filter evaluator's
 * semantics (names ignore case, strings honour caseExact). A filter that does not fit the attribute's types is a
 * ScimError 400 invalidPath.
 */
export function elementMatches(
  target: PatchTarget,
  schema: ResourceSchema,
  element: unknown,
  where: string,
): boolean {
  const { attribute, extension } = target
  const holder = { [attribute.name]: element }
  return evaluate(target, schema, extension === undefined ? holder : { [extension]: holder }, where)
}

/** Throws the ScimError elementMatches would, before any value is at hand (normalisePatch checks paths early). */
export function checkValueFilter(target: PatchTarget, schema: ResourceSchema, where: string): void {
  if (target.filter) evaluate(target, schema, {}, where)
}
