import type { PaginationCapabilities } from '../cursor.js'
import { type DiscoveryMeta, trimBaseUrl } from './discovery-resources.js'
import { SERVICE_PROVIDER_CONFIG_SCHEMA_URN } from './urns.js'

/** An authentication scheme of /ServiceProviderConfig (RFC 7643 §5). */
export interface AuthenticationScheme {
  type: 'oauthbearertoken' | 'httpbasic' | 'oauth' | 'oauth2'
  name: string
  description: string
  specUri?: string
  documentationUri?: string
  primary?: boolean
}

/** The OAuth bearer token scheme (RFC 6750), the one Entra ID and Okta use. */
export const OAUTH_BEARER_TOKEN_SCHEME: AuthenticationScheme = {
  type: 'oauthbearertoken',
  name: 'OAuth Bearer Token',
  description: 'Authentication scheme using the OAuth Bearer Token Standard',
  specUri: 'https://www.rfc-editor.org/info/rfc6750',
  primary: true,
}

/** What a service provider really supports. Anything left out is advertised as not supported. */
export interface ServiceProviderCapabilities {
  documentationUri?: string
  patch?: boolean
  bulk?: { maxOperations: number; maxPayloadSize: number }
  filter?: { maxResults: number }
  changePassword?: boolean
  sort?: boolean
  etag?: boolean
  authenticationSchemes?: AuthenticationScheme[]
  /** RFC 9865 pagination; without it, only index pagination is advertised. */
  pagination?: PaginationCapabilities
}

/** The ServiceProviderConfig resource (RFC 7643 §5, RFC 9865 §4). */
export interface ServiceProviderConfigResource {
  schemas: [typeof SERVICE_PROVIDER_CONFIG_SCHEMA_URN]
  documentationUri?: string
  patch: { supported: boolean }
  bulk: { supported: boolean; maxOperations: number; maxPayloadSize: number }
  filter: { supported: boolean; maxResults: number }
  changePassword: { supported: boolean }
  sort: { supported: boolean }
  etag: { supported: boolean }
  authenticationSchemes: AuthenticationScheme[]
  pagination: PaginationCapabilities
  meta: DiscoveryMeta
}

/**
 * The /ServiceProviderConfig resource for these capabilities. It claims only what the caller says: every feature
 * left out is `supported: false` (with zero limits), and pagination defaults to index only.
 *
 * @example serviceProviderConfig({ patch: true, filter: { maxResults: 200 } }, 'https://host/scim/v2')
 */
export function serviceProviderConfig(
  capabilities: ServiceProviderCapabilities,
  baseUrl: string,
): ServiceProviderConfigResource {
  const config: ServiceProviderConfigResource = {
    schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA_URN],
    patch: { supported: capabilities.patch === true },
    bulk: capabilities.bulk
      ? { supported: true, ...capabilities.bulk }
      : { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: capabilities.filter
      ? { supported: true, ...capabilities.filter }
      : { supported: false, maxResults: 0 },
    changePassword: { supported: capabilities.changePassword === true },
    sort: { supported: capabilities.sort === true },
    etag: { supported: capabilities.etag === true },
    authenticationSchemes: (capabilities.authenticationSchemes ?? []).map((s) => ({ ...s })),
    pagination: capabilities.pagination ? { ...capabilities.pagination } : { cursor: false, index: true },
    meta: {
      resourceType: 'ServiceProviderConfig',
      location: `${trimBaseUrl(baseUrl)}/ServiceProviderConfig`,
    },
  }
  if (capabilities.documentationUri) config.documentationUri = capabilities.documentationUri
  return config
}
