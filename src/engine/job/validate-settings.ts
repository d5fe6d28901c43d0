import { EngineError } from '../engine-error.js'
import type { JobSettings } from './job-settings.js'

/** Checks settings an admin gave; throws INVALID_CONFIG with a message that says what to change. */
export function validateSettings(settings: Partial<JobSettings>): void {
  const fail = (message: string) => {
    throw new EngineError('INVALID_CONFIG', message)
  }
  if (settings.tenantUrl !== undefined) {
    let url: URL | undefined
    try {
      url = new URL(settings.tenantUrl)
    } catch {
      fail(
        `the tenant URL "${settings.tenantUrl}" is not a URL; give one like https://app.example.com/scim/v2`,
      )
    }
    if (url && url.protocol !== 'https:' && url.protocol !== 'http:')
      fail('the tenant URL must start with https:// or http://')
  }
  if (settings.mode !== undefined && !['automatic', 'manual'].includes(settings.mode)) {
    fail(`mode must be automatic or manual, not "${settings.mode}"`)
  }
  if (settings.scope !== undefined && !['assigned', 'all'].includes(settings.scope)) {
    fail(`scope must be assigned or all, not "${settings.scope}"`)
  }
  if (settings.dialect !== undefined && !['rfc', 'entra'].includes(settings.dialect)) {
    fail(`dialect must be rfc or entra, not "${settings.dialect}"`)
  }
  if (
    settings.intervalMinutes !== undefined &&
    !(Number.isInteger(settings.intervalMinutes) && settings.intervalMinutes >= 1)
  ) {
    fail('the interval must be a whole number of minutes, at least 1')
  }
  if (
    settings.concurrency !== undefined &&
    !(Number.isInteger(settings.concurrency) && settings.concurrency >= 1)
  ) {
    fail('concurrency must be a whole number, at least 1')
  }
  if (settings.ratePerSecond !== undefined && !(settings.ratePerSecond >= 0)) {
    fail('the rate limit must be 0 (none) or a positive number of requests a second')
  }
  if (
    settings.timeoutMs !== undefined &&
    !(Number.isInteger(settings.timeoutMs) && settings.timeoutMs >= 100)
  ) {
    fail('the timeout must be at least 100 ms')
  }
}
