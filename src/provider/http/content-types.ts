import type { FastifyInstance } from 'fastify'
import { ScimError } from '../../scim/scim-error.js'

/** The media type every SCIM answer carries (RFC 7644 §8.1). */
export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8'

/**
 * Makes a Fastify scope accept SCIM request bodies: `application/scim+json` and `application/json` (any charset
 * parameter, any letter case), and a body without Content-Type as JSON (tolerant of bare clients). Anything else
 * is a 415 with a SCIM error body. JSON with `__proto__` or `constructor.prototype` keys is refused (400).
 * Call it inside the plugin so the parsers stay encapsulated.
 */
export function registerScimContentTypes(app: FastifyInstance): void {
  app.removeAllContentTypeParsers()
  const json = app.getDefaultJsonParser('error', 'error')
  app.addContentTypeParser(['application/json', 'application/scim+json'], { parseAs: 'string' }, json)
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, body, done) => {
    const type = request.headers['content-type']
    if (type === undefined || type.trim() === '') return json(request, body as string, done)
    done(
      new ScimError(
        415,
        undefined,
        `Unsupported Content-Type "${type}": send application/scim+json or application/json`,
      ),
      undefined,
    )
  })
}
