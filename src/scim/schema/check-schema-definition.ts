import { ScimError } from '../scim-error.js'
import type { AttributeDefinition, SchemaDefinition } from './types.js'

/** Characters an attribute name may not contain: they delimit paths, filters and URNs. Spaces are allowed. */
const FORBIDDEN_NAME_CHARACTERS = /[.:[\]"]/

const ALLOWED: Record<string, readonly string[]> = {
  type: ['string', 'boolean', 'decimal', 'integer', 'dateTime', 'binary', 'reference', 'complex'],
  mutability: ['readOnly', 'readWrite', 'immutable', 'writeOnly'],
  returned: ['always', 'never', 'default', 'request'],
  uniqueness: ['none', 'server', 'global'],
}

const FLAGS = ['multiValued', 'required', 'caseExact'] as const

function invalid(detail: string): ScimError {
  return new ScimError(400, 'invalidValue', detail)
}

function isStringList(value: unknown): boolean {
  return Array.isArray(value) && value.every((v) => typeof v === 'string')
}

function checkCharacteristics(attribute: AttributeDefinition, path: string): void {
  for (const [key, allowed] of Object.entries(ALLOWED)) {
    const value = (attribute as unknown as Record<string, unknown>)[key]
    if (!allowed.includes(value as string)) {
      throw invalid(
        `Attribute "${path}": "${key}" must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`,
      )
    }
  }
  for (const flag of FLAGS) {
    if (typeof attribute[flag] !== 'boolean')
      throw invalid(`Attribute "${path}": "${flag}" must be true or false`)
  }
  if (typeof attribute.description !== 'string')
    throw invalid(`Attribute "${path}": "description" must be a string`)
  for (const list of ['canonicalValues', 'referenceTypes'] as const) {
    if (attribute[list] !== undefined && !isStringList(attribute[list])) {
      throw invalid(`Attribute "${path}": "${list}" must be a list of strings`)
    }
  }
}

function checkAttributes(attributes: unknown, where: string, nested: boolean): void {
  if (!Array.isArray(attributes))
    throw invalid(`"attributes" of ${where} must be a list of attribute definitions`)
  const seen = new Set<string>()
  for (const attribute of attributes as AttributeDefinition[]) {
    if (
      typeof attribute?.name !== 'string' ||
      !attribute.name ||
      FORBIDDEN_NAME_CHARACTERS.test(attribute.name)
    ) {
      throw invalid(
        `Attribute name ${JSON.stringify(attribute?.name)} in ${where} must be a non-empty string without '.', ':', '[', ']' or '"'`,
      )
    }
    const path = `${where}:${attribute.name}`
    const lower = attribute.name.toLowerCase()
    if (seen.has(lower)) throw invalid(`Attribute "${path}" is defined twice (names ignore case)`)
    seen.add(lower)
    checkCharacteristics(attribute, path)
    if (attribute.type === 'complex') {
      if (nested) throw invalid(`Attribute "${path}" is complex inside a complex attribute (RFC 7643 §2.3.8)`)
      if (!attribute.subAttributes?.length) throw invalid(`Complex attribute "${path}" needs subAttributes`)
      checkAttributes(attribute.subAttributes, path, true)
    } else if (attribute.subAttributes?.length) {
      throw invalid(`Attribute "${path}" has subAttributes but type "${attribute.type}"; only complex may`)
    }
  }
}

/**
 * Checks a schema definition before it is registered, e.g. a tenant's custom extension sent to an admin API: a URN id,
 * attribute names that paths can address (spaces allowed), every RFC 7643 §7 characteristic with an allowed value,
 * complex attributes with sub-attributes and no complex inside complex. Throws ScimError 400 invalidValue naming the
 * attribute at fault.
 */
export function checkSchemaDefinition(definition: SchemaDefinition): void {
  if (typeof definition?.id !== 'string' || !/^urn:[^:]+:.+/i.test(definition.id)) {
    throw invalid(
      `Schema id ${JSON.stringify(definition?.id)} must be a URN such as urn:ietf:params:scim:schemas:extension:x:2.0:User`,
    )
  }
  if (typeof definition.name !== 'string') throw invalid(`Schema "${definition.id}": "name" must be a string`)
  checkAttributes(definition.attributes, definition.id, false)
}
