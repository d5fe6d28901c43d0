import { ScimError } from '../../scim/scim-error.js'

export type StoreErrorCode =
  | 'NOT_FOUND'
  | 'UNIQUENESS'
  | 'PRECONDITION_FAILED'
  | 'INVALID_CURSOR'
  | 'INVALID_VALUE'

/** An error of the provider store, with a stable `code`. */
export abstract class StoreError extends Error {
  abstract readonly code: StoreErrorCode
}

/** The tenant, resource or token does not exist (for this tenant). HTTP 404. */
export class NotFoundError extends StoreError {
  readonly code = 'NOT_FOUND'
  override readonly name = 'NotFoundError'
}

/** A value that must be unique is taken (userName, group displayName, tenant name). HTTP 409 `uniqueness`. */
export class UniquenessError extends StoreError {
  readonly code = 'UNIQUENESS'
  override readonly name = 'UniquenessError'
}

/** If-Match did not match the current `meta.version`. HTTP 412. */
export class PreconditionFailedError extends StoreError {
  readonly code = 'PRECONDITION_FAILED'
  override readonly name = 'PreconditionFailedError'
}

/** A cursor that this store did not issue for this query, or that was altered. HTTP 400 `invalidCursor`. */
export class InvalidCursorError extends StoreError {
  readonly code = 'INVALID_CURSOR'
  override readonly name = 'InvalidCursorError'
}

/** A value the store cannot accept: an unknown member, an unsupported sort key, a bad definition. HTTP 400. */
export class InvalidValueError extends StoreError {
  readonly code = 'INVALID_VALUE'
  override readonly name = 'InvalidValueError'
}

/** Whether a value is a StoreError. */
export function isStoreError(error: unknown): error is StoreError {
  return error instanceof StoreError
}

/** The SCIM error (status and scimType) for a store error. */
export function toScimError(error: StoreError): ScimError {
  switch (error.code) {
    case 'NOT_FOUND':
      return new ScimError(404, undefined, error.message)
    case 'UNIQUENESS':
      return new ScimError(409, 'uniqueness', error.message)
    case 'PRECONDITION_FAILED':
      return new ScimError(412, undefined, error.message)
    case 'INVALID_CURSOR':
      return new ScimError(400, 'invalidCursor', error.message)
    case 'INVALID_VALUE':
      return new ScimError(400, 'invalidValue', error.message)
  }
}
