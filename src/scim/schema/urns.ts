import { ERROR_SCHEMA } from '../scim-error.js'

/** Core User schema (RFC 7643 §4.1). */
export const USER_SCHEMA_URN = 'urn:ietf:params:scim:schemas:core:2.0:User'
/** Core Group schema (RFC 7643 §4.2). */
export const GROUP_SCHEMA_URN = 'urn:ietf:params:scim:schemas:core:2.0:Group'
/** Enterprise User extension (RFC 7643 §4.3). */
export const ENTERPRISE_USER_SCHEMA_URN = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'
/** Schema resource (RFC 7643 §7). */
export const SCHEMA_SCHEMA_URN = 'urn:ietf:params:scim:schemas:core:2.0:Schema'
/** ResourceType resource (RFC 7643 §6). */
export const RESOURCE_TYPE_SCHEMA_URN = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType'
/** ServiceProviderConfig resource (RFC 7643 §5). */
export const SERVICE_PROVIDER_CONFIG_SCHEMA_URN =
  'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'
/** ListResponse message (RFC 7644 §3.4.2). */
export const LIST_RESPONSE_URN = 'urn:ietf:params:scim:api:messages:2.0:ListResponse'
/** PatchOp message (RFC 7644 §3.5.2). */
export const PATCH_OP_URN = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'
/** SearchRequest message (RFC 7644 §3.4.3). */
export const SEARCH_REQUEST_URN = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest'
/** BulkRequest message (RFC 7644 §3.7). */
export const BULK_REQUEST_URN = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest'
/** BulkResponse message (RFC 7644 §3.7). */
export const BULK_RESPONSE_URN = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse'
/** Error message (RFC 7644 §3.12): ERROR_SCHEMA of scim-error.ts under the name the other URNs follow. */
export const ERROR_URN = ERROR_SCHEMA
