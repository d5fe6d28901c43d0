import { attribute, multiValuedAttribute } from './attribute-builder.js'
import type { SchemaDefinition } from './types.js'
import { USER_SCHEMA_URN } from './urns.js'

const nameSubAttributes = [
  attribute(
    'formatted',
    'The full name, including all middle names, titles, and suffixes as appropriate, formatted for display.',
  ),
  attribute('familyName', 'The family name of the User, or last name in most Western languages.'),
  attribute('givenName', 'The given name of the User, or first name in most Western languages.'),
  attribute('middleName', 'The middle name(s) of the User.'),
  attribute('honorificPrefix', 'The honorific prefix(es) of the User, or title in most Western languages.'),
  attribute('honorificSuffix', 'The honorific suffix(es) of the User, or suffix in most Western languages.'),
]

const addressSubAttributes = [
  attribute('formatted', 'The full mailing address, formatted for display or use with a mailing label.'),
  attribute('streetAddress', 'The full street address component.'),
  attribute('locality', 'The city or locality component.'),
  attribute('region', 'The state or region component.'),
  attribute('postalCode', 'The zip code or postal code component.'),
  attribute('country', 'The country name component (ISO 3166-1 alpha-2 code).'),
  attribute('type', "A label indicating the attribute's function, e.g., 'work' or 'home'.", {
    canonicalValues: ['work', 'home', 'other'],
  }),
  attribute('primary', 'A Boolean value indicating the preferred address.', { type: 'boolean' }),
]

const readOnly = { mutability: 'readOnly' } as const

/** The core User schema with every attribute of RFC 7643 §4.1 and §8.7.1. */
export const USER_SCHEMA: SchemaDefinition = {
  id: USER_SCHEMA_URN,
  name: 'User',
  description: 'User Account',
  attributes: [
    attribute(
      'userName',
      'Unique identifier for the User, typically used by the user to directly authenticate to the service provider.',
      { required: true, uniqueness: 'server' },
    ),
    attribute('name', "The components of the user's real name.", {
      type: 'complex',
      subAttributes: nameSubAttributes,
    }),
    attribute('displayName', 'The name of the User, suitable for display to end-users.'),
    attribute('nickName', 'The casual way to address the user in real life.'),
    attribute(
      'profileUrl',
      "A fully qualified URL pointing to a page representing the User's online profile.",
      {
        type: 'reference',
        referenceTypes: ['external'],
      },
    ),
    attribute('title', "The user's title, such as 'Vice President'."),
    attribute('userType', 'Used to identify the relationship between the organization and the user.'),
    attribute('preferredLanguage', "Indicates the User's preferred written or spoken language (RFC 7231)."),
    attribute(
      'locale',
      "Used to indicate the User's default location for localization purposes (e.g. 'en-US').",
    ),
    attribute('timezone', "The User's time zone in the 'Olson' time zone database format."),
    attribute('active', "A Boolean value indicating the User's administrative status.", { type: 'boolean' }),
    attribute(
      'password',
      "The User's cleartext password, used for the initial password or a password change.",
      {
        mutability: 'writeOnly',
        returned: 'never',
      },
    ),
    multiValuedAttribute('emails', 'Email addresses for the user.', {
      valueDescription: 'Email addresses for the user, canonicalized per RFC 5321.',
      typeCanonicalValues: ['work', 'home', 'other'],
    }),
    multiValuedAttribute('phoneNumbers', 'Phone numbers for the User.', {
      valueDescription: 'Phone number of the User (RFC 3966 format preferred).',
      typeCanonicalValues: ['work', 'home', 'mobile', 'fax', 'pager', 'other'],
    }),
    multiValuedAttribute('ims', 'Instant messaging addresses for the User.', {
      valueDescription: 'Instant messaging address for the User.',
      typeCanonicalValues: ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo'],
    }),
    multiValuedAttribute('photos', 'URLs of photos of the User.', {
      valueType: 'reference',
      referenceTypes: ['external'],
      valueDescription: 'URL of a photo of the User.',
      typeCanonicalValues: ['photo', 'thumbnail'],
    }),
    attribute('addresses', 'A physical mailing address for this User.', {
      type: 'complex',
      multiValued: true,
      subAttributes: addressSubAttributes,
    }),
    attribute('groups', 'A list of groups to which the user belongs, direct or indirect (readOnly).', {
      type: 'complex',
      multiValued: true,
      ...readOnly,
      subAttributes: [
        attribute('value', "The identifier of the User's group.", readOnly),
        attribute('$ref', "The URI of the corresponding 'Group' resource to which the user belongs.", {
          type: 'reference',
          referenceTypes: ['User', 'Group'],
          ...readOnly,
        }),
        attribute('display', 'A human-readable name, primarily used for display purposes.', readOnly),
        attribute('type', "A label indicating the attribute's function, e.g., 'direct' or 'indirect'.", {
          canonicalValues: ['direct', 'indirect'],
          ...readOnly,
        }),
      ],
    }),
    multiValuedAttribute('entitlements', 'A list of entitlements for the User.', {
      valueDescription: 'The value of an entitlement.',
    }),
    multiValuedAttribute('roles', 'A list of roles for the User.', {
      valueDescription: 'The value of a role.',
    }),
    multiValuedAttribute('x509Certificates', 'A list of certificates issued to the User.', {
      valueType: 'binary',
      valueDescription: 'The value of an X.509 certificate (base64 DER).',
    }),
  ],
}
