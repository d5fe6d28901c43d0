import type { RawPatchOperation, RawPatchRequest } from '../../scim/patch/patch-operation.js'
import { PATCH_OP_URN } from '../../scim/schema/urns.js'
import type { JobDialect } from '../job/job-settings.js'

/** One operation in the engine's own terms, before the dialect shapes it. */
export interface PlannedOperation {
  op: 'add' | 'replace' | 'remove'
  path: string
  value?: unknown
}

/**
 * The PatchOp body for a dialect. RFC: lower-case ops, values as given. Entra: capitalised ops (`Add`, `Replace`,
 * `Remove`) and booleans as the strings `"True"`/`"False"`, as Entra sends them without the aadOptscim062020 flag.
 */
export function patchRequest(dialect: JobDialect, operations: readonly PlannedOperation[]): RawPatchRequest {
  const Operations: RawPatchOperation[] = operations.map((o) => {
    const op = dialect === 'entra' ? capitalise(o.op) : o.op
    if (o.value === undefined) return { op, path: o.path }
    return { op, path: o.path, value: dialect === 'entra' ? entraValue(o.value) : o.value }
  })
  return { schemas: [PATCH_OP_URN], Operations }
}

function capitalise(op: string): string {
  return op.charAt(0).toUpperCase() + op.slice(1)
}

function entraValue(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 'True' : 'False'
  return value
}
