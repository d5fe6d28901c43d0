/**
 * Reads a property of a JSON object ignoring the case of its name (RFC 7643 §2.1); `lower` is the name in lower
 * case. Undefined when `container` is not an object or has no such property.
 */
export function propertyOf(container: unknown, name: string, lower: string): unknown {
  if (container === null || typeof container !== 'object' || Array.isArray(container)) return undefined
  const object = container as Record<string, unknown>
  if (Object.hasOwn(object, name)) return object[name]
  for (const key in object) {
    if (key.length === lower.length && key.toLowerCase() === lower && Object.hasOwn(object, key))
      return object[key]
  }
  return undefined
}

/**
 * A sub-attribute of one value of a complex attribute. A bare value where a complex one was expected (Entra's
 * `manager: "2c2f6fb8-…"`) stands for its `value` sub-attribute.
 */
export function subAttributeOf(value: unknown, name: string, lower: string): unknown {
  if (value !== null && typeof value === 'object') return propertyOf(value, name, lower)
  return lower === 'value' ? value : undefined
}

/** Calls `visit` on a value, or on each element of an array, until one call returns true; returns whether one did. */
export function someValue(value: unknown, visit: (value: unknown) => boolean): boolean {
  if (!Array.isArray(value)) return visit(value)
  for (const element of value) if (visit(element)) return true
  return false
}

/**
 * Whether a value counts as present for `pr` (RFC 7644 §3.4.2.2): not null, not an empty string, not an empty
 * array, not an object without any present value.
 */
export function isPresent(value: unknown): boolean {
  if (value === null || value === undefined) return false
  if (typeof value === 'string') return value.length > 0
  if (Array.isArray(value)) return value.some(isPresent)
  if (typeof value === 'object') {
    for (const key in value) if (isPresent((value as Record<string, unknown>)[key])) return true
    return false
  }
  return true
}
