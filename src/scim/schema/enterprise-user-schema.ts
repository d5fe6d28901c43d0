import { attribute } from './attribute-builder.js'
import type { SchemaDefinition } from './types.js'
import { ENTERPRISE_USER_SCHEMA_URN } from './urns.js'

/** The Enterprise User extension (RFC 7643 §4.3, §8.7.1). */
export const ENTERPRISE_USER_SCHEMA: SchemaDefinition = {
  id: ENTERPRISE_USER_SCHEMA_URN,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: [
    attribute(
      'employeeNumber',
      'Numeric or alphanumeric identifier assigned to a person by the organization.',
    ),
    attribute('costCenter', 'Identifies the name of a cost center.'),
    attribute('organization', 'Identifies the name of an organization.'),
    attribute('division', 'Identifies the name of a division.'),
    attribute('department', 'Identifies the name of a department.'),
    attribute('manager', "The User's manager.", {
      type: 'complex',
      subAttributes: [
        attribute('value', "The id of the SCIM resource representing the User's manager."),
        attribute('$ref', "The URI of the SCIM resource representing the User's manager.", {
          type: 'reference',
          referenceTypes: ['User'],
        }),
        attribute('displayName', "The displayName of the User's manager.", { mutability: 'readOnly' }),
      ],
    }),
  ],
}
