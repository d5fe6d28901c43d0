/**
 * An attribute path as it appears in filters and PATCH paths: an optional schema URN, an attribute name and an
 * optional sub-attribute. Names keep the spelling they were written with; comparisons ignore case (RFC 7643 §2.1).
 *
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value` is
 * `{ schema: 'urn:…:enterprise:2.0:User', attribute: 'manager', subAttribute: 'value' }`.
 */
export interface AttrPath {
  schema?: string
  attribute: string
  subAttribute?: string
}

export type CompareOperator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le'

/** A comparison value: dateTime literals are strings, compared as instants where the attribute is a dateTime. */
export type FilterValue = string | number | boolean | null

/**
 * A filter (RFC 7644 §3.4.2.2) as a tree of typed nodes, as parseFilter builds it and printFilter prints it.
 * `a and b and c` is left-nested: `and(and(a, b), c)`; grouping parentheses leave no node of their own.
 * Operators are lower case whatever the text's case; unquoted values are strings unless they read as
 * true/false/null or a JSON number.
 */
export type Filter = CompareFilter | PresentFilter | AndFilter | OrFilter | NotFilter | ValuePathFilter

export interface CompareFilter {
  kind: 'compare'
  path: AttrPath
  op: CompareOperator
  value: FilterValue
}

export interface PresentFilter {
  kind: 'present'
  path: AttrPath
}

export interface AndFilter {
  kind: 'and'
  left: Filter
  right: Filter
}

export interface OrFilter {
  kind: 'or'
  left: Filter
  right: Filter
}

export interface NotFilter {
  kind: 'not'
  filter: Filter
}

/**
 * A complex value filter `emails[type eq "work"]`: true when one value of the multi-valued (or complex) attribute
 * `path` matches `filter`, whose paths are relative to that value: each is `{ attribute: <sub-attribute name> }`,
 * never with a schema or sub-attribute, and `filter` holds no further ValuePathFilter. `path` has no sub-attribute.
 * The client form `emails[type eq "work"].value eq "x"` parses to a ValuePathFilter whose filter is
 * `type eq "work" and value eq "x"` (an AndFilter), and prints back as `emails[type eq "work" and value eq "x"]`.
 */
export interface ValuePathFilter {
  kind: 'valuePath'
  path: AttrPath
  filter: Filter
}
