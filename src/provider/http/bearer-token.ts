/**
 * The token of an `Authorization: Bearer <token>` header (scheme in any letter case), or undefined when the header is
 * missing, uses another scheme or carries an empty token.
 */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined
  const match = /^\s*bearer\s+(\S+)\s*$/i.exec(header)
  return match?.[1]
}

/** The WWW-Authenticate challenge sent with every 401 (RFC 6750 §3). */
export const BEARER_CHALLENGE = 'Bearer realm="Provisio SCIM"'
