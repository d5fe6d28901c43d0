import type { ResourceSchema } from '../schema/resource-schema.js'
import type { ScimResource } from '../schema/types.js'
import { ScimError } from '../scim-error.js'
import { AttributeSlot } from './attribute-slot.js'
import { CopyOnWrite } from './copy-on-write.js'
import { expandPathless } from './expand-pathless.js'
import type { PatchOperation, PatchOpName } from './patch-operation.js'
import type { PatchStep } from './patch-step.js'
import { resolveTarget } from './patch-target.js'
import { removeTarget } from './remove-target.js'
import { conformTargetValue } from './target-value.js'
import { writeElements } from './write-elements.js'
import { addValues, replaceValues, setValue } from './write-values.js'

function applyAtPath(step: PatchStep, op: PatchOpName, value: unknown): void {
  const { target, where } = step
  if (op === 'remove') {
    removeTarget(step)
    return
  }
  if (value === undefined) throw new ScimError(400, 'invalidValue', `${where}: "${op}" needs a "value"`)
  const conformed = conformTargetValue(target, value, where)
  const { attribute } = target
  if (conformed === null) {
    // A null value unassigns (RFC 7643 §2.5): nothing to add, and replace with null removes.
    if (op === 'replace') removeTarget(step)
  } else if (
    attribute.type === 'complex' &&
    (target.filter || target.subAttribute || !attribute.multiValued)
  ) {
    writeElements(step, op, conformed)
  } else if (!attribute.multiValued) {
    setValue(step, conformed)
  } else if (op === 'add') {
    addValues(step, conformed as unknown[])
  } else {
    replaceValues(step, conformed as unknown[])
  }
}

/**
 * Applies PATCH operations in RFC form (as `normalisePatch` returns them) to a resource, exactly per RFC 7644
 * §3.5.2.1–3, and returns the patched resource with canonical attribute names.
 *
 * - Never mutates `resource`: the result shares every part no operation touched (treat both as immutable).
 * - All or nothing: the first failing operation throws a ScimError (400 invalidPath, noTarget, mutability or
 *   invalidValue, its message starting with `Operations[i]`) and nothing is returned.
 * - Values are type-checked strictly (RFC JSON types); the client dialects are `normalisePatch`'s business.
 *
 * @example applyPatch(user, normalisePatch(body, registry.resourceSchema('User')), registry.resourceSchema('User'))
 */
export function applyPatch(
  resource: ScimResource,
  operations: readonly PatchOperation[],
  schema: ResourceSchema,
): ScimResource {
  const draft = new CopyOnWrite(resource)
  for (let i = 0; i < operations.length; i++) {
    const { op, path, value } = operations[i]
    const where = `Operations[${i}]`
    if (op !== 'add' && op !== 'remove' && op !== 'replace') {
      throw new ScimError(
        400,
        'invalidSyntax',
        `${where}: "op" must be "add", "remove" or "replace", not "${op}"`,
      )
    }
    if (path) {
      const target = resolveTarget(path, schema, where)
      applyAtPath({ draft, schema, target, slot: new AttributeSlot(draft, target), where }, op, value)
      continue
    }
    if (op === 'remove')
      throw new ScimError(400, 'noTarget', `${where}: "remove" needs a "path" (RFC 7644 §3.5.2.2)`)
    for (const expanded of expandPathless(op, value, schema, where)) {
      const target = resolveTarget(expanded.path!, schema, where)
      applyAtPath(
        { draft, schema, target, slot: new AttributeSlot(draft, target), where },
        op,
        expanded.value,
      )
    }
  }
  return draft.root
}
