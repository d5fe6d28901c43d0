import type { Filter } from '../filter/ast.js'
import { compileFilter, type FilterPredicate } from '../filter/compile-filter.js'
import type { ResourceSchema } from '../schema/resource-schema.js'
import { isScimError, ScimError } from '../scim-error.js'
import type { PatchTarget } from './patch-target.js'

/** Compiled value filters per resolved target (targets are cached per path and schema, so this compiles once). */
const predicates = new WeakMap<PatchTarget, FilterPredicate>()

function predicateFor(target: PatchTarget, schema: ResourceSchema, where: string): FilterPredicate {
  let predicate = predicates.get(target)
  if (!predicate) {
    const path = { schema: target.extension, attribute: target.attribute.name }
    const asResourceFilter: Filter = { kind: 'valuePath', path, filter: target.filter! }
    try {
      predicate = compileFilter(asResourceFilter, schema)
    } catch (error) {
      if (!isScimError(error)) throw error
      throw new ScimError(400, 'invalidPath', `${where}: invalid value filter: ${error.message}`)
    }
    predicates.set(target, predicate)
  }
  return predicate
}

/**
 * A test for whether one value of the target's attribute matches the path's value filter, with the filter
 * evaluator's semantics (names ignore case, strings honour caseExact). A filter that does not fit the attribute's
 * types is a ScimError 400 invalidPath.
 */
export function elementMatcher(
  target: PatchTarget,
  schema: ResourceSchema,
  where: string,
): (element: unknown) => boolean {
  const predicate = predicateFor(target, schema, where)
  const holder: Record<string, unknown> = {}
  const resource = target.extension === undefined ? holder : { [target.extension]: holder }
  const name = target.attribute.name
  return (element) => {
    holder[name] = element
    return predicate(resource)
  }
}

/** Throws the ScimError elementMatcher would, before any value is at hand (normalisePatch checks paths early). */
export function checkValueFilter(target: PatchTarget, schema: ResourceSchema, where: string): void {
  if (target.filter) predicateFor(target, schema, where)
}
