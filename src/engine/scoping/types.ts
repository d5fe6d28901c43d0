/**
 * The 14 scoping-filter operators, spelled as the Entra admin center shows them
 * (`define-conditional-rules-for-provisioning-user-accounts`).
 */
export const SCOPING_OPERATORS = [
  '&',
  '!&',
  'ENDS_WITH',
  'EQUALS',
  'Greater_Than',
  'Greater_Than_OR_EQUALS',
  'Includes',
  'IS FALSE',
  'IS NOT NULL',
  'IS NULL',
  'IS TRUE',
  'NOT EQUALS',
  'NOT REGEX MATCH',
  'REGEX MATCH',
] as const

/** One scoping-filter operator. */
export type ScopingOperator = (typeof SCOPING_OPERATORS)[number]

/** One clause: `attribute operator value` (unary operators such as `IS NULL` take no value). */
export interface ScopingClause {
  attribute: string
  operator: ScopingOperator
  value?: string
}

/** A scoping filter group: every clause must hold (AND). */
export interface ScopingGroup {
  name?: string
  clauses: ScopingClause[]
}

/** A scoping filter: any group may hold (OR across groups). No groups means everything is in scope. */
export interface ScopingFilter {
  groups: ScopingGroup[]
}
