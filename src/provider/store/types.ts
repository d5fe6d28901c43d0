import type { AttrPath, Filter } from '../../scim/filter/ast.js'
import type { PatchOperation } from '../../scim/patch/patch-operation.js'
import type { ResourceSchema } from '../../scim/schema/resource-schema.js'
import type { SchemaRegistry } from '../../scim/schema/schema-registry.js'
import type { ScimResource } from '../../scim/schema/types.js'
import type { EmployeeAttributes } from './employee-references.js'
import type { StoredResource } from './resource-rows.js'

export type { PatchOperation }

/**
 * The storage of the SCIM service provider: tenants and their tokens, each tenant's Users and Groups, and the
 * activity log. Every method is scoped by tenant: an id of another tenant is simply not found.
 *
 * Errors are the typed errors of `./errors.js` (NotFoundError, UniquenessError, PreconditionFailedError,
 * InvalidCursorError, InvalidValueError); `toScimError` there maps them to SCIM errors.
 */
export interface ProviderStore {
  readonly tenants: TenantStore
  readonly activity: ActivityLog
  /** The Users and Groups of one tenant. Cheap: call it per request. */
  resources(tenantId: string): ResourceStore
}

/** Options of `openProviderStore`. Time, randomness and secrets are passed in so tests control them. */
export interface ProviderStoreOptions {
  /** Current time; default `() => new Date()`. */
  clock?: () => Date
  /** New ids for tenants, tokens, resources and log entries; default `crypto.randomUUID`. */
  newId?: () => string
  /** Random bytes for bearer tokens; default `crypto.randomBytes`. */
  randomBytes?: (size: number) => Uint8Array
  /**
   * HMAC key that makes cursors tamper-evident (RFC 9865). Default: random per process, so cursors do not survive a
   * restart (they then fail as InvalidCursorError). Pass a stable secret to keep them valid across restarts.
   */
  cursorSecret?: string | Uint8Array
  /** Don't write a token's last-used time more often than this; default 60,000 ms. */
  lastUsedGranularityMs?: number
}

// ---------------------------------------------------------------------------------------------------------------
// Tenants, tokens, custom attributes

/** A company using the app. */
export interface Tenant {
  id: string
  /** Unique, as given (uniqueness ignores case). */
  name: string
  createdAt: string
  /** Whether Employee Provisioning is on: only then do its tokens authenticate. */
  provisioningEnabled: boolean
  /** URN of the tenant's custom User extension, default `urn:ietf:params:scim:schemas:extension:peakon:2.0:User`. */
  customSchema: string
}

/** A freshly issued bearer token: `token` is shown once in full and never stored. */
export interface IssuedToken {
  tokenId: string
  /** `pvs_` followed by 32 random bytes in base64url. */
  token: string
}

/** What the store keeps about a token: never the token itself. */
export interface TokenInfo {
  id: string
  tenantId: string
  createdAt: string
  /** Updated at most once a minute (ProviderStoreOptions.lastUsedGranularityMs). */
  lastUsedAt: string | null
  revokedAt: string | null
}

/** A successful authentication: the tenant the token selects and the token's id (for the activity log). */
export interface Authenticated {
  tenant: Tenant
  tokenId: string
}

/**
 * Value types of custom attributes (Peakon's attribute types): `string` (option, ≤ 256 characters), `date` (ISO 8601
 * dateTime), `integer`, `employee` (a reference to another employee, given as their email or id).
 */
export type CustomAttributeType = 'string' | 'date' | 'integer' | 'employee'

export interface CustomAttributeInput {
  /** The attribute's display name; spaces allowed ("Business Unit"), unique per tenant ignoring case. */
  name: string
  type: CustomAttributeType
  description?: string
}

export interface CustomAttribute {
  name: string
  type: CustomAttributeType
  description: string
  createdAt: string
}

/**
 * The schemas one tenant's SCIM endpoint serves: core User (+ enterprise and the tenant's custom extension) and
 * Group. Cached per tenant and rebuilt when a custom attribute changes.
 */
export interface TenantSchemas {
  /**
   * The tenant's registry (default registry + the custom extension on User), for /Schemas and /ResourceTypes.
   * Shared by every request of the tenant: read it, never change it.
   */
  readonly registry: SchemaRegistry
  /** The resource schema for filters, PATCH, projection and validation of one resource type. */
  resource(type: ResourceTypeName): ResourceSchema
  /** The custom attributes of type `employee`, whose values must name an existing employee. */
  readonly employees: EmployeeAttributes
}

