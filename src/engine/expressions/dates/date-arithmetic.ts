/** The interval strings of DateAdd and DateDiff (VBA's): years, quarters, months, days, weeks, hours, minutes, seconds. */
export const DATE_INTERVALS = ['yyyy', 'q', 'm', 'y', 'd', 'w', 'ww', 'h', 'n', 's']

const DAY = 86_400_000

/** Adds `count` intervals (yyyy q m y d w ww h n s, as VBA's DateAdd) to a date; months clamp to the month's end. */
export function addInterval(date: Date, interval: string, count: number): Date {
  switch (interval) {
    case 'yyyy':
      return addMonths(date, 12 * count)
    case 'q':
      return addMonths(date, 3 * count)
    case 'm':
      return addMonths(date, count)
    case 'ww':
      return new Date(date.getTime() + 7 * count * DAY)
    case 'h':
      return new Date(date.getTime() + count * 3_600_000)
    case 'n':
      return new Date(date.getTime() + count * 60_000)
    case 's':
      return new Date(date.getTime() + count * 1000)
    default: // d, y, w
      return new Date(date.getTime() + count * DAY)
  }
}

function addMonths(date: Date, months: number): Date {
  const total = date.getUTCFullYear() * 12 + date.getUTCMonth() + months
  const year = Math.floor(total / 12)
  const month = total - year * 12
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  const result = new Date(date.getTime())
  result.setUTCFullYear(year, month, Math.min(date.getUTCDate(), lastDay))
  return result
}

/**
 * The number of interval boundaries between two dates, as VBA's DateDiff counts them: calendar years, quarters,
 * months, days, Sundays (`ww`), whole weeks (`w`), hours, minutes, seconds. Positive when `date2` is later.
 */
export function diffInterval(interval: string, date1: Date, date2: Date): number {
  const months = (d: Date) => d.getUTCFullYear() * 12 + d.getUTCMonth()
  const days = (d: Date) => Math.floor(d.getTime() / DAY)
  const floorDiff = (unit: number) => Math.floor(date2.getTime() / unit) - Math.floor(date1.getTime() / unit)
  switch (interval) {
    case 'yyyy':
      return date2.getUTCFullYear() - date1.getUTCFullYear()
    case 'q':
      return Math.floor(months(date2) / 3) - Math.floor(months(date1) / 3)
    case 'm':
      return months(date2) - months(date1)
    case 'w':
      return Math.trunc((days(date2) - days(date1)) / 7)
    case 'ww': // 1970-01-01 was a Thursday: +4 puts Sunday at a week start
      return Math.floor((days(date2) + 4) / 7) - Math.floor((days(date1) + 4) / 7)
    case 'h':
      return floorDiff(3_600_000)
    case 'n':
      return floorDiff(60_000)
    case 's':
      return floorDiff(1000)
    default: // d, y
      return days(date2) - days(date1)
  }
}

const FILETIME_EPOCH_OFFSET_MS = 11_644_473_600_000n

/** Converts an Active Directory FILETIME (100-ns ticks since 1601-01-01 UTC) to a date. */
export function dateFromFileTime(ticks: bigint): Date {
  return new Date(Number(ticks / 10_000n - FILETIME_EPOCH_OFFSET_MS))
}

/** Converts a date to an Active Directory FILETIME, as decimal digits (too large for a JS number). */
export function fileTimeFromDate(date: Date): string {
  return String((BigInt(date.getTime()) + FILETIME_EPOCH_OFFSET_MS) * 10_000n)
}
