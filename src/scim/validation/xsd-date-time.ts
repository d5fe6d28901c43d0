const DATE_TIME = /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))?$/

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

/**
 * Whether a string is a valid xsd:dateTime (RFC 7643 §2.3.5): a date and a time, optional fraction and zone, with real
 * calendar values (no 30 February, no hour 25; `24:00:00` is allowed as xsd allows it).
 *
 * @example isXsdDateTime('2008-01-23T04:56:22Z') // true
 */
export function isXsdDateTime(text: string): boolean {
  const match = DATE_TIME.exec(text)
  if (!match) return false
  const [, y, mo, d, h, mi, s, fraction, zone, zh, zm] = match
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  const hour = Number(h)
  if (year === 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false
  if (Number(mi) > 59 || Number(s) > 59) return false
  if (hour > 24 || (hour === 24 && (Number(mi) !== 0 || Number(s) !== 0 || /[1-9]/.test(fraction ?? '')))) {
    return false
  }
  if (
    zone &&
    zone !== 'Z' &&
    (Number(zh) > 14 || Number(zm) > 59 || (Number(zh) === 14 && Number(zm) !== 0))
  ) {
    return false
  }
  return true
}
