import type { FastifyReply } from 'fastify'
import { SCIM_CONTENT_TYPE } from './content-types.js'
import type { OperationResult } from './resource-operations.js'

/** Sends an operation's result: status, Location (on 201), ETag, and the body as application/scim+json. */
export function sendResult(reply: FastifyReply, result: OperationResult): FastifyReply {
  if (result.status === 201 && result.location) reply.header('location', result.location)
  if (result.etag) reply.header('etag', result.etag)
  reply.code(result.status)
  if (result.body === undefined) return reply.send()
  return reply.type(SCIM_CONTENT_TYPE).send(result.body)
}
