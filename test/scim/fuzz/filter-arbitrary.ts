import fc from 'fast-check'
import type { AttrPath, CompareOperator, Filter, FilterValue } from '../../../src/scim/filter/ast.js'
import type { PatchPath } from '../../../src/scim/path/ast.js'

/** How many runs each property makes: FUZZ_RUNS (as `npm run test:fuzz` sets it) or 3000. */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 3000)

/** A test timeout that grows with the run count. */
export const FUZZ_TIMEOUT = Math.max(60_000, FUZZ_RUNS * 10)

/** Attribute names (RFC 7644 ATTRNAME), keywords and `$ref` included. */
export const attributeName = fc.oneof(
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,10}$/),
  fc.constantFrom(
    'userName',
    'emails',
    'value',
    'type',
    '$ref',
    'not',
    'and',
    'or',
    'pr',
    'eq',
    'true',
    'null',
  ),
)

const schemaUrn = fc.oneof(
  fc.constantFrom(
    'urn:ietf:params:scim:schemas:core:2.0:User',
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  ),
  fc
    .array(fc.stringMatching(/^[A-Za-z0-9.+-]{1,8}$/), { minLength: 1, maxLength: 5 })
    .map((parts) => `urn:${parts.join(':')}`),
)

/** A top-level attribute path: optional schema URN, attribute, optional sub-attribute. */
export const attrPath: fc.Arbitrary<AttrPath> = fc.record(
  { schema: schemaUrn, attribute: attributeName, subAttribute: attributeName },
  { requiredKeys: ['attribute'] },
)

/** A path inside `[…]`: a bare sub-attribute name. */
const relativePath: fc.Arbitrary<AttrPath> = attributeName.map((attribute) => ({ attribute }))

export const filterValue: fc.Arbitrary<FilterValue> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ maxLength: 10 }),
  fc.constantFrom('2011-05-13T04:42:34Z', 'work', ''),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (n === 0 ? 0 : n)),
  fc.boolean(),
  fc.constant(null),
)

const operator = fc.constantFrom<CompareOperator>('eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le')

/** Paths a User schema knows (core, common, enterprise, any case), and a few it does not. */
const userPath: fc.Arbitrary<AttrPath> = fc.constantFrom<AttrPath>(
  { attribute: 'userName' },
  { attribute: 'USERNAME' },
  { attribute: 'id' },
  { attribute: 'active' },
  { attribute: 'title' },
  { attribute: 'schemas' },
  { attribute: 'name', subAttribute: 'givenName' },
  { attribute: 'name' },
  { attribute: 'emails' },
  { attribute: 'emails', subAttribute: 'value' },
  { attribute: 'emails', subAttribute: 'primary' },
  { attribute: 'meta', subAttribute: 'lastModified' },
  { attribute: 'x509Certificates', subAttribute: 'value' },
  { attribute: 'manager' },
  { schema: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', attribute: 'employeeNumber' },
  {
    schema: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
    attribute: 'manager',
    subAttribute: 'value',
  },
  { attribute: 'unknown' },
)

const userSubPath = fc.constantFrom<AttrPath>(
  { attribute: 'value' },
  { attribute: 'type' },
  { attribute: 'primary' },
  { attribute: 'givenName' },
  { attribute: 'nope' },
)

function filterOver(
  path: fc.Arbitrary<AttrPath>,
  inner: fc.Arbitrary<Filter> | undefined,
): fc.Arbitrary<Filter> {
  return fc.letrec<{ filter: Filter }>((tie) => {
    const leaves: fc.Arbitrary<Filter>[] = [
      fc.record({ kind: fc.constant('compare' as const), path, op: operator, value: filterValue }),
      fc.record({ kind: fc.constant('present' as const), path }),
    ]
    if (inner) {
      const valuePath = fc.record({
        kind: fc.constant('valuePath' as const),
        path: path.map(({ subAttribute: _, ...attribute }) => attribute),
        filter: inner,
      })
      leaves.push(valuePath)
    }
    return {
      filter: fc.oneof(
        { depthSize: 'small', maxDepth: 5 },
        ...leaves,
        fc.record({ kind: fc.constant('and' as const), left: tie('filter'), right: tie('filter') }),
        fc.record({ kind: fc.constant('or' as const), left: tie('filter'), right: tie('filter') }),
        fc.record({ kind: fc.constant('not' as const), filter: tie('filter') }),
      ),
    }
  }).filter
}

/** The filter inside `[…]`: sub-attribute paths, no nested value filter. */
export const valueFilter: fc.Arbitrary<Filter> = filterOver(relativePath, undefined)

/** Any filter AST parseFilter can produce. */
export const filter: fc.Arbitrary<Filter> = filterOver(attrPath, valueFilter)

/** Filters over the User schema's attributes, for the evaluator. */
export const userFilter: fc.Arbitrary<Filter> = filterOver(userPath, filterOver(userSubPath, undefined))

/** Any PATCH path parsePath can produce. */
export const patchPath: fc.Arbitrary<PatchPath> = fc.oneof(
  attrPath.map((attr) => ({ attr })),
  fc.record(
    {
      attr: fc.record({ schema: schemaUrn, attribute: attributeName }, { requiredKeys: ['attribute'] }),
      filter: valueFilter,
      subAttribute: attributeName,
    },
    { requiredKeys: ['attr', 'filter'] },
  ),
)
