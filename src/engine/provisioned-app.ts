import { randomUUID } from 'node:crypto'
import type { Database } from '../db/database.js'
import type { Directory, DirectoryApp } from '../directory/types.js'
import { getTemplate } from './gallery/index.js'
import {
  DEFAULT_JOB_SETTINGS,
  type JobDialect,
  type JobScope,
  type JobSettings,
  type ProvisioningJob,
} from './job/job-settings.js'
import { validateSettings } from './job/validate-settings.js'
import { createJob } from './store/job-store.js'

/** What adding an app from the gallery takes. */
export interface AddAppInput {
  name: string
  templateId: string
  tenantUrl: string
  secretToken: string
  scope?: JobScope
  dialect?: JobDialect
  /** Any other setting to override the defaults with. */
  settings?: Partial<JobSettings>
}

/** The directory and database an app operation works on. */
export interface AppDeps {
  database: Database
  directory: Directory
  secretKey: Buffer
  now?: () => Date
  newId?: () => string
}

const BUILT_IN_ROLES = new Set(['user', 'default access'])

/**
 * Adds an enterprise app from a gallery template with its provisioning job (stopped; `job start` starts it): the
 * template's roles, mappings, scoping and Default Access rule, the tenant URL and the sealed Secret Token. Throws
 * GalleryError for an unknown template and EngineError INVALID_CONFIG for bad settings, before anything is stored.
 */
export async function addProvisionedApp(
  deps: AppDeps,
  input: AddAppInput,
): Promise<{ app: DirectoryApp; job: ProvisioningJob }> {
  const template = getTemplate(input.templateId)
  const settings: JobSettings = {
    ...DEFAULT_JOB_SETTINGS,
    scope: input.scope ?? template.defaultScope,
    dialect: input.dialect ?? DEFAULT_JOB_SETTINGS.dialect,
    tenantUrl: input.tenantUrl,
    userMappings: template.userMappings,
    groupMappings: template.groupMappings,
    excludeDefaultAccess: template.excludeDefaultAccess,
    ...input.settings,
  }
  validateSettings(settings)
  const app = await deps.directory.addApp({
    name: input.name,
    templateId: template.id,
    roles: template.roles
      .filter((r) => !BUILT_IN_ROLES.has(r.name.toLowerCase()))
      .map((r) => ({ name: r.name, value: r.value })),
  })
  try {
    const job = await createJob(deps.database, {
      appId: app.id,
      settings,
      secretToken: input.secretToken,
      secretKey: deps.secretKey,
      id: (deps.newId ?? randomUUID)(),
      now: (deps.now ?? (() => new Date()))(),
    })
    return { app, job }
  } catch (error) {
    await deps.directory.deleteApp(app.id)
    throw error
  }
}
