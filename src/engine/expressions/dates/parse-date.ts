import { parseOffset } from './dotnet-format.js'

/** The format Entra's date functions return: `M/d/yyyy h:mm:ss tt` (UTC, en-US). */
export const ENTRA_DATE_FORMAT = 'M/d/yyyy h:mm:ss tt'

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?)?$/i

/**
 * Parses the date strings Entra's date functions accept: ISO 8601 (`2009-06-15T01:45:30-07:00`, `2020-03-16-07:00`,
 * `2021-08-24`, `2020-12-31 23:59:59-08:00`) and the US form they return (`8/25/2021 5:41:18 PM`).
 * A value without an offset is taken as UTC. Returns undefined for anything else.
 */
export function parseDateTime(text: string): Date | undefined {
  const trimmed = text.trim()
  const iso = ISO.exec(trimmed)
  if (iso) {
    const [, y, mo, d, h, mi, s, fraction, offset] = iso
    const ms = fraction ? Math.round(Number(`0.${fraction}`) * 1000) : 0
    const utc = Date.UTC(+y, +mo - 1, +d, +(h ?? 0), +(mi ?? 0), +(s ?? 0), ms)
    return checked(utc - (offset ? parseOffset(offset) : 0) * 60_000, +y, +mo, +d)
  }
  const us = US.exec(trimmed)
  if (us) {
    const [, mo, d, y, h, mi, s, ampm] = us
    let hour = +(h ?? 0)
    if (ampm) hour = (hour % 12) + (ampm.toUpperCase() === 'PM' ? 12 : 0)
    return checked(Date.UTC(+y, +mo - 1, +d, hour, +(mi ?? 0), +(s ?? 0)), +y, +mo, +d)
  }
  return undefined
}

function checked(time: number, year: number, month: number, day: number): Date | undefined {
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || Number.isNaN(time)) return undefined
  return new Date(time)
}
