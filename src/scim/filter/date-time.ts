/** An instant with nanosecond precision: whole seconds since 1970-01-01T00:00:00Z and nanoseconds into the second. */
export interface Instant {
  seconds: number
  nanos: number
}

const DATE_TIME =
  /^(-?\d{4,})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?$/

/**
 * Reads an xsd:dateTime (RFC 7643 §2.3.5) such as `2011-05-13T04:42:34Z` or `2015-10-10T14:38:21.8617979-07:00`
 * as an instant, keeping up to nanosecond precision. A missing time zone means UTC; a date alone means midnight.
 * Returns undefined when the text is not a dateTime.
 */
export function parseDateTime(text: string): Instant | undefined {
  const m = DATE_TIME.exec(text)
  if (!m) return undefined
  const month = Number(m[2])
  const day = Number(m[3])
  const hour = Number(m[4] ?? 0)
  const minute = Number(m[5] ?? 0)
  const second = Number(m[6] ?? 0)
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60)
    return undefined
  const date = new Date(0)
  date.setUTCFullYear(Number(m[1]), month - 1, day)
  if (date.getUTCDate() !== day) return undefined
  let seconds = date.getTime() / 1000 + hour * 3600 + minute * 60 + second
  const zone = m[8]
  if (zone !== undefined && zone.length > 1) {
    const sign = zone[0] === '-' ? -1 : 1
    const digits = zone.replace(':', '')
    seconds -= sign * (Number(digits.slice(1, 3)) * 3600 + Number(digits.slice(3, 5) || 0) * 60)
  }
  const nanos = m[7] === undefined ? 0 : Number(m[7].slice(0, 9).padEnd(9, '0'))
  return { seconds, nanos }
}

/** Negative, zero or positive as `a` is before, at or after `b`. */
export function compareInstants(a: Instant, b: Instant): number {
  return a.seconds - b.seconds || a.nanos - b.nanos
}
