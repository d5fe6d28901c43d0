import { attribute } from './attribute-builder.js'
import type { AttributeDefinition } from './types.js'

/**
 * The common attributes of every resource (RFC 7643 §3.1): `id`, `externalId` and `meta`. They belong to no schema's
 * attribute list (so /Schemas does not repeat them) but resolve as attributes of the core schema.
 */
export const COMMON_ATTRIBUTES: readonly AttributeDefinition[] = [
  attribute('id', 'A unique identifier for a SCIM resource as defined by the service provider.', {
    caseExact: true,
    mutability: 'readOnly',
    returned: 'always',
    uniqueness: 'server',
  }),
  attribute(
    'externalId',
    'A String that is an identifier for the resource as defined by the provisioning client.',
    {
      caseExact: true,
    },
  ),
  attribute('meta', 'A complex attribute containing resource metadata.', {
    type: 'complex',
    mutability: 'readOnly',
    subAttributes: [
      attribute('resourceType', 'The name of the resource type of the resource.', {
        caseExact: true,
        mutability: 'readOnly',
      }),
      attribute('created', 'The DateTime that the resource was added to the service provider.', {
        type: 'dateTime',
        mutability: 'readOnly',
      }),
      attribute('lastModified', 'The most recent DateTime that the details of this resource were updated.', {
        type: 'dateTime',
        mutability: 'readOnly',
      }),
      attribute('location', 'The URI of the resource being returned.', {
        type: 'reference',
        referenceTypes: ['uri'],
        caseExact: true,
        mutability: 'readOnly',
      }),
      attribute('version', 'The version of the resource being returned (an ETag, RFC 7232).', {
        caseExact: true,
        mutability: 'readOnly',
      }),
    ],
  }),
]
