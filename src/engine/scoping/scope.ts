import type { SourceObject } from '../mapping/types.js'
import { type ClauseOutcome, evaluateClause } from './scoping-clause.js'
import type { ScopingClause, ScopingFilter } from './types.js'

/** Why one scoping group left an object out: its first failing clause. */
export interface GroupFailure {
  group: number
  name?: string
  clause: number
  failed: ScopingClause
  outcome: ClauseOutcome
}

/** The scoping decision for one object, for provisioning logs and provision-on-demand. */
export interface ScopeExplanation {
  inScope: boolean
  /** The 0-based index of the first group whose clauses all held (absent when none did or there are no groups). */
  matchedGroup?: number
  /** For each group that failed, its first failing clause (empty when in scope). */
  failures: GroupFailure[]
}

/** Decides scope and says why: AND within a group, OR across groups; no groups means everything is in scope. */
export function explainScope(filter: ScopingFilter, source: SourceObject): ScopeExplanation {
  if (filter.groups.length === 0) return { inScope: true, failures: [] }
  const failures: GroupFailure[] = []
  for (const [g, group] of filter.groups.entries()) {
    const failure = firstFailure(group.clauses, source)
    if (!failure) return { inScope: true, matchedGroup: g, failures: [] }
    failures.push({ group: g, ...(group.name === undefined ? {} : { name: group.name }), ...failure })
  }
  return { inScope: false, failures }
}

/** True when the source object passes the scoping filter. */
export function isInScope(filter: ScopingFilter, source: SourceObject): boolean {
  return explainScope(filter, source).inScope
}

function firstFailure(
  clauses: ScopingClause[],
  source: SourceObject,
): Omit<GroupFailure, 'group' | 'name'> | undefined {
  for (const [c, clause] of clauses.entries()) {
    const outcome = evaluateClause(clause, source)
    if (!outcome.passed) return { clause: c, failed: clause, outcome }
  }
  return undefined
}
