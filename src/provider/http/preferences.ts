/** What the request's Prefer header (RFC 7240) asks of the answer: `return=minimal`, `return=representation`, or nothing. */
export function returnPreference(
  prefer: string | string[] | undefined,
): 'minimal' | 'representation' | undefined {
  const values = Array.isArray(prefer) ? prefer : prefer === undefined ? [] : [prefer]
  for (const value of values) {
    for (const part of value.split(',')) {
      const match = /^\s*return\s*=\s*"?(minimal|representation)"?\s*(;.*)?$/i.exec(part)
      if (match) return match[1].toLowerCase() as 'minimal' | 'representation'
    }
  }
  return undefined
}

/**
 * Whether a PATCH answers 204 without a body. The client's Prefer header decides when it sends one; otherwise a
 * Group PATCH answers 204 unless the request names `attributes` or `excludedAttributes` (Entra's documented
 * expectation, and no member list in each answer), and a User PATCH answers 200 with the resource.
 */
export function patchAnswersMinimal(
  prefer: string | string[] | undefined,
  type: 'User' | 'Group',
  projected: boolean,
): boolean {
  const preference = returnPreference(prefer)
  if (preference) return preference === 'minimal'
  return type === 'Group' && !projected
}
