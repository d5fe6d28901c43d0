import { describe, expect, it } from 'vitest'
import {
  OAUTH_BEARER_TOKEN_SCHEME,
  serviceProviderConfig,
} from '../../../src/scim/schema/service-provider-config.js'
import { SERVICE_PROVIDER_CONFIG_SCHEMA_URN } from '../../../src/scim/schema/urns.js'

describe('serviceProviderConfig', () => {
  it('claims nothing the caller did not say is supported', () => {
    expect(serviceProviderConfig({}, 'https://h/scim/')).toEqual({
      schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA_URN],
      patch: { supported: false },
      bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
      filter: { supported: false, maxResults: 0 },
      changePassword: { supported: false },
      sort: { supported: false },
      etag: { supported: false },
      authenticationSchemes: [],
      pagination: { cursor: false, index: true },
      meta: { resourceType: 'ServiceProviderConfig', location: 'https://h/scim/ServiceProviderConfig' },
    })
  })

  it('advertises what the caller supports, with RFC 9865 pagination', () => {
    const config = serviceProviderConfig(
      {
        documentationUri: 'https://docs.example.com/scim',
        patch: true,
        bulk: { maxOperations: 1000, maxPayloadSize: 1_048_576 },
        filter: { maxResults: 200 },
        sort: true,
        etag: true,
        authenticationSchemes: [OAUTH_BEARER_TOKEN_SCHEME],
        pagination: {
          cursor: true,
          index: true,
          defaultPaginationMethod: 'index',
          defaultPageSize: 100,
          maxPageSize: 1000,
          cursorTimeout: 3600,
        },
      },
      'https://h/scim',
    )
    expect(config).toMatchObject({
      documentationUri: 'https://docs.example.com/scim',
      patch: { supported: true },
      bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 1_048_576 },
      filter: { supported: true, maxResults: 200 },
      changePassword: { supported: false },
      sort: { supported: true },
      etag: { supported: true },
      authenticationSchemes: [{ type: 'oauthbearertoken', name: 'OAuth Bearer Token', primary: true }],
      pagination: {
        cursor: true,
        index: true,
        defaultPaginationMethod: 'index',
        maxPageSize: 1000,
        cursorTimeout: 3600,
      },
    })
  })
})
