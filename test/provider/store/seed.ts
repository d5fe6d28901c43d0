import type { Database } from '../../../src/db/database.js'

/**
 * Test-only bulk seed: inserts `count` minimal Users of a tenant straight into scim_users, in chunks, and returns
 * their ids (lower case, as the store's own). For scale tests that would otherwise spend minutes in creates.
 */
export async function seedUsers(
  database: Database,
  tenantId: string,
  count: number,
  prefix = 'seed',
): Promise<string[]> {
  const now = '2026-01-01T00:00:00.000Z'
  const ids: string[] = []
  for (let start = 0; start < count; start += 500) {
    const rows = []
    for (let i = start; i < Math.min(count, start + 500); i++) {
      const id = `${prefix}-${String(i).padStart(6, '0')}`
      const userName = `${id}@seed.example`
      ids.push(id)
      rows.push({
        tenant_id: tenantId,
        id,
        user_name: userName,
        user_name_lower: userName,
        external_id: null,
        display_name: null,
        display_name_lower: null,
        active: 1,
        created: now,
        last_modified: now,
        version: 1,
        data: JSON.stringify({
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
          userName,
          active: true,
        }),
      })
    }
    await database.db.insertInto('scim_users').values(rows).execute()
  }
  return ids
}
