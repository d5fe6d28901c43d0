import type { Database } from '../../db/database.js'
import type { TenantSchemas } from './types.js'

/** What the parts of the provider store share: the database, the injected clock and id source, and secrets. */
export interface StoreContext {
  readonly database: Database
  readonly now: () => string
  readonly newId: () => string
  readonly randomBytes: (size: number) => Uint8Array
  readonly cursorKey: Uint8Array
  readonly lastUsedGranularityMs: number
  /** The tenant's schemas (cached). */
  schemas(tenantId: string): Promise<TenantSchemas>
}
