import type { FastifyError } from 'fastify'
import { isScimError, ScimError } from '../../scim/scim-error.js'
import { isStoreError, toScimError } from '../store/errors.js'

/**
 * The SCIM error for anything thrown while serving a SCIM request: ScimErrors as they are, store errors through the
 * store's mapping, Fastify's own errors (malformed JSON, body too large, media type) with a detail a person can act
 * on. Anything else is a 500 whose detail reveals nothing; `internal` says so, so the caller logs it.
 */
export function toScimHttpError(error: unknown, bodyLimit: number): { error: ScimError; internal: boolean } {
  if (isScimError(error)) return { error, internal: false }
  if (isStoreError(error)) return { error: toScimError(error), internal: false }
  const e = error as Partial<FastifyError>
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return {
        error: new ScimError(400, 'invalidSyntax', 'The request body is not valid JSON'),
        internal: false,
      }
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return {
        error: new ScimError(400, 'invalidSyntax', 'The request body is empty: send a JSON object'),
        internal: false,
      }
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        error: new ScimError(
          413,
          undefined,
          `The request body is larger than the limit of ${bodyLimit} bytes`,
        ),
        internal: false,
      }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        error: new ScimError(
          415,
          undefined,
          'Unsupported Content-Type: send application/scim+json or application/json',
        ),
        internal: false,
      }
  }
  if (error instanceof SyntaxError && e.statusCode === 400) {
    return {
      error: new ScimError(400, 'invalidSyntax', `The request body is not acceptable JSON: ${error.message}`),
      internal: false,
    }
  }
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return { error: new ScimError(e.statusCode, undefined, e.message ?? 'Bad request'), internal: false }
  }
  return {
    error: new ScimError(500, undefined, 'Internal server error: the request was not completed'),
    internal: true,
  }
}
