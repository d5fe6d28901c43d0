import { readDateTimeFields } from '../filter/date-time.js'

/** The strict lexical form of xsd:dateTime: `T`, seconds, an optional `.` fraction and a zone `Z` or `±hh:mm`. */
const XSD_DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:[0-5]\d)?$/

/**
 * Whether a string is a valid xsd:dateTime (RFC 7643 §2.3.5): a date and a time, optional fraction and zone, with real
 * calendar values (no 30 February, no hour 25; `24:00:00` is allowed as xsd allows it). Stricter than the lenient
 * readDateTimeFields it builds on: the xsd lexical form only, no year 0, no second 60, a zone within ±14:00.
 *
 * @example isXsdDateTime('2008-01-23T04:56:22Z') // true
 */
export function isXsdDateTime(text: string): boolean {
  if (!XSD_DATE_TIME.test(text)) return false
  const fields = readDateTimeFields(text)
  if (!fields || fields.year === 0 || fields.second > 59) return false
  const { hour, minute, second, fraction, offsetMinutes } = fields
  if (hour === 24 && (minute !== 0 || second !== 0 || /[1-9]/.test(fraction ?? ''))) return false
  if (offsetMinutes !== undefined && Math.abs(offsetMinutes) > 14 * 60) return false
  return true
}
