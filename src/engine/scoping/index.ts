export { explainScope, type GroupFailure, isInScope, type ScopeExplanation } from './scope.js'
export { type ClauseOutcome, evaluateClause } from './scoping-clause.js'
export * from './types.js'
export {
  assertValidScopingFilter,
  ScopingFilterError,
  type ScopingProblem,
  type ScopingProblemCode,
  validateScopingFilter,
} from './validate-scoping-filter.js'
