import type { Kysely } from 'kysely'
import type { Tables } from '../../db/tables/index.js'
import { applyPatch } from '../../scim/patch/apply-patch.js'
import type { PatchOperation } from '../../scim/patch/patch-operation.js'
import type { ResourceSchema } from '../../scim/schema/resource-schema.js'
import { checkEmployeeReferences, type EmployeeAttributes } from './employee-references.js'
import { type MemberPatchPlan, planMemberPatch } from './member-patch.js'
import { addMembers, deleteMembers } from './membership.js'
import { prepareQuery } from './prepared-query.js'
import { readResources } from './read-resources.js'
import { groupColumns, resourceData, STORED_COLUMNS, type StoredRow, toResource } from './resource-rows.js'
import {
  checkIfMatch,
  notFound,
  selectRow,
  transaction,
  withRetries,
  writeResource,
} from './resource-writes.js'
import type { StoreContext } from './store-context.js'
import type { ResourceTypeName } from './types.js'

type Db = Kysely<Tables>

export interface PatchRequest {
  tenantId: string
  type: ResourceTypeName
  id: string
  operations: readonly PatchOperation[]
  schema: ResourceSchema
  /** A User's `employee` custom attributes, checked after the PATCH is applied. */
  employees?: EmployeeAttributes
  ifMatch: string | undefined
}

/**
 * Applies a PATCH atomically with an optimistic version check (of a Group's data only, without If-Match), retried
 * on a lost race, and returns the row as it now is. A Group's member adds and removes go straight to the membership
 * table (cost independent of the group's size, and concurrent adds never lose one); other operations are applied
 * with the scim core to the stored resource. A PATCH that changes nothing keeps the version.
 */
export async function patchResource(context: StoreContext, request: PatchRequest): Promise<StoredRow> {
  return withRetries(request.ifMatch, () =>
    transaction(context, async (trx) => {
      const row = await selectRow(trx, request.tenantId, request.type, request.id)
      if (!row) throw notFound(request.type, request.id)
      checkIfMatch(request.ifMatch, row.version)
      if (request.type === 'Group') {
        const plan = planMemberPatch(request.operations, request.schema)
        if (plan) return patchGroupInPlace(trx, context.now(), request, row, plan)
      }
      return patchWhole(trx, context.now(), request, row)
    }),
  )
}

/**
 * Applies every operation to the whole resource (a Group with its members loaded) and writes it back if changed.
 * Returns the row as it now is, or undefined when the version moved on.
 */
async function patchWhole(trx: Db, now: string, request: PatchRequest, row: StoredRow) {
  const { tenantId, type, id, operations, schema } = request
  const [current] = await readResources(trx, tenantId, type, [row], {
    includeMembers: true,
    includeGroups: false,
  })
  const patched = applyPatch(current, operations, schema)
  if (patched === current || sameContent(type, current, patched)) return row
  if (request.employees) await checkEmployeeReferences(trx, tenantId, patched, request.employees)
  return writeResource(trx, tenantId, type, id, patched, now, row)
}

/** Member steps on the membership table, other operations on the stored Group (members not loaded). */
async function patchGroupInPlace(
  trx: Db,
  now: string,
  request: PatchRequest,
  row: StoredRow,
  plan: MemberPatchPlan,
): Promise<StoredRow | undefined> {
  const { tenantId, id, schema } = request
  let written = row
  if (plan.rest.length > 0) {
    const current = toResource({ type: 'Group', row })
    const patched = applyPatch(current, plan.rest, schema)
    if (patched !== current && resourceData('Group', current) !== resourceData('Group', patched)) {
      const update = trx
        .updateTable('scim_groups')
        .set((eb) => ({ ...groupColumns(patched), last_modified: now, version: eb('version', '+', 1) }))
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
      // Without If-Match it is enough that the data is as read: member changes meanwhile only bumped the version
      // (on PostgreSQL, a rename among many member adds would otherwise lose race after race).
      const checked =
        request.ifMatch === undefined
          ? update.where('data', '=', row.data)
          : update.where('version', '=', row.version)
      const updated = await checked.returning(STORED_COLUMNS).executeTakeFirst()
      if (!updated) return undefined
      written = updated
    }
  }
  let changed = 0
  for (const step of plan.steps) {
    if (step.kind === 'clear') changed += await deleteMembers(trx, tenantId, id, undefined)
    else if (step.kind === 'remove') changed += await deleteMembers(trx, tenantId, id, step.ids)
    else if (step.ids.length > 0) {
      changed += await addMembers(trx, tenantId, id, step.ids)
    }
  }
  if (changed > 0 && written === row) {
    // Membership rows are the truth; the version bump is atomic, so concurrent member changes never lose one.
    // No row if the group went meanwhile: the next attempt finds it missing.
    return (await bumpVersion.run(trx, { tenant: tenantId, id, now })).rows[0]
  }
  return written
}

/** A group's version bump, for member changes: the updated stored row. */
const bumpVersion = prepareQuery<StoredRow, 'tenant' | 'id' | 'now'>((db, p) =>
  db
    .updateTable('scim_groups')
    .set((eb) => ({ version: eb('version', '+', 1), last_modified: p('now') }))
    .where('tenant_id', '=', p('tenant'))
    .where('id', '=', p('id'))
    .returning(STORED_COLUMNS),
)

function sameContent(
  type: ResourceTypeName,
  a: Record<string, unknown>,
  b: Record<string, unknown>,
): boolean {
  return (
    resourceData(type, a) === resourceData(type, b) && JSON.stringify(a.members) === JSON.stringify(b.members)
  )
}
