import { etagMatches } from '../../scim/etag.js'
import { listResponseJson } from '../../scim/messages/list-response.js'
import type { SearchRequest } from '../../scim/messages/search-request.js'
import { normalisePatch } from '../../scim/patch/normalise-patch.js'
import type { ResourceSchema } from '../../scim/schema/resource-schema.js'
import type { ScimResource } from '../../scim/schema/types.js'
import { ScimError } from '../../scim/scim-error.js'
import { validateResource } from '../../scim/validation/validate-resource.js'
import { versionTag } from '../store/resource-rows.js'
import type { ReadOptions, ResourceTypeName } from '../store/types.js'
import { type AnswerShape, answerShape, shownResource } from './answer-shape.js'
import type { ScimLimits } from './limits.js'
import { toQueryOptions } from './list-request.js'
import { resourceJson } from './resource-json.js'
import type { ScimRequestContext } from './scim-context.js'

/** What one SCIM operation answers: status, body, and the Location and ETag headers. */
export interface OperationResult {
  status: number
  /** The id of the resource created. */
  id?: string
  /** The answer: a JSON value, or its JSON text already. */
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

/** GET /Users/{id}: the resource (as JSON text), or 304 when If-None-Match matches its version. */
export async function getResource(req: OperationRequest): Promise<OperationResult> {
  const schema = await resourceSchema(req)
  const shape = answerShape(req, schema)
  const found = await req.ctx.resources.getStored(req.type, requireId(req), shape.read)
  const version = versionTag(found.row.version)
  if (req.ifNoneMatch !== undefined && etagMatches(req.ifNoneMatch, version)) {
    return { status: 304, etag: version }
  }
  const location = locationOf(req, found.row.id)
  return { status: 200, body: resourceJson(found, shape, location), etag: version, location }
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
  if (req.minimal) {
    return { status: 204, etag: versionOf(patched), location: locationOf(req, String(patched.id)) }
  }
  return present(req, 200, patched, shape)
}

/** DELETE /Users/{id}: 204; If-Match guards it. */
export async function deleteResource(req: OperationRequest): Promise<OperationResult> {
  await req.ctx.resources.delete(req.type, requireId(req), { ifMatch: req.ifMatch })
  return { status: 204 }
}

/**
 * GET /Users?filter=…, POST /Users/.search: a ListResponse page (index or RFC 9865 cursor pagination), as JSON text.
 */
export async function listResources(
  req: OperationRequest,
  search: SearchRequest,
  limits: ScimLimits,
): Promise<OperationResult> {
  const schema = await resourceSchema(req)
  const shape = answerShape(req, schema)
  const query = toQueryOptions(search, limits, shape.read)
  const result = await req.ctx.resources.queryStored(req.type, query)
  const resources = result.resources.map((r) => resourceJson(r, shape, locationOf(req, r.row.id)))
  const body = listResponseJson(resources, {
    totalResults: result.totalResults,
    startIndex: query.cursor === undefined ? (query.startIndex ?? 1) : undefined,
    nextCursor: result.nextCursor,
  })
  return { status: 200, body }
}

async function resourceSchema(req: OperationRequest): Promise<ResourceSchema> {
  return (await req.ctx.schemas()).resource(req.type)
}

function present(
  req: OperationRequest,
  status: number,
  resource: ScimResource,
  shape: AnswerShape,
): OperationResult {
  const location = locationOf(req, String(resource.id))
  return { status, body: shownResource(shape, resource, location), etag: versionOf(resource), location }
}

function locationOf(req: OperationRequest, id: string): string {
  return `${req.baseUrl}/${ENDPOINT[req.type]}/${encodeURIComponent(id)}`
}

function versionOf(resource: ScimResource): string | undefined {
  const version = (resource.meta as { version?: unknown } | undefined)?.version
  return typeof version === 'string' ? version : undefined
}

function requireId(req: OperationRequest): string {
  if (!req.id) throw new ScimError(404, undefined, `No ${req.type} id in the path`)
  return req.id
}
