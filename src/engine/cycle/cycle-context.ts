import type { Database } from '../../db/database.js'
import type { Directory } from '../../directory/types.js'
import type { Clock } from '../clock.js'
import type { ProvisioningJob } from '../job/job-settings.js'
import type { CycleCounts, CycleKind } from '../store/job-state-store.js'
import type { ObjectType } from '../store/link-store.js'
import type { TargetApi } from '../target/target-api.js'
import type { TargetIndex } from '../target/target-index.js'

/** Where a running cycle is, for progress bars. */
export interface CycleProgress {
  phase: string
  /** Objects handled so far in this phase. */
  done: number
  /** Objects this phase will handle, when known. */
  total: number | undefined
}

/** Everything one cycle works with. */
export interface CycleContext {
  database: Database
  directory: Directory
  job: ProvisioningJob
  target: TargetApi
  cycleId: string
  kind: CycleKind
  clock: Clock
  newId: () => string
  counts: CycleCounts
  /** Source id → target id of objects linked during this cycle (resolves references without re-reading links). */
  linked: Map<string, string>
  /** Users created or adopted in this cycle: their groups need a membership pass. */
  newlyLinked: Record<ObjectType, Set<string>>
  onProgress?: (progress: CycleProgress) => void
  /** Initial cycles: the target's matching values, read once, to skip queries that cannot match. */
  targetIndex?: Partial<Record<ObjectType, Promise<TargetIndex | undefined>>>
}

/** Zeroed counts. */
export function emptyCounts(): CycleCounts {
  return { created: 0, updated: 0, adopted: 0, disabled: 0, deleted: 0, unchanged: 0, skipped: 0, failed: 0 }
}
