import {
  coreUserMappings,
  defaultGroupMappings,
  direct,
  ENTERPRISE_USER,
  enterpriseMappings,
  expression,
} from './common-mappings.js'
import type { AppTemplate } from './types.js'

const WORK_ADDRESS = 'addresses[type eq "work"]'

/**
 * "Generic SCIM 2.0": Entra's default mappings for a non-gallery SCIM app, with source names as the directory has
 * them (officeLocation, mobilePhone; streetAddress, state, postalCode, telephoneNumber, facsimileTelephoneNumber
 * flow when the source object carries them, for example as extension attributes).
 */
export function genericScimTemplate(): AppTemplate {
  const [userName, active, email, givenName, familyName] = coreUserMappings()
  return {
    id: 'generic-scim',
    name: 'Generic SCIM 2.0',
    description:
      'Any SCIM 2.0 service provider, with the default user and group mappings Microsoft Entra ID uses.',
    userMappings: {
      objectType: 'user',
      enabled: true,
      scoping: { groups: [] },
      mappings: [
        userName,
        active,
        direct('displayName', 'displayName'),
        direct('title', 'jobTitle'),
        email,
        direct('preferredLanguage', 'preferredLanguage'),
        givenName,
        familyName,
        expression('name.formatted', 'Join(" ", [givenName], [surname])'),
        direct(`${WORK_ADDRESS}.formatted`, 'officeLocation'),
        direct(`${WORK_ADDRESS}.streetAddress`, 'streetAddress'),
        direct(`${WORK_ADDRESS}.locality`, 'city'),
        direct(`${WORK_ADDRESS}.region`, 'state'),
        direct(`${WORK_ADDRESS}.postalCode`, 'postalCode'),
        direct(`${WORK_ADDRESS}.country`, 'country'),
        direct('phoneNumbers[type eq "work"].value', 'telephoneNumber'),
        direct('phoneNumbers[type eq "mobile"].value', 'mobilePhone'),
        direct('phoneNumbers[type eq "fax"].value', 'facsimileTelephoneNumber'),
        direct('externalId', 'mailNickname'),
        ...enterpriseMappings(),
        direct(`${ENTERPRISE_USER}:department`, 'department'),
      ],
    },
    groupMappings: {
      objectType: 'group',
      enabled: true,
      scoping: { groups: [] },
      mappings: defaultGroupMappings(),
    },
    excludeDefaultAccess: false,
    roles: [{ name: 'User', value: 'User' }],
    defaultScope: 'assigned',
  }
}
