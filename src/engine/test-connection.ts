import { randomUUID } from 'node:crypto'
import { LIST_RESPONSE_URN } from '../scim/schema/urns.js'
import { networkCode, ScimClient } from './client/scim-client.js'
import { EngineError } from './engine-error.js'
import type { ProvisioningJob } from './job/job-settings.js'
import { openSecret } from './secret-box.js'
import { fetchTargetAttributes, undeclaredTargets } from './target/target-schema.js'

/** Why a connection test failed. */
export type ConnectionProblem =
  | 'dns'
  | 'refused'
  | 'tls'
  | 'timeout'
  | 'network'
  | 'token'
  | 'not-found'
  | 'not-scim'
  | 'http-error'

/** What Test Connection found: ok, or the problem with a message that says what to fix. */
export interface ConnectionResult {
  ok: boolean
  problem?: ConnectionProblem
  message: string
  /** The request made: `GET <tenant URL>/Users?filter=userName eq "<random GUID>"`. */
  request: string
  status?: number
  /**
   * After a good test, the mapping targets (user and group mappings, when given) that the target's /Schemas does not
   * declare; absent when the target serves no /Schemas.
   */
  undeclaredTargets?: string[]
}

const TLS_CODE =
  /^(CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_|ERR_TLS|ERR_SSL|EPROTO|HOSTNAME_MISMATCH|ERR_OSSL)/

/**
 * Tests a job's credentials as Entra does: queries the target for a user that does not exist
 * (`GET /Users?filter=userName eq "<random GUID>"`), expects 200 with an empty ListResponse, and otherwise explains
 * the failure: DNS, connection refused, TLS, timeout, 401/403 (token), 404 (wrong URL), or an answer that is not SCIM.
 * When it succeeds and the target serves /Schemas, it also names the mapping targets the target does not declare.
 */
export async function testConnection(
  job: Pick<ProvisioningJob, 'tenantUrl' | 'sealedToken' | 'timeoutMs'> &
    Partial<Pick<ProvisioningJob, 'userMappings' | 'groupMappings'>>,
  options: { secretKey: Buffer; newGuid?: () => string },
): Promise<ConnectionResult> {
  const guid = (options.newGuid ?? randomUUID)()
  const base = job.tenantUrl.replace(/\/+$/, '')
  const request = `GET ${base}/Users?filter=userName eq "${guid}"`
  const client = new ScimClient({
    tenantUrl: job.tenantUrl,
    token: openSecret(options.secretKey, job.sealedToken),
    concurrency: 1,
    maxAttempts: 1,
    timeoutMs: Math.min(job.timeoutMs, 15_000),
  })
  try {
    const response = await client.send({
      method: 'GET',
      path: '/Users',
      query: { filter: `userName eq "${guid}"` },
    })
    const { status, body } = response
    const fail = (problem: ConnectionProblem, message: string): ConnectionResult => ({
      ok: false,
      problem,
      message,
      request,
      status,
    })
    if (status === 401 || status === 403) {
      return fail(
        'token',
        `the target refused the Secret Token (${status}): copy a current token from the app and save it again`,
      )
    }
    if (status === 404) {
      const hint = /\/scim(\/v2)?$/i.test(new URL(job.tenantUrl).pathname.replace(/\/+$/, ''))
        ? 'check the host and path of the tenant URL'
        : `the tenant URL usually ends in the SCIM base path, e.g. ${new URL('scim/v2', `${base}/`).toString()}`
      return fail('not-found', `the target answered 404 Not Found for /Users: ${hint}`)
    }
    if (status !== 200)
      return fail('http-error', `the target answered ${status} to the test query${detailOf(body)}`)
    if (!isListResponse(body)) {
      return fail(
        'not-scim',
        'the endpoint answered but not with SCIM: expected a ListResponse for the /Users query; check the tenant URL',
      )
    }
    const result: ConnectionResult = {
      ok: true,
      message: 'the target answered the test query with a SCIM ListResponse',
      request,
      status,
    }
    const declared = await fetchTargetAttributes(client).catch(() => undefined)
    if (declared) {
      const sets = [job.userMappings, job.groupMappings].filter((set) => set?.enabled)
      result.undeclaredTargets = sets.flatMap((set) => undeclaredTargets(set!, declared))
    }
    return result
  } catch (error) {
    return { ok: false, request, ...explainNetworkError(error, job.tenantUrl) }
  } finally {
    await client.close()
  }
}

function explainNetworkError(
  error: unknown,
  tenantUrl: string,
): { problem: ConnectionProblem; message: string } {
  const url = new URL(tenantUrl)
  if (error instanceof EngineError && error.code === 'TARGET_TIMEOUT') {
    return {
      problem: 'timeout',
      message: `${url.host} did not answer in time: check the URL and that the service is up`,
    }
  }
  const code = networkCode(error instanceof EngineError ? error.cause : error) ?? ''
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return {
      problem: 'dns',
      message: `the host name ${url.hostname} does not resolve (DNS ${code}): check the tenant URL`,
    }
  }
  if (code === 'ECONNREFUSED') {
    return {
      problem: 'refused',
      message: `nothing accepts connections at ${url.host} (connection refused): check the host and port`,
    }
  }
  if (TLS_CODE.test(code)) {
    return {
      problem: 'tls',
      message: `the TLS connection to ${url.host} failed (${code}): the certificate is not trusted or does not match the host`,
    }
  }
  return {
    problem: 'network',
    message: `${url.host} could not be reached (${code || (error as Error).message})`,
  }
}

function isListResponse(body: unknown): boolean {
  if (!body || typeof body !== 'object') return false
  const b = body as { schemas?: unknown; totalResults?: unknown; Resources?: unknown }
  const schemas = Array.isArray(b.schemas) ? b.schemas : []
  return (
    schemas.includes(LIST_RESPONSE_URN) ||
    (typeof b.totalResults === 'number' && (b.Resources === undefined || Array.isArray(b.Resources)))
  )
}

function detailOf(body: unknown): string {
  const detail = (body as { detail?: unknown } | undefined)?.detail
  return typeof detail === 'string' ? `: ${detail}` : ''
}
