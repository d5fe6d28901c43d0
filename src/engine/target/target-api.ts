import { printFilterValue } from '../../scim/filter/filter-printer.js'
import type { RawPatchRequest } from '../../scim/patch/patch-operation.js'
import type { ScimClient, ScimRequest, ScimResponse } from '../client/scim-client.js'
import { EngineError } from '../engine-error.js'
import type { ObjectType } from '../store/link-store.js'

/** The request sent and the target's answer, for the provisioning log. */
export interface Exchange {
  request: { method: string; path: string; body?: unknown }
  response: ScimResponse
}

/** Target ids found by a matching query. */
export interface MatchResult extends Exchange {
  ids: string[]
}

const ENDPOINTS: Record<ObjectType, string> = { user: '/Users', group: '/Groups' }

/** The SCIM operations the engine performs on a target, built as Entra builds them (filters with `eq` only). */
export class TargetApi {
  readonly #client: ScimClient

  constructor(client: ScimClient) {
    this.#client = client
  }

  /** Finds objects whose `attribute` equals `value` (`GET /Users?filter=userName eq "…"`; groups without members). */
  async find(objectType: ObjectType, attribute: string, value: string): Promise<MatchResult> {
    const query: Record<string, string> = { filter: `${attribute} eq ${printFilterValue(value)}` }
    if (objectType === 'group') query.excludedAttributes = 'members'
    const exchange = await this.#send({ method: 'GET', path: ENDPOINTS[objectType], query })
    const { response } = exchange
    if (response.status !== 200) return { ...exchange, ids: [] }
    const body = response.body as { Resources?: Array<{ id?: unknown }>; totalResults?: unknown } | undefined
    if (
      !body ||
      typeof body !== 'object' ||
      (body.Resources !== undefined && !Array.isArray(body.Resources))
    ) {
      throw new EngineError(
        'TARGET_RESPONSE_INVALID',
        'the target answered the query, but not with a SCIM ListResponse',
        {
          status: response.status,
          detail: response.body,
        },
      )
    }
    const ids = (body.Resources ?? []).map((r) => r.id).filter((id): id is string => typeof id === 'string')
    return { ...exchange, ids }
  }

  /** One page of objects with only `attributes` (and id); undefined when the target does not list them. */
  async list(
    objectType: ObjectType,
    attributes: readonly string[],
    startIndex: number,
    count: number,
  ): Promise<{ resources: Array<Record<string, unknown>>; totalResults: number } | undefined> {
    const query = {
      attributes: ['id', ...attributes].join(','),
      startIndex: String(startIndex),
      count: String(count),
    }
    const { response } = await this.#send({ method: 'GET', path: ENDPOINTS[objectType], query })
    const body = response.body as { Resources?: unknown; totalResults?: unknown } | undefined
    if (response.status !== 200 || !body || typeof body.totalResults !== 'number') return undefined
    const resources = Array.isArray(body.Resources) ? (body.Resources as Array<Record<string, unknown>>) : []
    return { resources, totalResults: body.totalResults }
  }

  /** `POST /Users` or `/Groups`. */
  create(objectType: ObjectType, body: unknown): Promise<Exchange> {
    return this.#send({ method: 'POST', path: ENDPOINTS[objectType], body })
  }

  /** `PATCH /Users/{id}` or `/Groups/{id}`. */
  patch(objectType: ObjectType, id: string, body: RawPatchRequest): Promise<Exchange> {
    return this.#send({ method: 'PATCH', path: `${ENDPOINTS[objectType]}/${encodeURIComponent(id)}`, body })
  }

  /** `DELETE /Users/{id}` or `/Groups/{id}`. */
  delete(objectType: ObjectType, id: string): Promise<Exchange> {
    return this.#send({ method: 'DELETE', path: `${ENDPOINTS[objectType]}/${encodeURIComponent(id)}` })
  }

  async #send(request: ScimRequest): Promise<Exchange> {
    const response = await this.#client.send(request)
    const query = request.query ? `?${new URLSearchParams(request.query).toString()}` : ''
    return {
      request: { method: request.method, path: `${request.path}${query}`, body: request.body },
      response,
    }
  }
}

/** The detail a target put in a SCIM error body, or its status. */
export function targetDetail(response: ScimResponse): string {
  const body = response.body as { detail?: unknown; scimType?: unknown } | string | undefined
  if (typeof body === 'object' && body && typeof body.detail === 'string') {
    return `${response.status}${typeof body.scimType === 'string' ? ` ${body.scimType}` : ''}: ${body.detail}`
  }
  if (typeof body === 'string' && body.length > 0) return `${response.status}: ${body.slice(0, 300)}`
  return `${response.status}`
}
