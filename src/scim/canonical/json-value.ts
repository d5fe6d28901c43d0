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

/** A deep copy of a JSON value; what is not JSON (a function, a symbol, undefined, NaN) is left out, or null inside an array, as JSON.stringify does. */
export function copyJson(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (Array.isArray(value)) return value.map((item) => copyJson(item) ?? null)
  if (!isJsonObject(value)) return undefined
  const copy: JsonObject = {}
  for (const [key, item] of Object.entries(value)) {
    const copied = copyJson(item)
    if (copied !== undefined) setOwn(copy, key, copied)
  }
  return copy
}
