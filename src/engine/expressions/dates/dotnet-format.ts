/**
 * .NET date and time format strings (en-US, the culture Entra formats with): custom specifiers
 * (yyyy yy y MMMM MMM MM M dddd ddd dd d HH H hh h mm m ss s f… F… tt t zzz zz z K, 'quoted' and \escaped literals,
 * % for a lone specifier) and the standard one-letter formats d D f F g G M o R s t T u Y.
 */

type FormatToken = { literal: string } | { spec: string }

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

const STANDARD_FORMATS: Record<string, string> = {
  d: 'M/d/yyyy',
  D: 'dddd, MMMM d, yyyy',
  f: 'dddd, MMMM d, yyyy h:mm tt',
  F: 'dddd, MMMM d, yyyy h:mm:ss tt',
  g: 'M/d/yyyy h:mm tt',
  G: 'M/d/yyyy h:mm:ss tt',
  M: 'MMMM d',
  m: 'MMMM d',
  o: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  O: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  R: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  r: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  s: "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
  t: 'h:mm tt',
  T: 'h:mm:ss tt',
  u: "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
  Y: 'MMMM yyyy',
  y: 'MMMM yyyy',
}

const SPEC_LETTERS = 'yMdHhmsfFtzK'

/** Splits a .NET format string into specifiers and literals. */
function tokenizeFormat(format: string): FormatToken[] {
  const pattern = format.length === 1 && STANDARD_FORMATS[format] ? STANDARD_FORMATS[format] : format
  const tokens: FormatToken[] = []
  let i = 0
  while (i < pattern.length) {
    const c = pattern[i]
    if (c === "'" || c === '"') {
      const end = pattern.indexOf(c, i + 1)
      const stop = end < 0 ? pattern.length : end
      tokens.push({ literal: pattern.slice(i + 1, stop) })
      i = stop + 1
    } else if (c === '\\') {
      tokens.push({ literal: pattern[i + 1] ?? '' })
      i += 2
    } else if (c === '%') {
      i++
    } else if (SPEC_LETTERS.includes(c)) {
      let end = i + 1
      while (pattern[end] === c) end++
      tokens.push({ spec: pattern.slice(i, end) })
      i = end
    } else {
      tokens.push({ literal: c })
      i++
    }
  }
  return tokens
}

