/** An instant with nanosecond precision: whole seconds since 1970-01-01T00:00:00Z and nanoseconds into the second. */
export interface Instant {
  seconds: number
  nanos: number
}

/** The fields of a dateTime as written, before any zone is applied. */
export interface DateTimeFields {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  /** The digits after the decimal separator, if any. */
  fraction?: string
  /** The zone offset in minutes east of UTC; undefined when the text names no zone. */
  offsetMinutes?: number
}

const DATE_TIME =
  /^(-?\d{4,})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?$/

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

function offsetMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined) return undefined
  if (zone.length === 1) return 0
  const sign = zone[0] === '-' ? -1 : 1
  const digits = zone.replace(':', '')
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || 0))
}

/**
 * Reads the fields of a dateTime in the lenient forms clients send: `T`, `t` or a space before the time, the time or
 * its seconds optional, `.` or `,` before a fraction, a zone `Z`, `±hh`, `±hhmm` or `±hh:mm` or none. The date must
 * exist in the calendar (no 30 February); hour 24 and second 60 pass, as xsd and leap seconds allow. Returns
 * undefined when the text is not a dateTime.
 *
 * @example readDateTimeFields('2015-10-10 14:38') // { year: 2015, month: 10, day: 10, hour: 14, minute: 38, second: 0 }
 */
export function readDateTimeFields(text: string): DateTimeFields | undefined {
  const m = DATE_TIME.exec(text)
  if (!m) return undefined
  const fields: DateTimeFields = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
  }
  const { year, month, day, hour, minute, second } = fields
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined
  if (hour > 24 || minute > 59 || second > 60) return undefined
  if (m[7] !== undefined) fields.fraction = m[7]
  const offset = offsetMinutes(m[8])
  if (offset !== undefined) fields.offsetMinutes = offset
  return fields
}

/**
 * Reads an xsd:dateTime (RFC 7643 §2.3.5) such as `2011-05-13T04:42:34Z` or `2015-10-10T14:38:21.8617979-07:00`
 * as an instant, keeping up to nanosecond precision. Accepts the lenient forms of readDateTimeFields; a missing time
 * zone means UTC; a date alone means midnight. Returns undefined when the text is not a dateTime.
 */
export function parseDateTime(text: string): Instant | undefined {
  const fields = readDateTimeFields(text)
  if (!fields) return undefined
  const date = new Date(0)
  date.setUTCFullYear(fields.year, fields.month - 1, fields.day)
  const seconds =
    date.getTime() / 1000 +
    fields.hour * 3600 +
    fields.minute * 60 +
    fields.second -
    (fields.offsetMinutes ?? 0) * 60
  const nanos = fields.fraction === undefined ? 0 : Number(fields.fraction.slice(0, 9).padEnd(9, '0'))
  return { seconds, nanos }
}

/** Negative, zero or positive as `a` is before, at or after `b`. */
export function compareInstants(a: Instant, b: Instant): number {
  return a.seconds - b.seconds || a.nanos - b.nanos
}
