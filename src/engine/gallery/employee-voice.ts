import { coreUserMappings, defaultGroupMappings, direct, enterpriseMappings } from './common-mappings.js'
import type { AppTemplate } from './types.js'

/** Peakon's custom extension: every custom attribute goes under it, keyed by the attribute's display name. */
export const PEAKON_USER = 'urn:ietf:params:scim:schemas:extension:peakon:2.0:User'

/**
 * "Employee Voice" (the seed's app, Peakon): users only; userName, active, work email, names, the enterprise
 * employee number and manager, and the custom attributes Department, Title and Location under the Peakon extension
 * (the keys a real Peakon client sends). Users with the Default Access role are left out.
 */
export function employeeVoiceTemplate(): AppTemplate {
  return {
    id: 'employee-voice',
    name: 'Employee Voice',
    description:
      'The employee voice app: provision users over SCIM 2.0 (Configuration > Integrations > Employee Provisioning).',
    userMappings: {
      objectType: 'user',
      enabled: true,
      scoping: { groups: [] },
      mappings: [
        ...coreUserMappings(),
        ...enterpriseMappings(),
        direct(`${PEAKON_USER}:Department`, 'department'),
        direct(`${PEAKON_USER}:Title`, 'jobTitle'),
        direct(`${PEAKON_USER}:Location`, 'officeLocation'),
      ],
    },
    groupMappings: {
      objectType: 'group',
      enabled: false,
      scoping: { groups: [] },
      mappings: defaultGroupMappings(),
    },
    excludeDefaultAccess: true,
    roles: [
      { name: 'User', value: 'User' },
      { name: 'Admin', value: 'Admin' },
    ],
    defaultScope: 'assigned',
  }
}
