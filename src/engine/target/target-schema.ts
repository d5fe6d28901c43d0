import { parsePath } from '../../scim/path/parse-path.js'
import { splitUrnPath } from '../../scim/schema/urn-path.js'
import { isScimError } from '../../scim/scim-error.js'
import type { ScimClient } from '../client/scim-client.js'
import type { MappingSet } from '../mapping/types.js'

const CORE_PREFIX = 'urn:ietf:params:scim:schemas:core:2.0:'

interface SchemaResource {
  id?: unknown
  attributes?: { name?: unknown; subAttributes?: { name?: unknown }[] }[]
}

/**
 * The attribute paths a target declares in its /Schemas, lower-cased: `username`, `name.givenname`, and every
 * attribute also URN-qualified (`urn:…:enterprise:2.0:user:employeenumber`). Undefined when the target serves no
 * /Schemas (many do not; RFC 7644 §4 makes it a SHOULD), so callers check mappings only where they can.
 */
export async function fetchTargetAttributes(client: ScimClient): Promise<Set<string> | undefined> {
  const response = await client.send({ method: 'GET', path: '/Schemas' })
  if (response.status !== 200 || typeof response.body !== 'object' || response.body === null) return undefined
  const body = response.body as { Resources?: unknown }
  const schemas = Array.isArray(body.Resources) ? (body.Resources as SchemaResource[]) : []
  if (schemas.length === 0) return undefined
  const declared = new Set<string>()
  for (const schema of schemas) {
    if (typeof schema.id !== 'string' || !Array.isArray(schema.attributes)) continue
    const urn = schema.id.toLowerCase()
    const core = urn.startsWith(CORE_PREFIX)
    for (const attribute of schema.attributes) {
      if (typeof attribute.name !== 'string') continue
      const names = [attribute.name.toLowerCase()]
      for (const sub of attribute.subAttributes ?? []) {
        if (typeof sub.name === 'string') names.push(`${names[0]}.${sub.name.toLowerCase()}`)
      }
      for (const name of names) {
        declared.add(`${urn}:${name}`)
        if (core) declared.add(name)
      }
    }
  }
  return declared
}

/**
 * The targets of a mapping set that the target's declared attributes do not contain, as written in the mappings
 * (`emails[type eq "work"].value` is checked as `emails.value`). `none` mappings send nothing and are not checked.
 */
export function undeclaredTargets(set: MappingSet, declared: Set<string>): string[] {
  return set.mappings
    .filter((m) => m.source.type !== 'none' && !declared.has(checkedPath(m.target)))
    .map((m) => m.target)
}

/** A mapping target reduced to `[urn:]attribute[.sub]`, lower-cased. */
function checkedPath(target: string): string {
  try {
    const path = parsePath(target)
    const sub = path.subAttribute ?? path.attr.subAttribute
    const name = `${path.attr.attribute}${sub ? `.${sub}` : ''}`
    return (path.attr.schema ? `${path.attr.schema}:${name}` : name).toLowerCase()
  } catch (error) {
    if (!isScimError(error)) throw error
    // Names the RFC grammar cannot write (custom attributes with spaces) are URN-qualified plain names.
    const split = splitUrnPath(target)
    return (split ? `${split.schema}:${split.attribute}` : target).toLowerCase()
  }
}
