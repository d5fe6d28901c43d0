import type { Database } from '../../db/database.js'
import { importDirectory, openDirectory } from '../../directory/index.js'
import { PEAKON_USER } from '../../engine/gallery/employee-voice.js'
import { getTemplate } from '../../engine/gallery/index.js'
import { addProvisionedApp } from '../../engine/provisioned-app.js'
import { setJobEnabled } from '../../engine/store/job-store.js'
import type { ProviderStore } from '../../provider/store/types.js'
import { DEMO_DIRECTORY } from './demo-directory.js'

export const DEMO_TENANT = 'Demo Employee Voice'
export const DEMO_APP = 'Employee Voice (demo)'

/** What seeding the demo needs: the server's database, provider store and key, and the SCIM URL it serves. */
export interface DemoDeps {
  database: Database
  store: ProviderStore
  secretKey: Buffer
  scimUrl: string
}

/**
 * Sets up the first-run demo, once per database: a provider tenant "Demo Employee Voice" with the Peakon custom
 * attributes the Employee Voice template sends, the demo company in the directory, and an app "Employee Voice (demo)"
 * provisioning everyone into that tenant over HTTP, started so that the scheduler runs its first cycle at once.
 * Returns what it did, or undefined when the demo tenant already exists.
 */
export async function seedDemo(deps: DemoDeps): Promise<{ people: number; groups: number } | undefined> {
  if (await deps.store.tenants.getByName(DEMO_TENANT)) return undefined
  const tenant = await deps.store.tenants.create(DEMO_TENANT)
  const { token } = await deps.store.tenants.enableProvisioning(tenant.id)
  for (const name of peakonAttributeNames()) {
    await deps.store.tenants.defineCustomAttribute(tenant.id, { name, type: 'string' })
  }
  const directory = openDirectory(deps.database)
  const imported = await importDirectory(directory, DEMO_DIRECTORY)
  const { job } = await addProvisionedApp(
    { database: deps.database, directory, secretKey: deps.secretKey },
    {
      name: DEMO_APP,
      templateId: 'employee-voice',
      tenantUrl: deps.scimUrl,
      secretToken: token,
      scope: 'all',
    },
  )
  await setJobEnabled(deps.database, job.id, true, new Date())
  if (imported.errors.length > 0)
    throw new Error(`the demo directory did not import: ${imported.errors[0].message}`)
  return { people: DEMO_DIRECTORY.users.length, groups: DEMO_DIRECTORY.groups.length }
}

/** The Peakon extension attributes the Employee Voice template maps, so the demo tenant keeps them. */
function peakonAttributeNames(): string[] {
  const prefix = `${PEAKON_USER}:`.toLowerCase()
  return getTemplate('employee-voice')
    .userMappings.mappings.filter((m) => m.target.toLowerCase().startsWith(prefix))
    .map((m) => m.target.slice(prefix.length))
}