/** Tenants, their bearer tokens and custom attribute definitions. */
export interface TenantStore {
  /** Creates a tenant with provisioning off. Throws UniquenessError when the name is taken (ignoring case). */
  create(name: string): Promise<Tenant>
  /** A tenant by id, or undefined. */
  get(tenantId: string): Promise<Tenant | undefined>
  /** A tenant by name (ignoring case), or undefined. */
  getByName(name: string): Promise<Tenant | undefined>
  /** Every tenant, by name. */
  list(): Promise<Tenant[]>
  /**
   * Switches Employee Provisioning on and issues a new token (the earlier ones stay valid; use rotateToken to
   * replace them). Throws NotFoundError for an unknown tenant.
   */
  enableProvisioning(tenantId: string): Promise<IssuedToken>
  /** Switches provisioning off: tokens stop authenticating until it is on again. Tokens are kept. */
  disableProvisioning(tenantId: string): Promise<void>
  /** Issues a new token and revokes every earlier one of the tenant. Turns provisioning on. */
  rotateToken(tenantId: string): Promise<IssuedToken>
  /** Revokes every token of the tenant (or only `tokenId`). */
  revokeTokens(tenantId: string, tokenId?: string): Promise<void>
  /** The tenant's tokens, newest first: metadata only. */
  tokens(tenantId: string): Promise<TokenInfo[]>
  /**
   * The tenant a bearer token selects, or undefined when the token is unknown, revoked, malformed or its tenant has
   * provisioning off. Looks the SHA-256 hash up by index and compares in constant time; records the last-used time
   * at most once a minute per token.
   */
  authenticate(token: string): Promise<Authenticated | undefined>
  /**
   * Defines (or redefines the type and description of) a custom attribute of the tenant's extension schema.
   * Throws InvalidValueError for an empty or reserved name.
   */
  defineCustomAttribute(tenantId: string, attribute: CustomAttributeInput): Promise<CustomAttribute>
  /** Removes a custom attribute definition; values already stored stay with their resources, unvalidated. */
  removeCustomAttribute(tenantId: string, name: string): Promise<void>
  /** The tenant's custom attributes, by name. */
  customAttributes(tenantId: string): Promise<CustomAttribute[]>
  /** The tenant's schemas (cached; invalidated by define/removeCustomAttribute). Throws NotFoundError. */
  schemas(tenantId: string): Promise<TenantSchemas>
}

// ---------------------------------------------------------------------------------------------------------------
// Resources

export type ResourceTypeName = 'User' | 'Group'

/** What to read alongside a resource. */
export interface ReadOptions {
  /**
   * Groups: whether to load `members` (default true). Pass false for `excludedAttributes=members` or when the
   * answer carries no body: the membership table is then not touched.
   */
  includeMembers?: boolean
  /** Users: whether to derive `groups` from the membership table (default true). */
  includeGroups?: boolean
}

/** An optimistic concurrency check. */
export interface WriteOptions {
  /**
   * An entity tag from If-Match: a `meta.version` value (`W/"3"`; with or without the `W/` prefix) or `*`. A
   * mismatch throws PreconditionFailedError and changes nothing.
   */
  ifMatch?: string
}

export type SortOrder = 'ascending' | 'descending'

export interface QueryOptions extends ReadOptions {
  /** Parsed filter; evaluated exactly (SQL where it can, in memory on a SQL superset where it cannot). */
  filter?: Filter
  /**
   * Sort key. Sorted in SQL: id, userName, displayName, externalId, meta.created, meta.lastModified. Any other
   * attribute throws InvalidValueError (400 invalidValue). Default order: meta.created then id.
   */
  sortBy?: AttrPath
  /** Default ascending. */
  sortOrder?: SortOrder
  /** 1-based index of the first result (RFC 7644 §3.4.2.4); values below 1 count as 1. Ignored with a cursor. */
  startIndex?: number
  /**
   * Page size. 0 gives totalResults only. Undefined means every result: the HTTP layer passes its maximum page
   * size as the default and caps what clients ask for.
   */
  count?: number
  /**
   * RFC 9865: `''` asks for the first page in cursor mode; a `nextCursor` from an earlier answer asks for the next.
   * A cursor is bound to the tenant, resource type, filter and sort; a tampered, foreign or mismatched cursor throws
   * InvalidCursorError.
   */
  cursor?: string
}

