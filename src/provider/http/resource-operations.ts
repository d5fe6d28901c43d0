import { etagMatches } from '../../scim/etag.js'
import { listResponse } from '../../scim/messages/list-response.js'
import type { SearchRequest } from '../../scim/messages/search-request.js'
import { normalisePatch } from '../../scim/patch/normalise-patch.js'
import { compileProjection, type Projection } from '../../scim/projection/project-resource.js'
import type { ResourceSchema } from '../../scim/schema/resource-schema.js'
import type { ScimResource } from '../../scim/schema/types.js'
import { ScimError } from '../../scim/scim-error.js'
import { validateResource } from '../../scim/validation/validate-resource.js'
import type { ReadOptions, ResourceTypeName } from '../store/types.js'
import type { ScimLimits } from './limits.js'
import { toQueryOptions } from './list-request.js'
import type { ScimRequestContext } from './scim-context.js'

/** What one SCIM operation answers: status, body, and the Location and ETag headers. */
export interface OperationResult {
  status: number
  /** The id of the resource created. */
  id?: string
  body?: unknown
  location?: string
  etag?: string
}

/** One operation on a tenant's Users or Groups, as the routes and /Bulk both describe it. */
export interface OperationRequest {
  ctx: ScimRequestContext
  /** SCIM base URL, for Location and meta.location. */
  baseUrl: string
  type: ResourceTypeName
  id?: string
  body?: unknown
  /** `attributes` / `excludedAttributes` for the answer (RFC 7644 §3.9), as names. */
  attributes?: readonly string[]
  excludedAttributes?: readonly string[]
  ifMatch?: string
  ifNoneMatch?: string
  /** PATCH only: answer 204 without a body (the client sent `Prefer: return=minimal`). */
  minimal?: boolean
}

const ENDPOINT: Record<ResourceTypeName, string> = { User: 'Users', Group: 'Groups' }

/** POST /Users, /Groups: validates, stores, answers 201 with Location and ETag. */
export async function createResource(req: OperationRequest): Promise<OperationResult> {
  const schema = await resourceSchema(req)
  const input = validateResource(req.body, schema, { mode: 'create' })
  const shape = answerShape(req, schema)
  const created = await req.ctx.resources.create(req.type, input, shape.read)
  return { ...present(req, 201, created, shape), id: String(created.id) }
}

/** GET /Users/{id}: the resource, or 304 when If-None-Match matches its version. */
export async function getResource(req: OperationRequest): Promise<OperationResult> {
  const schema = await resourceSchema(req)
  const shape = answerShape(req, schema)
  const found = await req.ctx.resources.get(req.type, requireId(req), shape.read)
  const version = versionOf(found)
  if (req.ifNoneMatch !== undefined && version !== undefined && etagMatches(req.ifNoneMatch, version)) {
    return { status: 304, etag: version }
  }
  return present(req, 200, found, shape)
}

/** PUT /Users/{id}: replaces every writable attribute; If-Match guards it. */
export async function replaceResource(req: OperationRequest): Promise<OperationResult> {
  const schema = await resourceSchema(req)
  const input = validateResource(req.body, schema, { mode: 'replace' })
  const shape = answerShape(req, schema)
  const replaced = await req.ctx.resources.replace(req.type, requireId(req), input, {
    ...shape.read,
    ifMatch: req.ifMatch,
  })
  return present(req, 200, replaced, shape)
}

/**
 * PATCH /Users/{id}: normalises the client's dialect (Entra, Okta) into RFC operations and applies them atomically.
 * Answers 200 with the resource, or 204 with only the ETag when the client prefers a minimal answer.
 */
export async function patchResource(req: OperationRequest): Promise<OperationResult> {
  const schema = await resourceSchema(req)
  const operations = normalisePatch(req.body, schema)
  const shape = answerShape(req, schema)
  const read: ReadOptions = req.minimal ? { includeMembers: false, includeGroups: false } : shape.read
  const patched = await req.ctx.resources.patch(req.type, requireId(req), operations, {
    ...read,
    ifMatch: req.ifMatch,
  })
  if (req.minimal) return { status: 204, etag: versionOf(patched), location: locationOf(req, patched) }
  return present(req, 200, patched, shape)
}

