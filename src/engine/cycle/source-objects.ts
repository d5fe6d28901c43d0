import type { DirectoryGroup, DirectoryUser, RoleAssignment } from '../../directory/types.js'
import type { AppRoleAssignment, SourceObject } from '../mapping/types.js'

/**
 * The source object mappings and scoping filters see for a directory user, with Entra's attribute names.
 * `IsSoftDeleted` is true when the user is soft-deleted, disabled, or (given `outOfScope`) unassigned or filtered out.
 */
export function userSource(
  user: DirectoryUser,
  roles: readonly RoleAssignment[],
  outOfScope: boolean,
): SourceObject {
  const appRoleAssignments: AppRoleAssignment[] = roles.map((r) => ({
    roleId: r.roleId,
    roleName: r.roleName,
    roleValue: r.roleValue ?? r.roleName,
  }))
  return {
    ...user.extensionAttributes,
    objectId: user.id,
    userPrincipalName: user.userPrincipalName,
    mailNickname: user.userPrincipalName.split('@')[0],
    mail: user.mail,
    givenName: user.givenName,
    surname: user.surname,
    displayName: user.displayName,
    jobTitle: user.jobTitle,
    department: user.department,
    employeeId: user.employeeId,
    manager: user.managerId,
    accountEnabled: user.accountEnabled,
    companyName: user.companyName,
    officeLocation: user.officeLocation,
    physicalDeliveryOfficeName: user.officeLocation,
    city: user.city,
    country: user.country,
    mobile: user.mobilePhone,
    mobilePhone: user.mobilePhone,
    telephoneNumber: user.businessPhones[0] ?? null,
    businessPhones: user.businessPhones,
    preferredLanguage: user.preferredLanguage,
    usageLocation: user.usageLocation,
    employeeType: user.employeeType,
    employeeHireDate: user.employeeHireDate,
    IsSoftDeleted: outOfScope || user.deletedAt !== null || !user.accountEnabled,
    appRoleAssignments,
  }
}

/** The source object of a directory group; `members` holds the source ids of its direct members. */
export function groupSource(
  group: DirectoryGroup,
  memberIds: readonly string[],
  outOfScope: boolean,
): SourceObject {
  return {
    objectId: group.id,
    displayName: group.displayName,
    description: group.description,
    mail: group.mail,
    mailNickname: group.mailNickname,
    members: memberIds,
    IsSoftDeleted: outOfScope || group.deletedAt !== null,
  }
}
