/** Why an engine operation failed, as a stable code that callers and tests can match on. */
export type EngineErrorCode =
  | 'JOB_NOT_FOUND'
  | 'APP_NOT_FOUND'
  | 'INVALID_CONFIG'
  | 'SECRET_KEY_INVALID'
  | 'SECRET_UNREADABLE'
  | 'CYCLE_RUNNING'
  | 'TARGET_TIMEOUT'
  | 'TARGET_NETWORK'
  | 'TARGET_UNAVAILABLE'
  | 'TARGET_RESPONSE_INVALID'

/** An engine error with a stable `code` and, for target failures, what the target answered. */
export class EngineError extends Error {
  readonly code: EngineErrorCode
  readonly status: number | undefined
  readonly detail: unknown

  constructor(
    code: EngineErrorCode,
    message: string,
    options: { status?: number; detail?: unknown; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause })
    this.name = 'EngineError'
    this.code = code
    this.status = options.status
    this.detail = options.detail
  }
}
