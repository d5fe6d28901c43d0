/**
 * Whether the request's Prefer header (RFC 7240) asks for no body: `return=minimal`, in any case, among other
 * preferences.
 */
export function prefersMinimal(prefer: string | string[] | undefined): boolean {
  const values = Array.isArray(prefer) ? prefer : prefer === undefined ? [] : [prefer]
  return values.some((v) => v.split(',').some((p) => /^\s*return\s*=\s*"?minimal"?\s*(;.*)?$/i.test(p)))
}
