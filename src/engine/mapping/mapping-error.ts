/** Codes of {@link MappingError}. */
export type MappingErrorCode =
  | 'MAPPING_INVALID_TARGET'
  | 'MAPPING_INVALID_EXPRESSION'
  | 'MAPPING_EVALUATION_FAILED'

/** A mapping that cannot be compiled or evaluated, naming its target (and the expression position, if any). */
export class MappingError extends Error {
  override readonly name = 'MappingError'

  constructor(
    readonly code: MappingErrorCode,
    readonly target: string,
    message: string,
    readonly position?: number,
  ) {
    super(`Mapping to ${target}: ${message}`)
  }
}
