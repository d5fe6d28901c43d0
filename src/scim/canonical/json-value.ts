/** A JSON object as parsed from a request body. */
export type JsonObject = Record<string, unknown>

/** Whether a value is a plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Sets an own enumerable property, also for the key `__proto__` (which plain assignment would turn into a prototype
 * change), so untrusted keys can never reach Object.prototype.
 */
export function setOwn(target: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
  else target[key] = value
}

/** Deeper than any SCIM value (a resource is at most four levels deep): copies stop here rather than overflow. */
const MAX_DEPTH = 64

/**
 * A deep copy of a JSON value. What is not JSON (a function, a symbol, undefined, NaN) is left out, or null inside an
 * array, as JSON.stringify does; so is anything nested deeper than 64 levels.
 */
export function copyJson(value: unknown, depth = 0): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (depth >= MAX_DEPTH) return undefined
  if (Array.isArray(value)) return value.map((item) => copyJson(item, depth + 1) ?? null)
  if (!isJsonObject(value)) return undefined
  const copy: JsonObject = {}
  for (const key in value) {
    const copied = copyJson(value[key], depth + 1)
    if (copied !== undefined) setOwn(copy, key, copied)
  }
  return copy
}
