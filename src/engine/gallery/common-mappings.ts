import { ENTERPRISE_USER_SCHEMA_URN } from '../../scim/schema/urns.js'
import type { AttributeMapping } from '../mapping/types.js'

/** The enterprise extension schema URN. */
export const ENTERPRISE_USER = ENTERPRISE_USER_SCHEMA_URN

/** Entra's default `active` expression for SCIM apps: soft-deleted users are sent inactive. */
export const ACTIVE_EXPRESSION = 'Switch([IsSoftDeleted], , "False", "True", "True", "False")'

/** A direct, always-applied mapping from a source attribute. */
export function direct(
  target: string,
  attribute: string,
  extra: Partial<AttributeMapping> = {},
): AttributeMapping {
  return { target, source: { type: 'direct', attribute }, apply: 'always', ...extra }
}

/** An always-applied expression mapping. */
export function expression(target: string, text: string): AttributeMapping {
  return { target, source: { type: 'expression', expression: text }, apply: 'always' }
}

/** The user mappings both templates start from: userName (matching), active, work email, given and family names. */
export function coreUserMappings(): AttributeMapping[] {
  return [
    direct('userName', 'userPrincipalName', { matchingPrecedence: 1 }),
    expression('active', ACTIVE_EXPRESSION),
    direct('emails[type eq "work"].value', 'mail'),
    direct('name.givenName', 'givenName'),
    direct('name.familyName', 'surname'),
  ]
}

/** The employee number and manager (a user reference) of the enterprise extension. */
export function enterpriseMappings(): AttributeMapping[] {
  return [
    direct(`${ENTERPRISE_USER}:employeeNumber`, 'employeeId'),
    direct(`${ENTERPRISE_USER}:manager`, 'manager', { reference: 'user' }),
  ]
}

/** Entra's default group mappings: displayName (matching), externalId from objectId, members (references). */
export function defaultGroupMappings(): AttributeMapping[] {
  return [
    direct('displayName', 'displayName', { matchingPrecedence: 1 }),
    direct('externalId', 'objectId'),
    direct('members', 'members', { reference: 'user' }),
  ]
}
