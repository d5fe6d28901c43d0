import type { AttributeDefinition } from './types.js'

const bySchemaDefinition = new WeakMap<AttributeDefinition, Map<string, AttributeDefinition>>()

/**
 * The sub-attribute of a complex attribute with this name, ignoring case; undefined when there is none. The lookup
 * table is built once per definition.
 */
export function findSubAttribute(
  attribute: AttributeDefinition,
  name: string,
): AttributeDefinition | undefined {
  let subs = bySchemaDefinition.get(attribute)
  if (!subs) {
    subs = new Map((attribute.subAttributes ?? []).map((s) => [s.name.toLowerCase(), s]))
    bySchemaDefinition.set(attribute, subs)
  }
  return subs.get(name.toLowerCase())
}
