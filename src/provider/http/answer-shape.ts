import { compileProjection, type Projection } from '../../scim/projection/project-resource.js'
import type { ResourceSchema } from '../../scim/schema/resource-schema.js'
import type { ScimResource } from '../../scim/schema/types.js'
import { derivedName } from '../store/resource-rows.js'
import type { ReadOptions, ResourceTypeName } from '../store/types.js'

/** How an answer is read and projected: what to load, and the compiled projection. */
export interface AnswerShape {
  read: ReadOptions
  projection: Projection
  /** Whether the answer has `meta.location` (which the store does not know: it is added after the projection). */
  location: boolean
  /**
   * Whether the projection keeps what the store adds to the stored attributes (id, meta and the derived attribute,
   * when read) as it is: then a stored resource whose JSON the projection leaves alone may be sent as text.
   */
  keepsOwned: boolean
}

/** What an answer shape depends on. */
export interface ShapeRequest {
  type: ResourceTypeName
  /** `attributes` / `excludedAttributes` for the answer (RFC 7644 §3.9), as names. */
  attributes?: readonly string[]
  excludedAttributes?: readonly string[]
}

/**
 * Compiled answer shapes per resource schema and attribute lists. A tenant's schemas are cached objects that are
 * replaced when a custom attribute changes, so the WeakMap forgets shapes of outdated schemas by itself.
 */
const shapes = new WeakMap<ResourceSchema, Map<string, AnswerShape>>()

/** What to read for the answer and how to project it (compiled once per schema and attribute lists). */
export function answerShape(req: ShapeRequest, schema: ResourceSchema): AnswerShape {
  const key = `${req.attributes?.join(',') ?? ''}\u0000${req.excludedAttributes?.join(',') ?? ''}`
  let bySchema = shapes.get(schema)
  if (!bySchema) {
    bySchema = new Map()
    shapes.set(schema, bySchema)
  }
  const cached = bySchema.get(key)
  if (cached) return cached
  const projection = compileProjection(schema, {
    attributes: withoutValueFilters(req.attributes),
    excludedAttributes: withoutValueFilters(req.excludedAttributes),
  })
  const derived = derivedName(req.type)
  const probe = projection.apply({ schemas: [], id: 'probe', [derived]: PROBE_VALUE, meta: PROBE_META })
  const readsDerived = probe[derived] !== undefined
  const shape: AnswerShape = {
    read: req.type === 'Group' ? { includeMembers: readsDerived } : { includeGroups: readsDerived },
    projection,
    location: (probe.meta as { location?: unknown } | undefined)?.location !== undefined,
    // id is returned always, whatever the request.
    keepsOwned:
      JSON.stringify(probe.meta) === JSON.stringify(PROBE_META) &&
      (!readsDerived || JSON.stringify(probe[derived]) === JSON.stringify(PROBE_VALUE)),
  }
  if (bySchema.size >= 1000) bySchema.clear()
  bySchema.set(key, shape)
  return shape
}

/**
 * Attribute names with any value filter removed: `emails[type eq "work"]` (not RFC syntax, but Microsoft's test
 * collection sends it) names `emails`.
 */
function withoutValueFilters(names: readonly string[] | undefined): string[] | undefined {
  return names?.map((name) => name.replace(/\[[^\]]*\]/g, ''))
}

/** A derived value with every sub-attribute a member or group can have: loaded only when the projection keeps it. */
const PROBE_VALUE = [{ value: 'probe', display: 'probe', type: 'User', $ref: 'probe' }]
const PROBE_META = {
  resourceType: 'probe',
  created: 'probe',
  lastModified: 'probe',
  version: 'probe',
  location: 'probe',
}

/** The resource as the answer shows it: projected, with `meta.location` when the projection returns it. */
export function shownResource(shape: AnswerShape, resource: ScimResource, location: string): ScimResource {
  const projected = shape.projection.apply(resource)
  if (shape.location) {
    // A copy (the projection may share `meta` with the stored resource), made key by key: V8 adds a property to a
    // spread copy on its slow path.
    const meta: Record<string, unknown> = {}
    const projectedMeta = projected.meta as Record<string, unknown> | undefined
    for (const key in projectedMeta) meta[key] = projectedMeta[key]
    meta.location = location
    projected.meta = meta
  }
  return projected
}
