import type { PatchPath } from '../path/ast.js'

/** The three PATCH operations of RFC 7644 §3.5.2. */
export type PatchOpName = 'add' | 'remove' | 'replace'

/**
 * One PATCH operation in RFC form, as `normalisePatch` produces it and `applyPatch` consumes it: a lower-case `op`,
 * a parsed `path` (absent for a path-less add or replace) and the value (absent for remove).
 */
export interface PatchOperation {
  op: PatchOpName
  path?: PatchPath
  value?: unknown
}

/** One operation of a PatchOp request body as a client sends it (`op` in any case, `path` as text). */
export interface RawPatchOperation {
  op: string
  path?: string
  value?: unknown
}

/** The PatchOp request body (RFC 7644 §3.5.2) as a client sends it. */
export interface RawPatchRequest {
  schemas?: string[]
  Operations: RawPatchOperation[]
}
