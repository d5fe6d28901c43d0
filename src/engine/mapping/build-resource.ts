import { GROUP_SCHEMA_URN, USER_SCHEMA_URN } from '../../scim/schema/urns.js'
import type { TargetPath } from './target-path.js'
import type { ScimJson, ScimResource } from './types.js'

type JsonObject = { [key: string]: ScimJson }

const CORE_SCHEMAS = { user: USER_SCHEMA_URN, group: GROUP_SCHEMA_URN } as const

/**
 * Builds the target-shaped SCIM resource from mapped values: `name.givenName` → `name: { givenName }`;
 * `emails[type eq "work"].value` → `emails: [{ type: 'work', value, primary: true }]` (the first element of a
 * multi-valued attribute is primary); URN-qualified paths go under the URN key, whose URN joins `schemas`.
 */
export function buildResource(
  objectType: 'user' | 'group',
  entries: { path: TargetPath; value: ScimJson }[],
): ScimResource {
  const resource: ScimResource = { schemas: [CORE_SCHEMAS[objectType]] }
  for (const { path, value } of entries) {
    let container: JsonObject = resource
    if (path.schema) {
      if (!resource.schemas.includes(path.schema)) resource.schemas.push(path.schema)
      container = objectAt(resource, path.schema)
    }
    if (path.filter) {
      const element = elementFor(container, path.attribute, path.filter)
      element[path.subAttribute!] = Array.isArray(value) ? (value[0] ?? null) : value
    } else if (path.subAttribute) {
      objectAt(container, path.attribute)[path.subAttribute] = value
    } else {
      container[path.attribute] = value
    }
  }
  return resource
}

function objectAt(container: JsonObject, key: string): JsonObject {
  const existing = container[key]
  if (existing !== null && typeof existing === 'object' && !Array.isArray(existing)) return existing
  const created: JsonObject = {}
  container[key] = created
  return created
}

function elementFor(
  container: JsonObject,
  attribute: string,
  filter: NonNullable<TargetPath['filter']>,
): JsonObject {
  const existing = container[attribute]
  const list: ScimJson[] = Array.isArray(existing) ? existing : []
  container[attribute] = list
  const found = list.find(
    (item): item is JsonObject =>
      typeof item === 'object' &&
      item !== null &&
      !Array.isArray(item) &&
      item[filter.attribute] === filter.value,
  )
  if (found) return found
  const element: JsonObject = { [filter.attribute]: filter.value }
  if (filter.attribute !== 'primary') element.primary = list.length === 0
  list.push(element)
  return element
}
