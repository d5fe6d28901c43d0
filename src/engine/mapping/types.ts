import type { ScopingFilter } from '../scoping/types.js'

/** One app role assignment of a source user, as the expression functions on `[appRoleAssignments]` see it. */
export interface AppRoleAssignment {
  roleId: string
  /** The role's display name. */
  roleName: string
  /** The role's value (what `SingleAppRoleAssignment` returns). */
  roleValue: string
}

/** A value a source attribute can hold. Multi-valued attributes are string arrays. */
export type SourceValue = string | number | boolean | readonly string[] | readonly AppRoleAssignment[] | null

/**
 * A flat record of source attribute values that the runtime builds from a directory user or group.
 *
 * Names as Entra shows them: `objectId`, `userPrincipalName`, `mail`, `mailNickname`, `givenName`, `surname`,
 * `displayName`, `jobTitle`, `department`, `employeeId`, `accountEnabled`, `companyName`, `officeLocation`,
 * `city`, `country`, `streetAddress`, `state`, `postalCode`, `telephoneNumber`, `mobile`/`mobilePhone`,
 * `preferredLanguage`, `IsSoftDeleted` (boolean), `appRoleAssignments` (AppRoleAssignment[]),
 * `manager` (the manager's source object id), group `members` (source object ids), and extension attributes by name.
 *
 * Attribute references (`[mail]`, direct mappings, scoping clauses) are looked up exactly first and then
 * case-insensitively, as Entra resolves attribute names; function names and string comparisons are case-sensitive.
 * A missing attribute, `undefined` and `null` all mean "null".
 */
export type SourceObject = Readonly<Record<string, SourceValue | undefined>>

/** Where a mapped value comes from (Entra's four mapping types). */
export type MappingSource =
  | { type: 'direct'; attribute: string }
  | { type: 'constant'; value: string }
  | { type: 'expression'; expression: string }
  | { type: 'none' }

/**
 * One attribute mapping.
 *
 * `target` is a SCIM attribute path: `userName`, `name.givenName`, `emails[type eq "work"].value`,
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber`,
 * `urn:ietf:params:scim:schemas:extension:peakon:2.0:User:Business Unit` (extension attribute names may hold spaces).
 */
export interface AttributeMapping {
  target: string
  source: MappingSource
  /** "Default value if null": used when the source evaluates to null or "", on create only. */
  defaultValue?: string
  /** "Apply this mapping": always, or only during creation. */
  apply: 'always' | 'createOnly'
  /** Set ⇒ a matching attribute; the lowest precedence is tried first. */
  matchingPrecedence?: number
  /**
   * The value is a source object id (or, for `members`, ids) that the runtime translates into the target's id:
   * `'user'` for manager; for group `members` the kind of the referenced objects (users; nested groups are `'group'`
   * ids the runtime resolves the same way).
   */
  reference?: 'user' | 'group'
}

/** The mappings of one object type, with its scoping filter. Group mappings can be disabled; user mappings cannot. */
export interface MappingSet {
  objectType: 'user' | 'group'
  enabled: boolean
  mappings: AttributeMapping[]
  scoping: ScopingFilter
}

/** A JSON value of a built SCIM resource. */
export type ScimJson = string | number | boolean | null | ScimJson[] | { [key: string]: ScimJson }

/** A target-shaped SCIM resource (without `id`/`meta`), e.g. `{ schemas, userName, name: { givenName }, ... }`. */
export interface ScimResource {
  schemas: string[]
  [attribute: string]: ScimJson
}

/** A value produced by a mapping: a string, boolean, number, or several values for a multi-valued target. */
export type MappedValue = string | number | boolean | string[] | ScimJson

/** One evaluated mapping. */
export interface EvaluatedAttribute {
  target: string
  value: MappedValue
  /** Set on reference mappings: `value` holds source object id(s), not target ids. */
  reference?: 'user' | 'group'
  /**
   * Set when the expression is a top-level `SelectUniqueValue`: the candidates in rule order
   * (`value` is the first). The runtime checks uniqueness in the target and picks the first free one.
   */
  candidates?: string[]
  /** Set when the expression used Redact(): show the value as `[Redact]` in provisioning logs. */
  redacted?: true
  /**
   * Set for role mappings: `'add'` (AppRoleAssignmentsComplex: PATCH add only, never removes roles) or
   * `'replace'` (AssertiveAppRoleAssignmentsComplex: PATCH replace of `roles`).
   */
  rolesMode?: 'add' | 'replace'
}

/** The target's type for a target path, used to coerce `"True"`/`"False"` and numbers. */
export type TargetType = 'string' | 'boolean' | 'integer' | 'decimal' | 'dateTime' | 'reference' | 'binary'

/** Options for `evaluateMappings`. */
export interface EvaluateOptions {
  /** `create` applies default values and create-only mappings; `update` does not. */
  mode: 'create' | 'update'
  /** The clock for `Now()` and date functions. */
  now: () => Date
  /** The id generator for `Guid()`. */
  newGuid: () => string
  /** A random source in [0, 1) for `RandomString` (a RandomString without it is an evaluation error). */
  random?: () => number
  /**
   * Translates a source object id into the target id for reference mappings. Without it (or when it returns
   * undefined) reference values are left out of `resource` and only listed in `attributes` (second-pass references).
   */
  resolveReference?: (kind: 'user' | 'group', sourceId: string) => string | undefined
  /** The target attribute type (from the target's /Schemas); `active` is boolean by default. */
  targetType?: (target: string) => TargetType | undefined
}

/** The result of `evaluateMappings`. */
export interface MappingResult {
  /** Every evaluated mapping that flows (nulls, `None` and IgnoreFlowIfNullOrEmpty-dropped ones left out), in mapping order. */
  attributes: EvaluatedAttribute[]
  /** The SCIM resource built from `attributes` (references only when resolved). */
  resource: ScimResource
}

/** One matching attribute with its value for the source, in precedence order. */
export interface MatchingValue {
  target: string
  value: string
  precedence: number
}

/** A problem found by `validateMappingSet`. */
export interface MappingProblem {
  target: string
  code: string
  message: string
  /** The 1-based character position in the expression, for expression errors. */
  position?: number
}
