/** Row types of the provider layer's tables, for Kysely. Timestamps are ISO 8601 UTC text; booleans are 0/1. */
export interface ProviderTables {
  provider_tenants: ProviderTenantRow
  provider_tokens: ProviderTokenRow
  provider_custom_attributes: ProviderCustomAttributeRow
  scim_users: ScimUserRow
  scim_user_emails: ScimUserEmailRow
  scim_groups: ScimGroupRow
  scim_group_members: ScimGroupMemberRow
  provider_activity: ProviderActivityRow
}

export interface ProviderTenantRow {
  id: string
  name: string
  name_lower: string
  created_at: string
  provisioning_enabled: number
  custom_schema: string
}

/** A bearer token, stored only as the hex SHA-256 of the token. */
export interface ProviderTokenRow {
  id: string
  tenant_id: string
  token_hash: string
  created_at: string
  last_used_at: string | null
  revoked_at: string | null
}

export interface ProviderCustomAttributeRow {
  tenant_id: string
  name_lower: string
  name: string
  type: string
  description: string
  created_at: string
}

/** A SCIM User: indexed columns beside `data`, the JSON of the resource without id, meta and groups. */
export interface ScimUserRow {
  tenant_id: string
  id: string
  user_name: string
  user_name_lower: string
  external_id: string | null
  display_name: string | null
  display_name_lower: string | null
  active: number | null
  created: string
  last_modified: string
  version: number
  data: string
}

/** One value of a User's `emails`, for indexed `emails` filters. */
export interface ScimUserEmailRow {
  tenant_id: string
  user_id: string
  position: number
  value_lower: string | null
  type_lower: string | null
  is_primary: number | null
}

/** A SCIM Group: indexed columns beside `data`, the JSON of the resource without id, meta and members. */
export interface ScimGroupRow {
  tenant_id: string
  id: string
  display_name: string
  display_name_lower: string
  external_id: string | null
  created: string
  last_modified: string
  version: number
  data: string
}

export interface ScimGroupMemberRow {
  tenant_id: string
  group_id: string
  member_id: string
  member_type: 'User' | 'Group'
}

export interface ProviderActivityRow {
  id: string
  tenant_id: string
  token_id: string | null
  method: string
  path: string
  resource_type: string | null
  resource_id: string | null
  status: number
  outcome: string
  duration_ms: number
  at: string
}
