import type { FastifyRequest } from 'fastify'
import { ScimError } from '../../scim/scim-error.js'
import type { ResourceStore, Tenant, TenantSchemas, TenantStore } from '../store/types.js'

/** One change a request made, for the activity log (Bulk notes one per operation). */
export interface ActivityNote {
  method: string
  path: string
  resourceType: string | null
  resourceId: string | null
  status: number
  durationMs: number
}

/**
 * What an authenticated SCIM request carries: its tenant, token and the tenant's resources. A class rather than an
 * object literal with a `schemas` closure: it is made for every request, and a method costs nothing per instance.
 */
export class ScimRequestContext {
  /** The resource a single-resource request touched (for the activity log). */
  resourceType?: string
  resourceId?: string
  /** Set by handlers that log their own entries (Bulk) or none (searches). */
  activity?: ActivityNote[]

  constructor(
    readonly tenant: Tenant,
    readonly tokenId: string,
    readonly resources: ResourceStore,
    private readonly tenants: TenantStore,
  ) {}

  /** The tenant's schemas (cached by the store). */
  schemas(): Promise<TenantSchemas> {
    return this.tenants.schemas(this.tenant.id)
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    scim: ScimRequestContext | null
  }
}

/** The SCIM context of an authenticated request; throws 401 if the auth hook did not run (a wiring bug). */
export function scimContext(request: FastifyRequest): ScimRequestContext {
  if (!request.scim) throw new ScimError(401, undefined, 'Not authenticated')
  return request.scim
}
