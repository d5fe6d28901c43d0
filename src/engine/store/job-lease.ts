import { hostname } from 'node:os'
import type { Database } from '../../db/database.js'

/** Who runs a cycle: `host:pid:nonce`, so a lease left by a dead process on this host can be taken over at once. */
export function leaseOwner(nonce: string): string {
  return `${hostname()}:${process.pid}:${nonce}`
}

/**
 * Takes the job's lease (one cycle per job at a time, across processes) until `until`. Succeeds when the lease is
 * free, expired, already ours, or held by a process of this host that no longer runs.
 */
export async function acquireLease(
  database: Database,
  jobId: string,
  owner: string,
  now: Date,
  until: Date,
): Promise<boolean> {
  const row = await database.db
    .selectFrom('engine_job_state')
    .select(['lease_owner', 'lease_until'])
    .where('job_id', '=', jobId)
    .executeTakeFirst()
  if (!row) return false
  const free =
    !row.lease_owner ||
    row.lease_owner === owner ||
    (row.lease_until !== null && row.lease_until < now.toISOString()) ||
    isDeadLocalOwner(row.lease_owner)
  if (!free) return false
  const result = await database.db
    .updateTable('engine_job_state')
    .set({ lease_owner: owner, lease_until: until.toISOString() })
    .where('job_id', '=', jobId)
    .where((eb) =>
      row.lease_owner === null ? eb('lease_owner', 'is', null) : eb('lease_owner', '=', row.lease_owner),
    )
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Gives the lease back. */
export async function releaseLease(database: Database, jobId: string, owner: string): Promise<void> {
  await database.db
    .updateTable('engine_job_state')
    .set({ lease_owner: null, lease_until: null })
    .where('job_id', '=', jobId)
    .where('lease_owner', '=', owner)
    .execute()
}

function isDeadLocalOwner(owner: string): boolean {
  const [host, pid] = owner.split(':')
  if (host !== hostname() || !pid) return false
  try {
    process.kill(Number(pid), 0)
    return false
  } catch (error) {
    return (error as { code?: string }).code === 'ESRCH'
  }
}
