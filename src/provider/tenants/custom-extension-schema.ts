import { attribute } from '../../scim/schema/attribute-builder.js'
import type { AttributeDefinition, SchemaDefinition } from '../../scim/schema/types.js'
import type { CustomAttribute, CustomAttributeType } from '../store/types.js'

const DESCRIPTIONS: Record<CustomAttributeType, string> = {
  string: 'Option (text, at most 256 characters).',
  date: 'Date (ISO 8601 dateTime).',
  integer: 'Number (integer).',
  employee: 'Employee: the email (userName) or id of another employee of the company.',
}

/** The SCIM attribute definition of one custom attribute: single-valued, optional, readWrite. */
function toAttributeDefinition(custom: CustomAttribute): AttributeDefinition {
  const description = custom.description || DESCRIPTIONS[custom.type]
  switch (custom.type) {
    case 'date':
      return attribute(custom.name, description, { type: 'dateTime' })
    case 'integer':
      return attribute(custom.name, description, { type: 'integer' })
    default:
      return attribute(custom.name, description)
  }
}

/** The tenant's custom User extension schema (RFC 7643 §3.3) with one attribute per custom attribute. */
export function customExtensionSchema(urn: string, attributes: readonly CustomAttribute[]): SchemaDefinition {
  return {
    id: urn,
    name: 'CustomUser',
    description: 'Custom employee attributes of this company.',
    attributes: attributes.map(toAttributeDefinition),
  }
}
