/**
 * Schema-side benchmarks of the SCIM core on the RFC 7643 §8.2/§8.3 User: attribute resolution (the lookup filter
 * evaluation and PATCH make on every attribute), canonicalisation, create validation, and projection.
 */
import { canonicalizeResource } from '../src/scim/canonical/canonicalize-resource.js'
import { compileProjection } from '../src/scim/projection/project-resource.js'
import { createDefaultRegistry } from '../src/scim/schema/schema-registry.js'
import { validateResource } from '../src/scim/validation/validate-resource.js'
import { rfcFullUser } from '../test/scim/schema/rfc7643-examples.js'
import type { BenchResult } from './types.js'

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'

/** Microseconds per call of `fn`, the best of five timed rounds after a warm-up. */
function microsPerOp(fn: () => unknown, iterations: number): number {
  for (let i = 0; i < iterations; i++) fn()
  let best = Number.POSITIVE_INFINITY
  for (let round = 0; round < 5; round++) {
    const start = process.hrtime.bigint()
    for (let i = 0; i < iterations; i++) fn()
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1000 / iterations)
  }
  return best
}

/** A figure without a target: the issue sets none for the schema side; these watch for regressions. */
function result(name: string, value: number): BenchResult {
  return { name, value, unit: 'µs/op' }
}

/** Measures resolve, canonicalizeResource, validateResource and a projection. */
export async function run(): Promise<BenchResult[]> {
  const users = createDefaultRegistry().resourceSchema('User')
  const user = rfcFullUser()
  const paths = [
    { attribute: 'userName' },
    { attribute: 'EMAILS', subAttribute: 'value' },
    { schema: ENTERPRISE, attribute: 'manager', subAttribute: 'value' },
    { attribute: `${ENTERPRISE}:employeeNumber` },
  ]
  const projection = compileProjection(users, { excludedAttributes: ['groups', 'x509Certificates'] })
  return [
    result(
      'resolve an attribute path (4 forms)',
      microsPerOp(() => paths.map((p) => users.resolve(p)), 500_000) / 4,
    ),
    result(
      'canonicalise the RFC 7643 full User',
      microsPerOp(() => canonicalizeResource(user, users), 20_000),
    ),
    result(
      'validate the RFC 7643 full User for create',
      microsPerOp(() => validateResource(user, users, { mode: 'create' }), 20_000),
    ),
    result(
      'project the RFC 7643 full User (excludedAttributes)',
      microsPerOp(() => projection.apply(user), 50_000),
    ),
  ]
}
