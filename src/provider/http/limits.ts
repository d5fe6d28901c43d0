/** The limits the SCIM endpoint enforces and advertises in /ServiceProviderConfig. */
export interface ScimLimits {
  /** Largest request body outside /Bulk, in bytes (413 above). Default 1 MiB. */
  maxBodyBytes: number
  /** Page size when the client sends no `count`. Default 100. */
  defaultPageSize: number
  /** Largest page; a larger `count` is lowered to it (RFC 7644 §3.4.2.4). Default 1,000. */
  maxPageSize: number
  /** Longest accepted filter, in characters. Default 4,096. */
  maxFilterLength: number
  /** Deepest accepted nesting of and/or/not/parentheses in a filter. Default 32. */
  maxFilterDepth: number
  /** Most operations in one /Bulk request (413 above). Default 1,000. */
  bulkMaxOperations: number
  /** Largest /Bulk body, in bytes (413 above). Default 4 MiB. */
  bulkMaxPayloadBytes: number
}

export const DEFAULT_LIMITS: ScimLimits = {
  maxBodyBytes: 1024 * 1024,
  defaultPageSize: 100,
  maxPageSize: 1000,
  maxFilterLength: 4096,
  maxFilterDepth: 32,
  bulkMaxOperations: 1000,
  bulkMaxPayloadBytes: 4 * 1024 * 1024,
}

/** The defaults with `overrides` applied; throws RangeError for a limit that is not a positive integer. */
export function resolveLimits(overrides: Partial<ScimLimits> = {}): ScimLimits {
  const limits = { ...DEFAULT_LIMITS, ...overrides }
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value < 1)
      throw new RangeError(`SCIM limit ${name} must be a positive integer, got ${value}`)
  }
  if (limits.defaultPageSize > limits.maxPageSize) {
    throw new RangeError(
      `defaultPageSize (${limits.defaultPageSize}) exceeds maxPageSize (${limits.maxPageSize})`,
    )
  }
  return limits
}
