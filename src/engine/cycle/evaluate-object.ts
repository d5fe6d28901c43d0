import { evaluateMappings } from '../mapping/index.js'
import type { MappingSet, ScimResource, SourceObject } from '../mapping/types.js'
import type { FlatAttributes } from '../requests/attribute-diff.js'
import type { ObjectType } from '../store/link-store.js'

/** Translates a source id into its linked target id, or undefined when it is not linked (yet). */
export type ResolveReference = (kind: ObjectType, sourceId: string) => string | undefined

/** A source object evaluated for the target. */
export interface EvaluatedObject {
  /** The body of a create (references only where resolved; group members never: they go as deltas). */
  resource: ScimResource
  /** Target path → value, references as target ids; what an update diffs against what was last sent. */
  flat: FlatAttributes
  /** A reference could not be resolved and was left out; a later pass sends it. */
  pendingReferences: boolean
}

/** Evaluates the mappings of `set` for one source object, in create or update mode. */
export function evaluateObject(
  set: MappingSet,
  source: SourceObject,
  mode: 'create' | 'update',
  resolve: ResolveReference,
  clock: { now: () => Date; newGuid: () => string },
): EvaluatedObject {
  const result = evaluateMappings(set, source, {
    mode,
    now: clock.now,
    newGuid: clock.newGuid,
    resolveReference: resolve,
  })
  const flat: FlatAttributes = {}
  let pendingReferences = false
  for (const attribute of result.attributes) {
    if (isMembers(attribute.target)) continue
    if (!attribute.reference) {
      flat[attribute.target] = attribute.value
      continue
    }
    const ids = Array.isArray(attribute.value) ? (attribute.value as string[]) : [attribute.value as string]
    const resolved = ids.map((id) => resolve(attribute.reference!, id))
    if (resolved.some((id) => id === undefined)) pendingReferences = true
    const known = resolved.filter((id): id is string => id !== undefined)
    if (known.length > 0) flat[attribute.target] = Array.isArray(attribute.value) ? known : known[0]
  }
  const resource = { ...result.resource }
  delete resource.members
  return { resource, flat, pendingReferences }
}

/** Target paths an update leaves alone when they stop flowing: create-only mappings and those with a default value. */
export function keptOnUpdate(set: MappingSet): (path: string) => boolean {
  const kept = new Set(
    set.mappings
      .filter((m) => m.apply === 'createOnly' || m.defaultValue !== undefined || m.source.type === 'none')
      .map((m) => m.target),
  )
  return (path) => kept.has(path)
}

/** Target paths of reference mappings (manager), whose PATCH value is `{ value: id }` in RFC form. */
export function referencePaths(set: MappingSet): Set<string> {
  return new Set(set.mappings.filter((m) => m.reference && !isMembers(m.target)).map((m) => m.target))
}

/** Whether the group mappings carry memberships (a `members` mapping). */
export function syncsMembers(set: MappingSet): boolean {
  return set.enabled && set.mappings.some((m) => isMembers(m.target) && m.source.type !== 'none')
}

function isMembers(target: string): boolean {
  return target.toLowerCase() === 'members'
}
