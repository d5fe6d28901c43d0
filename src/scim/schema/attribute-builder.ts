import type { AttributeDefinition } from './types.js'

/** The characteristics an attribute definition may override; the rest take the RFC 7643 §2.2 defaults. */
export type AttributeCharacteristics = Partial<Omit<AttributeDefinition, 'name' | 'description'>>

/**
 * An attribute definition with the RFC 7643 §2.2 defaults (a single-valued, optional, case-insensitive, readWrite
 * string, returned by default, not unique), overridden by `characteristics`.
 *
 * @example attribute('userName', 'Unique identifier for the User.', { required: true, uniqueness: 'server' })
 */
export function attribute(
  name: string,
  description: string,
  characteristics: AttributeCharacteristics = {},
): AttributeDefinition {
  return {
    name,
    type: 'string',
    multiValued: false,
    description,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...characteristics,
  }
}

/** What differs between the multi-valued `value`/`display`/`type`/`primary` attributes of RFC 7643 §2.4. */
export interface MultiValuedOptions {
  /** Type of the `value` sub-attribute (default string). */
  valueType?: AttributeDefinition['type']
  valueDescription: string
  referenceTypes?: string[]
  typeCanonicalValues?: string[]
  /** Characteristics applied to the attribute and every sub-attribute (e.g. readOnly). */
  shared?: AttributeCharacteristics
}

/** A multi-valued complex attribute with the usual `value`, `display`, `type` and `primary` sub-attributes. */
export function multiValuedAttribute(
  name: string,
  description: string,
  options: MultiValuedOptions,
): AttributeDefinition {
  const shared = options.shared ?? {}
  const value = attribute('value', options.valueDescription, {
    ...shared,
    type: options.valueType ?? 'string',
    ...(options.referenceTypes ? { referenceTypes: options.referenceTypes } : {}),
  })
  const display = attribute('display', 'A human-readable name, primarily used for display purposes.', shared)
  const type = attribute('type', `A label indicating the attribute's function.`, {
    ...shared,
    ...(options.typeCanonicalValues ? { canonicalValues: options.typeCanonicalValues } : {}),
  })
  const primary = attribute(
    'primary',
    'A Boolean value indicating the preferred value for this attribute. At most one value may be primary.',
    { ...shared, type: 'boolean' },
  )
  return attribute(name, description, {
    ...shared,
    type: 'complex',
    multiValued: true,
    subAttributes: [value, display, type, primary],
  })
}
