import {
  addInterval,
  DATE_INTERVALS,
  dateFromFileTime,
  diffInterval,
  fileTimeFromDate,
} from '../dates/date-arithmetic.js'
import { formatDotNet, parseDotNet } from '../dates/dotnet-format.js'
import { ENTRA_DATE_FORMAT, parseDateTime } from '../dates/parse-date.js'
import { toText } from '../values.js'
import {
  type Arg,
  argValue,
  callError,
  type ExpressionFunction,
  type FunctionCall,
} from './function-types.js'
import { integerArg, textArg } from './text-functions.js'

/** A date argument (any form parseDateTime accepts); null when the argument is null. */
function dateArg(arg: Arg, call: FunctionCall, parameter: string): Date | null {
  const text = textArg(arg)
  if (text === null) return null
  const date = parseDateTime(text)
  if (!date)
    throw callError(call, `${parameter} "${text}" is not a date (use ISO 8601 or M/d/yyyy h:mm:ss tt)`)
  return date
}

function intervalArg(arg: Arg, call: FunctionCall): string {
  const interval = textArg(arg) ?? ''
  if (!DATE_INTERVALS.includes(interval))
    throw callError(call, `interval "${interval}" is not one of ${DATE_INTERVALS.join(', ')}`)
  return interval
}

/** A date in Entra's `M/d/yyyy h:mm:ss tt` form; a date past JavaScript's range is an evaluation error. */
function entraDate(date: Date, call: FunctionCall): string {
  if (Number.isNaN(date.getTime())) throw callError(call, 'the date is outside the supported range')
  return formatDotNet(date, ENTRA_DATE_FORMAT)
}

/** CDate, DateAdd, DateDiff, DateFromNum, FormatDateTime, Now, NumFromDate. Dates come out as `M/d/yyyy h:mm:ss tt` UTC. */
export const DATE_FUNCTIONS = {
  CDate: (args, call) => {
    const date = dateArg(args[0], call, 'expression')
    return date && entraDate(date, call)
  },
  DateAdd: (args, call) => {
    const interval = intervalArg(args[0], call)
    const count = integerArg(args[1], call, 'value')
    const date = dateArg(args[2], call, 'dateTime')
    return date && entraDate(addInterval(date, interval, count), call)
  },
  DateDiff: (args, call) => {
    const interval = intervalArg(args[0], call)
    const date1 = dateArg(args[1], call, 'date1')
    const date2 = dateArg(args[2], call, 'date2')
    return date1 && date2 && diffInterval(interval, date1, date2)
  },
  DateFromNum: (args, call) => {
    const value = argValue(args[0])
    if (value === null) return null
    const digits =
      typeof value === 'number' ? BigInt(Math.trunc(value)).toString() : (toText(value) ?? '').trim()
    if (!/^\d+$/.test(digits))
      throw callError(call, `value "${digits}" is not an Active Directory date number`)
    return entraDate(dateFromFileTime(BigInt(digits)), call)
  },
  FormatDateTime: (args, call) => {
    const source = textArg(args[0])
    const inputFormat = textArg(args[2])
    const outputFormat = textArg(args[3])
    if (source === null) return null
    if (!inputFormat || !outputFormat) throw callError(call, 'inputFormat and outputFormat are required')
    const parsed = parseDotNet(source, inputFormat)
    if (!parsed) throw callError(call, `"${source}" does not match the input format "${inputFormat}"`)
    return formatDotNet(parsed.date, outputFormat, parsed.hasOffset)
  },
  Now: (_args, call) => entraDate(call.context.now(), call),
  NumFromDate: (args, call) => {
    const date = dateArg(args[0], call, 'value')
    return date && fileTimeFromDate(date)
  },
} satisfies Record<string, ExpressionFunction>
