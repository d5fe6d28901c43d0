/** The `scimType` values of RFC 7644 §3.12, plus the cursor errors of RFC 9865. */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive'
  | 'invalidCursor'
  | 'expiredCursor'

/** The SCIM error response body (RFC 7644 §3.12); `status` is a string, as the RFC's examples show. */
export interface ScimErrorBody {
  schemas: ['urn:ietf:params:scim:api:messages:2.0:Error']
  status: string
  scimType?: ScimType
  detail?: string
}

export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error'

/**
 * The one error type of the SCIM layer: an HTTP status, an optional `scimType` and a detail a person can act on.
 *
 * @example throw new ScimError(400, 'invalidFilter', 'Expected an operator after "userName" at position 9')
 */
export class ScimError extends Error {
  readonly status: number
  readonly scimType: ScimType | undefined

  constructor(status: number, scimType: ScimType | undefined, detail: string) {
    super(detail)
    this.name = 'ScimError'
    this.status = status
    this.scimType = scimType
  }

  /** The RFC 7644 error body for this error. */
  toBody(): ScimErrorBody {
    const body: ScimErrorBody = { schemas: [ERROR_SCHEMA], status: String(this.status), detail: this.message }
    if (this.scimType) body.scimType = this.scimType
    return body
  }
}

/** Whether a value is a ScimError (also across module copies). */
export function isScimError(e: unknown): e is ScimError {
  return e instanceof ScimError || (e instanceof Error && e.name === 'ScimError' && 'status' in e)
}
