import type { Database } from '../../../src/db/database.js'
import { openProviderStore } from '../../../src/provider/store/open-provider-store.js'
import type { ProviderStore, ProviderStoreOptions } from '../../../src/provider/store/types.js'
import type { TestDatabase } from '../../support/databases.js'

/** A controllable clock: starts at 2026-01-01, moves 1 ms per reading unless moved by hand. */
export function testClock(start = Date.parse('2026-01-01T00:00:00.000Z')) {
  let now = start
  return {
    clock: () => new Date(now++),
    advance(ms: number) {
      now += ms
    },
  }
}

/** Sequential ids, `prefix-000001`, so tests read well and sort predictably. */
export function sequentialIds(prefix = 'id') {
  let n = 0
  return () => `${prefix}-${String(++n).padStart(6, '0')}`
}

export interface StoreFixture {
  database: Database
  store: ProviderStore
  drop(): Promise<void>
}

/** A fresh migrated database of the given kind and a provider store on it. */
export async function openTestStore(
  kind: TestDatabase,
  options: ProviderStoreOptions = {},
): Promise<StoreFixture> {
  const { database, drop } = await kind.create()
  const store = openProviderStore(database, { cursorSecret: 'test-secret', ...options })
  return { database, store, drop }
}

/** A tenant with provisioning on, and its resource store. */
export async function newTenant(store: ProviderStore, name: string) {
  const tenant = await store.tenants.create(name)
  const { token } = await store.tenants.enableProvisioning(tenant.id)
  return { tenant, token, resources: store.resources(tenant.id) }
}

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User'
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group'

/** A minimal canonical User. */
export function user(userName: string, extra: Record<string, unknown> = {}) {
  return { schemas: [USER_SCHEMA], userName, ...extra }
}

/** A minimal canonical Group. */
export function group(displayName: string, memberIds: string[] = [], extra: Record<string, unknown> = {}) {
  return { schemas: [GROUP_SCHEMA], displayName, members: memberIds.map((value) => ({ value })), ...extra }
}
