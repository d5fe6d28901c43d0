import type { Generated } from 'kysely'

/** A person. `upn_key` is the lower-cased userPrincipalName, unique. JSON columns hold text. */
export interface DirectoryUserRow {
  id: string
  user_principal_name: string
  upn_key: string
  mail: string | null
  given_name: string | null
  surname: string | null
  display_name: string | null
  job_title: string | null
  department: string | null
  employee_id: string | null
  manager_id: string | null
  account_enabled: number
  company_name: string | null
  office_location: string | null
  city: string | null
  country: string | null
  mobile_phone: string | null
  /** JSON array of strings. */
  business_phones: string
  preferred_language: string | null
  usage_location: string | null
  employee_type: string | null
  employee_hire_date: string | null
  /** JSON object of strings. */
  extension_attributes: string
  created_at: string
  updated_at: string
  deleted_at: string | null
}

/** A group. `name_key` is the lower-cased displayName, unique. */
export interface DirectoryGroupRow {
  id: string
  display_name: string
  name_key: string
  description: string | null
  mail: string | null
  mail_nickname: string | null
  created_at: string
  updated_at: string
  deleted_at: string | null
}

/** A direct membership of a user or group in a group. */
export interface DirectoryMembershipRow {
  group_id: string
  member_id: string
  member_type: 'user' | 'group'
  created_at: string
}

/** One change-feed entry; `sequence` is assigned by the database. `attributes` is a JSON array or null. */
export interface DirectoryChangeRow {
  sequence: Generated<number>
  at: string
  object_type: 'user' | 'group'
  object_id: string
  kind: string
  attributes: string | null
  member_id: string | null
  member_type: 'user' | 'group' | null
  app_id: string | null
  role_id: string | null
}

/** An app instance. `name_key` is the lower-cased name, unique. */
export interface DirectoryAppRow {
  id: string
  name: string
  name_key: string
  template_id: string
  created_at: string
}

/** A role of an app; `position` keeps the order roles were added in. */
export interface DirectoryAppRoleRow {
  app_id: string
  id: string
  name: string
  name_key: string
  value: string | null
  description: string | null
  position: number
}

/** A user or group assigned to an app with one role. */
export interface DirectoryAssignmentRow {
  app_id: string
  principal_id: string
  principal_type: 'user' | 'group'
  role_id: string
  created_at: string
  updated_at: string
}

/** Row types of the directory layer's tables, for Kysely. */
export interface DirectoryTables {
  directory_users: DirectoryUserRow
  directory_groups: DirectoryGroupRow
  directory_memberships: DirectoryMembershipRow
  directory_changes: DirectoryChangeRow
  directory_apps: DirectoryAppRow
  directory_app_roles: DirectoryAppRoleRow
  directory_assignments: DirectoryAssignmentRow
}
