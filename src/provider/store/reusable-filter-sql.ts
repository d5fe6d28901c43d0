import type { Compilable, CompiledQuery } from 'kysely'
import type { Filter } from '../../scim/filter/ast.js'
import { printFilter } from '../../scim/filter/filter-printer.js'
import type { ResourceSchema } from '../../scim/schema/resource-schema.js'
import { fillTemplate, placeholder, type QueryTemplate, queryTemplate } from './prepared-query.js'

/** Operators whose SQL uses the value only as one whole parameter (raw or lower-cased), whatever the value is. */
const WHOLE_VALUE_OPERATORS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le'])
/** The name of the i-th string value of a filter. */
const valueName = (i: number) => `v${i}`

/** Per schema (a tenant's schemas are replaced when they change): query shape → its template, or null if not reusable. */
const shapes = new WeakMap<ResourceSchema, Map<string, QueryTemplate | null>>()
const MAX_SHAPES = 1000

/**
 * The query for `filter` by SQL compiled once per shape. Provisioning clients send the same filter again and again
 * with other values (`userName eq "…"` to match each user), and Kysely's builder and compiler cost more than SQLite's
 * indexed look-up. A shape is the filter with its string values masked, plus `key` (whatever else the caller's query
 * depends on). `build` makes the query for a tenant and a filter, or undefined when SQL alone cannot answer it.
 *
 * The first time a shape is seen, `build` runs with placeholders (prepared-query.ts) for the tenant and the values;
 * the shape is reusable only if every value comes back as one whole parameter, as given or lower-cased, and nowhere
 * else (an operator whose SQL depends on the value, a boolean or a dateTime column, or an inexact filter is not).
 * Returns undefined when the shape is not reusable: the caller takes its general path.
 */
export function reusableFilterQuery<R>(
  schema: ResourceSchema,
  key: string,
  filter: Filter,
  tenantId: string,
  build: (tenantId: string, filter: Filter) => Compilable<R> | undefined,
): CompiledQuery<R> | undefined {
  const values: Record<string, unknown> = { tenant: tenantId }
  const masked = mask(filter, values)
  if (!masked) return undefined
  let bySchema = shapes.get(schema)
  if (!bySchema) {
    bySchema = new Map()
    shapes.set(schema, bySchema)
  }
  // printFilter is canonical (parseFilter reads it back to an equal filter), so equal texts are equal shapes.
  const shapeKey = `${key}\u0000${printFilter(masked)}`
  let shape = bySchema.get(shapeKey)
  if (shape === undefined) {
    shape = learn(build(placeholder('tenant'), masked), Object.keys(values).length - 1)
    if (bySchema.size >= MAX_SHAPES) bySchema.clear()
    bySchema.set(shapeKey, shape)
  }
  return shape ? fillTemplate<R>(shape, values) : undefined
}

/** The filter with each string value replaced by a placeholder (values collected by name), or undefined. */
function mask(filter: Filter, values: Record<string, unknown>): Filter | undefined {
  switch (filter.kind) {
    case 'and':
    case 'or': {
      const left = mask(filter.left, values)
      const right = left && mask(filter.right, values)
      return right && { ...filter, left: left as Filter, right }
    }
    case 'not': {
      const inner = mask(filter.filter, values)
      return inner && { ...filter, filter: inner }
    }
    case 'valuePath': {
      const inner = mask(filter.filter, values)
      return inner && { ...filter, filter: inner }
    }
    case 'present':
      return filter
    case 'compare': {
      if (typeof filter.value !== 'string' || !WHOLE_VALUE_OPERATORS.has(filter.op)) return undefined
      const name = valueName(Object.keys(values).length - 1)
      values[name] = filter.value
      return { ...filter, value: placeholder(name) }
    }
  }
}

/** The template of a query built with placeholders, or null unless each of the `count` values fills a slot. */
function learn(query: Compilable<unknown> | undefined, count: number): QueryTemplate | null {
  const template = query && queryTemplate(query.compile())
  if (!template) return null
  const filled = new Set(template.slots.flatMap((slot) => ('name' in slot ? [slot.name] : [])))
  for (let i = 0; i < count; i++) if (!filled.has(valueName(i))) return null
  return template
}