/** DELETE /Users/{id}: 204; If-Match guards it. */
export async function deleteResource(req: OperationRequest): Promise<OperationResult> {
  await req.ctx.resources.delete(req.type, requireId(req), { ifMatch: req.ifMatch })
  return { status: 204 }
}

/** GET /Users?filter=…, POST /Users/.search: a ListResponse page (index or RFC 9865 cursor pagination). */
export async function listResources(
  req: OperationRequest,
  search: SearchRequest,
  limits: ScimLimits,
): Promise<OperationResult> {
  const schema = await resourceSchema(req)
  const shape = answerShape(req, schema)
  const query = toQueryOptions(search, limits, shape.read)
  const result = await req.ctx.resources.query(req.type, query)
  const resources = result.resources.map((r) => located(req, shape, r))
  const body = listResponse(resources, {
    totalResults: result.totalResults,
    startIndex: query.cursor === undefined ? (query.startIndex ?? 1) : undefined,
    nextCursor: result.nextCursor,
  })
  return { status: 200, body }
}

async function resourceSchema(req: OperationRequest): Promise<ResourceSchema> {
  return (await req.ctx.schemas()).resource(req.type)
}

/** How an answer is read and projected: what to load, and the compiled projection. */
interface AnswerShape {
  read: ReadOptions
  projection: (r: ScimResource) => ScimResource
  /** Whether the answer has `meta.location` (which the store does not know: it is added after the projection). */
  location: boolean
}

/**
 * Compiled answer shapes per resource schema and attribute lists. A tenant's schemas are cached objects that are
 * replaced when a custom attribute changes, so the WeakMap forgets shapes of outdated schemas by itself.
 */
const shapes = new WeakMap<ResourceSchema, Map<string, AnswerShape>>()

/** What to read for the answer and how to project it (compiled once per schema and attribute lists). */
function answerShape(req: OperationRequest, schema: ResourceSchema): AnswerShape {
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
  const read: ReadOptions =
    req.type === 'Group'
      ? { includeMembers: keeps(projection, 'members') }
      : { includeGroups: keeps(projection, 'groups') }
  const shape = {
    read,
    projection: (r: ScimResource) => projection.apply(r),
    location: keepsLocation(projection),
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

const PROBE_VALUE = [{ value: 'probe', display: 'probe', type: 'User', $ref: 'probe' }]

/** Whether the projection keeps a multi-valued reference attribute (members, groups): only then is it loaded. */
function keeps(projection: Projection, attribute: 'members' | 'groups'): boolean {
  return projection.apply({ schemas: [], id: 'probe', [attribute]: PROBE_VALUE })[attribute] !== undefined
}

/** Whether the projection keeps `meta.location`. */
function keepsLocation(projection: Projection): boolean {
  const meta = projection.apply({ schemas: [], id: 'probe', meta: { location: 'probe' } }).meta
  return (meta as { location?: unknown } | undefined)?.location !== undefined
}

function present(
  req: OperationRequest,
  status: number,
  resource: ScimResource,
  shape: AnswerShape,
): OperationResult {
  return {
    status,
    body: located(req, shape, resource),
    etag: versionOf(resource),
    location: locationOf(req, resource),
  }
}

/** The resource as the answer shows it: projected, with `meta.location` when the projection returns it. */
function located(req: OperationRequest, shape: AnswerShape, resource: ScimResource): ScimResource {
  const projected = shape.projection(resource)
  if (shape.location) {
    // A copy (the projection may share `meta` with the stored resource), made key by key: V8 adds a property to a
    // spread copy on its slow path.
    const meta: Record<string, unknown> = {}
    const projectedMeta = projected.meta as Record<string, unknown> | undefined
    for (const key in projectedMeta) meta[key] = projectedMeta[key]
    meta.location = locationOf(req, resource)
    projected.meta = meta
  }
  return projected
}

function locationOf(req: OperationRequest, resource: ScimResource): string {
  return `${req.baseUrl}/${ENDPOINT[req.type]}/${encodeURIComponent(String(resource.id))}`
}

function versionOf(resource: ScimResource): string | undefined {
  const version = (resource.meta as { version?: unknown } | undefined)?.version
  return typeof version === 'string' ? version : undefined
}

function requireId(req: OperationRequest): string {
  if (!req.id) throw new ScimError(404, undefined, `No ${req.type} id in the path`)
  return req.id
}
