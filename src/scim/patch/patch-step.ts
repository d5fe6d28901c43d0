import type { ResourceSchema } from '../schema/resource-schema.js'
import type { AttributeDefinition } from '../schema/types.js'
import { ScimError } from '../scim-error.js'
import type { AttributeSlot } from './attribute-slot.js'
import type { CopyOnWrite } from './copy-on-write.js'
import { describeTarget, type PatchTarget } from './patch-target.js'
import { jsonEqual } from './values-equal.js'

/** One operation being applied: the draft resource, the schema, the resolved target, its slot and where it is. */
export interface PatchStep {
  draft: CopyOnWrite
  schema: ResourceSchema
  target: PatchTarget
  slot: AttributeSlot
  /** `Operations[2]`, the prefix of every error message. */
  where: string
}

/** ScimError 400 mutability naming the operation and the attribute. */
function mutabilityError(step: PatchStep, name: string, why: string): ScimError {
  return new ScimError(400, 'mutability', `${step.where}: "${name}" ${why}`)
}

/** ScimError 400 noTarget naming the operation and the path. */
export function noTargetError(step: PatchStep): ScimError {
  return new ScimError(
    400,
    'noTarget',
    `${step.where}: no value of "${step.target.attribute.name}" matches the path ${describeTarget(step.target)}`,
  )
}

/**
 * Throws ScimError 400 mutability when an immutable attribute that has a value would get another one: it may be set
 * only while it has none (RFC 7644 §3.5.2).
 */
export function checkImmutable(
  step: PatchStep,
  definition: AttributeDefinition,
  current: unknown,
  next: unknown,
): void {
  if (definition.mutability !== 'immutable' || current === undefined || current === null) return
  if (jsonEqual(current, next)) return
  throw mutabilityError(step, definition.name, 'is immutable: it can be set only while it has no value')
}

/**
 * Throws ScimError 400 mutability when removing (or unassigning) the attribute is not allowed: it is required, or it
 * is immutable and has a value (RFC 7644 §3.5.2.2).
 */
export function checkRemovable(step: PatchStep, definition: AttributeDefinition, current: unknown): void {
  if (definition.required) throw mutabilityError(step, definition.name, 'is required and cannot be removed')
  checkImmutable(step, definition, current, undefined)
}
