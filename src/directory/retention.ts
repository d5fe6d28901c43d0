/** Days a soft-deleted user or group can be restored; after that it is purged (hard-deleted). */
export const RETENTION_DAYS = 30

/** The instant before which a soft deletion is past restoring, as an ISO timestamp. */
export function retentionCutoff(now: Date): string {
  return new Date(now.getTime() - RETENTION_DAYS * 86_400_000).toISOString()
}
