import type { MappingSet } from '../mapping/types.js'

export type JobMode = 'automatic' | 'manual'
export type JobScope = 'assigned' | 'all'
/** `rfc` sends RFC 7644 form; `entra` sends exactly what Microsoft Entra ID sends (for targets built against it). */
export type JobDialect = 'rfc' | 'entra'

/** Everything an admin configures on a provisioning job. */
export interface JobSettings {
  tenantUrl: string
  mode: JobMode
  /** Minutes between automatic cycles: 40 by default, at least 1. */
  intervalMinutes: number
  scope: JobScope
  dialect: JobDialect
  userMappings: MappingSet
  groupMappings: MappingSet
  /** Leave out users whose only role is Default Access. */
  excludeDefaultAccess: boolean
  allowCreate: boolean
  allowUpdate: boolean
  allowDelete: boolean
  /** Do not disable objects that leave the scope (Entra's SkipOutOfScopeDeletions). */
  skipOutOfScopeDeletions: boolean
  /** Requests in flight at most. */
  concurrency: number
  /** Requests a second at most; 0 = no limit. */
  ratePerSecond: number
  timeoutMs: number
}

/** A provisioning job: its settings, the sealed token and whether it is started. */
export interface ProvisioningJob extends JobSettings {
  id: string
  appId: string
  /** The Secret Token, sealed with secret-box; open it with openSecret and the server's key. */
  sealedToken: string
  /** Started: the scheduler runs it when due. */
  enabled: boolean
  configVersion: number
  createdAt: string
  updatedAt: string
}

export const DEFAULT_INTERVAL_MINUTES = 40
export const DEFAULT_CONCURRENCY = 8
export const DEFAULT_TIMEOUT_MS = 30_000

/** Default settings apart from the URL and mappings. */
export const DEFAULT_JOB_SETTINGS = {
  mode: 'automatic',
  intervalMinutes: DEFAULT_INTERVAL_MINUTES,
  scope: 'assigned',
  dialect: 'rfc',
  allowCreate: true,
  allowUpdate: true,
  allowDelete: true,
  skipOutOfScopeDeletions: false,
  concurrency: DEFAULT_CONCURRENCY,
  ratePerSecond: 0,
  timeoutMs: DEFAULT_TIMEOUT_MS,
} as const satisfies Partial<JobSettings>