export interface QueryResult<R = ScimResource> {
  /** Exact number of matches. */
  totalResults: number
  /** The page, each with id and meta (no meta.location: the HTTP layer adds it). */
  resources: R[]
  /** In cursor mode, when more results follow. */
  nextCursor?: string
}

/**
 * One tenant's Users and Groups. Inputs are already validated and canonicalised by the scim core; the store sets
 * `id`, `meta.resourceType`, `meta.created`, `meta.lastModified` and `meta.version` (`W/"<n>"`, bumped on every
 * change, member changes included); it never sets `meta.location`. Members are returned as
 * `{ value, type: 'User' | 'Group', display? }` (no `$ref`); a User's `groups` are `{ value, display, type: 'direct' }`.
 */
export interface ResourceStore {
  readonly tenantId: string
  /**
   * Stores a new resource and returns it. Throws UniquenessError for a userName (Users) or displayName (Groups)
   * already used in the tenant, ignoring case; InvalidValueError for a member that is not a User or Group of the
   * tenant. Client-supplied id/meta/groups are ignored.
   */
  create(type: ResourceTypeName, resource: ScimResource, options?: ReadOptions): Promise<ScimResource>
  /** The resource, or NotFoundError. */
  get(type: ResourceTypeName, id: string, options?: ReadOptions): Promise<ScimResource>
  /** `get`, the resource as stored (its JSON text not yet parsed: see StoredResource). */
  getStored(type: ResourceTypeName, id: string, options?: ReadOptions): Promise<StoredResource>
  /** Replaces every writable attribute (PUT). Same errors as create, plus NotFoundError, PreconditionFailedError. */
  replace(
    type: ResourceTypeName,
    id: string,
    resource: ScimResource,
    options?: WriteOptions & ReadOptions,
  ): Promise<ScimResource>
  /**
   * Applies PATCH operations atomically. Member adds and removes on a Group go straight to the membership table,
   * without reading the member list; other operations are applied to the stored resource with the scim core.
   * Errors: NotFoundError, PreconditionFailedError, UniquenessError, InvalidValueError, and the ScimErrors of the
   * PATCH core (noTarget, invalidPath, mutability, ...) unchanged.
   */
  patch(
    type: ResourceTypeName,
    id: string,
    operations: readonly PatchOperation[],
    options?: WriteOptions & ReadOptions,
  ): Promise<ScimResource>
  /** Deletes the resource and its memberships (as a member and, for a Group, its members). */
  delete(type: ResourceTypeName, id: string, options?: WriteOptions): Promise<void>
  /** Lists resources matching the filter, sorted and paginated. */
  query(type: ResourceTypeName, options?: QueryOptions): Promise<QueryResult>
  /** `query`, the page as stored resources (see StoredResource). */
  queryStored(type: ResourceTypeName, options?: QueryOptions): Promise<QueryResult<StoredResource>>
}

// ---------------------------------------------------------------------------------------------------------------
// Activity log

/** One SCIM request that changed something (or tried to). */
export interface ActivityEntry {
  id: string
  tenantId: string
  tokenId: string | null
  method: string
  path: string
  resourceType: string | null
  resourceId: string | null
  status: number
  outcome: 'success' | 'failure'
  durationMs: number
  /** ISO 8601 time of the request. */
  at: string
}

export type ActivityInput = Omit<ActivityEntry, 'id' | 'at'> & { at?: string }

/** The per-tenant log of changing SCIM requests, for the admin API. */
export interface ActivityLog {
  /**
   * Appends an entry; `at` defaults to the store's clock. Returns the entry at once: entries are written in batches
   * (one insert per batch, within a few milliseconds), so a busy SCIM endpoint pays one commit per batch rather than
   * per request. `list` and `flush` see every entry recorded before them. Never rejects: entries the database
   * refuses wait for a later try (the newest 10,000 of them), with a warning.
   */
  record(entry: ActivityInput): Promise<ActivityEntry>
  /** Newest first; `before` is the id of the last entry of the previous page. Default limit 50, at most 500. */
  list(tenantId: string, options?: { limit?: number; before?: string }): Promise<ActivityEntry[]>
  /** Writes every entry recorded so far (the server calls it before it closes the database). */
  flush(): Promise<void>
}
