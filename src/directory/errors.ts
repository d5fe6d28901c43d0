/** Stable codes of directory errors, for callers to match on. */
export type DirectoryErrorCode =
  | 'DIRECTORY_INVALID_INPUT'
  | 'DIRECTORY_NOT_FOUND'
  | 'DIRECTORY_CONFLICT'
  | 'DIRECTORY_MEMBERSHIP_CYCLE'
  | 'DIRECTORY_NOT_RESTORABLE'

/** An error of the directory layer: a stable `code` and a message a person can act on. */
export class DirectoryError extends Error {
  readonly code: DirectoryErrorCode

  constructor(code: DirectoryErrorCode, message: string) {
    super(message)
    this.name = 'DirectoryError'
    this.code = code
  }
}
