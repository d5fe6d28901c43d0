import type { Filter } from '../filter/ast.js'
import { printFilter } from '../filter/filter-printer.js'
import type { PatchPath } from '../path/ast.js'
import type { ResourceSchema } from '../schema/resource-schema.js'
import { findSubAttribute } from '../schema/sub-attribute-lookup.js'
import type { AttributeDefinition } from '../schema/types.js'
import { ScimError } from '../scim-error.js'

/** What a PATCH path points at once resolved against the schema: canonical definitions instead of names. */
export interface PatchTarget {
  /** URN of the extension schema whose object holds the attribute; undefined for core and common attributes. */
  extension: string | undefined
  attribute: AttributeDefinition
  filter: Filter | undefined
  /** The sub-attribute of `name.givenName` or of `emails[type eq "work"].value`. */
  subAttribute: AttributeDefinition | undefined
}

/** The target as RFC 7644 path text with canonical attribute names, for error messages: `emails[type eq "work"].value`. */
export function describeTarget(target: PatchTarget): string {
  const filter = target.filter ? `[${printFilter(target.filter)}]` : ''
  return `${target.attribute.name}${filter}${target.subAttribute ? `.${target.subAttribute.name}` : ''}`
}

function invalidPath(where: string, detail: string): ScimError {
  return new ScimError(400, 'invalidPath', `${where}: ${detail}`)
}

/** Resolved targets per parsed path (paths are shared by parsePathCached), valid for the schema they came from. */
const resolvedTargets = new WeakMap<PatchPath, { schema: ResourceSchema; target: PatchTarget }>()

/**
 * Resolves a parsed PATCH path against the resource schema. Throws ScimError 400 invalidPath for an unknown attribute
 * or sub-attribute or a value filter on a simple attribute, and 400 mutability for a readOnly target (RFC 7644 §3.5.2:
 * a client MUST NOT modify a readOnly attribute). The result is cached per path object and shared: never mutate it.
 */
export function resolveTarget(path: PatchPath, schema: ResourceSchema, where: string): PatchTarget {
  const cached = resolvedTargets.get(path)
  if (cached?.schema === schema) return cached.target
  const target = resolveUncached(path, schema, where)
  resolvedTargets.set(path, { schema, target })
  return target
}

function resolveUncached(path: PatchPath, schema: ResourceSchema, where: string): PatchTarget {
  const { attr } = path
  if (attr.subAttribute !== undefined && path.subAttribute !== undefined) {
    throw invalidPath(where, `"${attr.attribute}.${attr.subAttribute}" cannot be followed by a value filter`)
  }
  const resolved = schema.resolve(
    attr.schema === undefined ? { attribute: attr.attribute } : { ...attr, subAttribute: undefined },
  )
  if (!resolved) {
    const qualified = attr.schema === undefined ? attr.attribute : `${attr.schema}:${attr.attribute}`
    throw invalidPath(where, `unknown attribute "${qualified}" for resource type ${schema.resourceType.name}`)
  }
  const attribute = resolved.attribute
  const subName = attr.subAttribute ?? path.subAttribute
  let subAttribute = resolved.subAttribute
  if (subName !== undefined) {
    subAttribute = attribute.type === 'complex' ? findSubAttribute(attribute, subName) : undefined
    if (!subAttribute) throw invalidPath(where, `"${attribute.name}" has no sub-attribute "${subName}"`)
  }
  if (path.filter && attribute.type !== 'complex') {
    throw invalidPath(
      where,
      `a value filter needs a complex attribute; "${attribute.name}" is a ${attribute.type}`,
    )
  }
  const target = {
    extension: resolved.extension ? resolved.schema : undefined,
    attribute,
    filter: path.filter,
    subAttribute,
  }
  if (attribute.mutability === 'readOnly' || subAttribute?.mutability === 'readOnly') {
    throw new ScimError(
      400,
      'mutability',
      `${where}: "${describeTarget(target)}" is readOnly and cannot be modified`,
    )
  }
  return target
}
