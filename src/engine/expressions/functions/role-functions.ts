import type { AppRoleAssignment } from '../../mapping/types.js'
import type { ExprValue, ScimRoleValue } from '../values.js'
import { argValue, type ExpressionFunction } from './function-types.js'

function assignments(value: ExprValue): AppRoleAssignment[] {
  if (!Array.isArray(value)) return []
  return value.filter(
    (item): item is AppRoleAssignment => typeof item === 'object' && item !== null && 'roleValue' in item,
  )
}

const complexRoles: ExpressionFunction = (args) =>
  assignments(argValue(args[0])).map(
    (role): ScimRoleValue => ({
      primary: false,
      type: 'WindowsAzureActiveDirectoryRole',
      display: role.roleName,
      value: role.roleValue,
    }),
  )

/**
 * AppRoleAssignmentsComplex / AssertiveAppRoleAssignmentsComplex: every assigned role as a SCIM `roles` value
 * (`primary: false`); the mapping layer sends the first as an add-only and the second as a replace.
 * SingleAppRoleAssignment: the value of the one assigned role, null when there are none or several.
 */
export const ROLE_FUNCTIONS = {
  AppRoleAssignmentsComplex: complexRoles,
  AssertiveAppRoleAssignmentsComplex: complexRoles,
  SingleAppRoleAssignment: (args) => {
    const roles = assignments(argValue(args[0]))
    return roles.length === 1 ? roles[0].roleValue : null
  },
} satisfies Record<string, ExpressionFunction>