/** A parsed date: the UTC instant and whether the text carried an offset or `Z`. */
export interface ParsedDate {
  date: Date
  hasOffset: boolean
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0')

/** Formats a UTC instant with a .NET format string; `hasOffset` makes `K` write `Z` (a UTC DateTime). */
export function formatDotNet(date: Date, format: string, hasOffset = true): string {
  return tokenizeFormat(format)
    .map((token) => ('literal' in token ? token.literal : formatSpec(date, token.spec, hasOffset)))
    .join('')
}

function formatSpec(date: Date, spec: string, hasOffset: boolean): string {
  const n = spec.length
  const hours = date.getUTCHours()
  switch (spec[0]) {
    case 'y': {
      const year = date.getUTCFullYear()
      return n <= 2 ? pad(year % 100, n) : pad(year, n)
    }
    case 'M': {
      const month = date.getUTCMonth()
      return n >= 4 ? MONTHS[month] : n === 3 ? MONTHS[month].slice(0, 3) : pad(month + 1, n)
    }
    case 'd': {
      const day = date.getUTCDay()
      return n >= 4 ? DAYS[day] : n === 3 ? DAYS[day].slice(0, 3) : pad(date.getUTCDate(), n)
    }
    case 'H':
      return pad(hours, Math.min(n, 2))
    case 'h':
      return pad(hours % 12 === 0 ? 12 : hours % 12, Math.min(n, 2))
    case 'm':
      return pad(date.getUTCMinutes(), Math.min(n, 2))
    case 's':
      return pad(date.getUTCSeconds(), Math.min(n, 2))
    case 'f':
    case 'F': {
      const fraction = pad(date.getUTCMilliseconds(), 3).padEnd(7, '0').slice(0, n)
      return spec[0] === 'F' ? fraction.replace(/0+$/, '') : fraction
    }
    case 't':
      return (hours < 12 ? 'AM' : 'PM').slice(0, n === 1 ? 1 : 2)
    case 'z':
      return n === 1 ? '+0' : n === 2 ? '+00' : '+00:00'
    default:
      return hasOffset ? 'Z' : ''
  }
}

/**
 * Parses `text` exactly as the .NET format string describes (ParseExact with leading and trailing white allowed);
 * a value with an offset is converted to UTC, one without is taken as UTC. Returns undefined when it does not match.
 */
export function parseDotNet(text: string, format: string): ParsedDate | undefined {
  const tokens = tokenizeFormat(format)
  const fields: string[] = []
  const regex = tokens
    .map((token) => {
      if ('literal' in token) return escapeRegExp(token.literal)
      fields.push(token.spec)
      return `(${specPattern(token.spec)})`
    })
    .join('')
  const match = new RegExp(`^${regex}$`, 'i').exec(text.trim())
  if (!match) return undefined
  const parts = {
    year: 1,
    month: 1,
    day: 1,
    hour: 0,
    minute: 0,
    second: 0,
    ms: 0,
    pm: undefined as boolean | undefined,
  }
  let offsetMinutes: number | undefined
  fields.forEach((spec, index) => {
    const value = match[index + 1]
    const number = Number(value)
    switch (spec[0]) {
      case 'y':
        parts.year = spec.length <= 2 ? (number <= 49 ? 2000 + number : 1900 + number) : number
        break
      case 'M':
        parts.month = spec.length >= 3 ? monthIndex(value) + 1 : number
        break
      case 'd':
        if (spec.length <= 2) parts.day = number
        break
      case 'H':
      case 'h':
        parts.hour = number
        break
      case 'm':
        parts.minute = number
        break
      case 's':
        parts.second = number
        break
      case 'f':
      case 'F':
        parts.ms = value === '' ? 0 : Math.round(Number(`0.${value}`) * 1000)
        break
      case 't':
        parts.pm = value.toUpperCase().startsWith('P')
        break
      default:
        if (value !== '') offsetMinutes = parseOffset(value)
    }
  })
  if (parts.pm !== undefined) parts.hour = (parts.hour % 12) + (parts.pm ? 12 : 0)
  const utc = Date.UTC(
    parts.year,
    parts.month - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second,
    parts.ms,
  )
  const date = new Date(utc - (offsetMinutes ?? 0) * 60_000)
  if (Number.isNaN(date.getTime()) || !validDay(parts.year, parts.month, parts.day)) return undefined
  return { date, hasOffset: offsetMinutes !== undefined }
}

function specPattern(spec: string): string {
  const n = spec.length
  switch (spec[0]) {
    case 'y':
      return n <= 2 ? '\\d{2}' : `\\d{${n},}`
    case 'M':
      return n >= 4 ? MONTHS.join('|') : n === 3 ? MONTHS.map((m) => m.slice(0, 3)).join('|') : `\\d{${n},2}`
    case 'd':
      return n >= 4 ? DAYS.join('|') : n === 3 ? DAYS.map((d) => d.slice(0, 3)).join('|') : `\\d{${n},2}`
    case 'H':
    case 'h':
    case 'm':
    case 's':
      return `\\d{${Math.min(n, 2)},2}`
    case 'f':
      return `\\d{${n}}`
    case 'F':
      return `\\d{0,${n}}`
    case 't':
      return n === 1 ? 'A|P' : 'AM|PM'
    case 'z':
      return n === 1 ? '[+-]\\d{1,2}' : n === 2 ? '[+-]\\d{2}' : '[+-]\\d{2}:\\d{2}'
    default:
      return 'Z|[+-]\\d{2}:\\d{2}|'
  }
}

/** Minutes east of UTC for `Z`, `+08:00`, `-07`, `+5`. */
export function parseOffset(text: string): number {
  if (text.toUpperCase() === 'Z') return 0
  const match = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(text)!
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0)
  return match[1] === '-' ? -minutes : minutes
}

function monthIndex(name: string): number {
  return MONTHS.findIndex((month) => month.toLowerCase().startsWith(name.toLowerCase()))
}

function validDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate()
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}
