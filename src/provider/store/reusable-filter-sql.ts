import { type Compilable, CompiledQuery } from 'kysely'
import type { Filter } from '../../scim/filter/ast.js'
import type { ResourceSchema } from '../../scim/schema/resource-schema.js'

/** Operators whose SQL uses the value only as one whole parameter (raw or lower-cased), whatever the value is. */
const WHOLE_VALUE_OPERATORS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le'])
const TENANT = '\u0000tenant:T'
const VALUE = '\u0000value:'
/** Value i's marker: `\0value:i:V`, or `\0value:i:v` once lower-cased. */
const marker = (i: number) => `${VALUE}${i}:V`

/** A query's SQL with what fills each parameter: the tenant, a filter value (raw or lower-cased) or a constant. */
interface Reusable {
  sql: string
  slots: ({ tenant: true } | { value: number; lower: boolean } | { constant: unknown })[]
}

/** Per schema (a tenant's schemas are replaced when they change): query shape → its SQL, or null if not reusable. */
const shapes = new WeakMap<ResourceSchema, Map<string, Reusable | null>>()
const MAX_SHAPES = 1000

/**
 * The query for `filter` by SQL compiled once per shape. Provisioning clients send the same filter again and again
 * with other values (`userName eq "…"` to match each user), and Kysely's builder and compiler cost more than SQLite's
 * indexed look-up. A shape is the filter with its string values masked, plus `key` (whatever else the caller's query
 * depends on). `build` makes the query for a tenant and a filter, or undefined when SQL alone cannot answer it.
 *
 * The first time a shape is seen, `build` runs with markers for the tenant and the values; the shape is reusable only
 * if every marker comes back as one whole parameter, as given or lower-cased, and nowhere else (an operator whose SQL
 * depends on the value, a boolean or a dateTime column, or an inexact filter is not). Returns undefined when the
 * shape is not reusable: the caller takes its general path.
 */
export function reusableFilterQuery<R>(
  schema: ResourceSchema,
  key: string,
  filter: Filter,
  tenantId: string,
  build: (tenantId: string, filter: Filter) => Compilable<R> | undefined,
): CompiledQuery<R> | undefined {
  const values: string[] = []
  const masked = mask(filter, values)
  if (!masked) return undefined
  let bySchema = shapes.get(schema)
  if (!bySchema) {
    bySchema = new Map()
    shapes.set(schema, bySchema)
  }
  const shapeKey = `${key}\u0000${JSON.stringify(masked)}`
  let shape = bySchema.get(shapeKey)
  if (shape === undefined) {
    shape = learn(build(TENANT, masked), values.length)
    if (bySchema.size >= MAX_SHAPES) bySchema.clear()
    bySchema.set(shapeKey, shape)
  }
  if (!shape) return undefined
  const parameters = shape.slots.map((slot) => {
    if ('tenant' in slot) return tenantId
    if ('value' in slot) return slot.lower ? values[slot.value].toLowerCase() : values[slot.value]
    return slot.constant
  })
  return CompiledQuery.raw(shape.sql, parameters) as CompiledQuery<R>
}

/** The filter with each string value replaced by its marker (values collected in order), or undefined. */
function mask(filter: Filter, values: string[]): Filter | undefined {
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
    case 'compare':
      if (typeof filter.value !== 'string' || !WHOLE_VALUE_OPERATORS.has(filter.op)) return undefined
      values.push(filter.value)
      return { ...filter, value: marker(values.length - 1) }
  }
}

/** The reusable SQL of a query built with markers, or null when the markers did not come back whole. */
function learn(query: Compilable<unknown> | undefined, valueCount: number): Reusable | null {
  if (!query) return null
  const compiled = query.compile()
  if (compiled.sql.includes('\u0000')) return null
  const seen = new Set<number>()
  const slots: Reusable['slots'] = []
  for (const p of compiled.parameters) {
    if (p === TENANT) {
      slots.push({ tenant: true })
      continue
    }
    if (typeof p !== 'string' || !p.includes('\u0000')) {
      slots.push({ constant: p })
      continue
    }
    const [index, form] = p.startsWith(VALUE) ? p.slice(VALUE.length).split(':') : []
    const value = Number(index)
    if (!Number.isInteger(value) || value >= valueCount || (form !== 'V' && form !== 'v')) return null
    seen.add(value)
    slots.push({ value, lower: form === 'v' })
  }
  return seen.size === valueCount ? { sql: compiled.sql, slots } : null
}
