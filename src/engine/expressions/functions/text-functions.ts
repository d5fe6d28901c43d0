import { type ExprValue, toNumber, toText } from '../values.js'
import {
  type Arg,
  argValue,
  callError,
  type ExpressionFunction,
  type FunctionCall,
} from './function-types.js'
import { normalizeDiacritics } from './normalize-diacritics.js'
import { properCase } from './pcase.js'

/** The text of an argument (null stays null). */
export function textArg(arg: Arg): string | null {
  return toText(argValue(arg))
}

/** An integer argument; throws an evaluation error naming the parameter when it is not a number. */
export function integerArg(arg: Arg, call: FunctionCall, parameter: string): number {
  const value = argValue(arg)
  const number = toNumber(value)
  if (number === undefined || !Number.isInteger(number)) {
    throw callError(call, `${parameter} must be an integer, not ${JSON.stringify(value)}`)
  }
  return number
}

/** Applies `transform` to the source text; null in, null out. */
export function mapText(
  transform: (text: string, args: Arg[], call: FunctionCall) => ExprValue,
): ExpressionFunction {
  return (args, call) => {
    const text = textArg(args[0])
    return text === null ? null : transform(text, args, call)
  }
}

function cultureCase(upper: boolean): ExpressionFunction {
  return mapText((text, args, call) => {
    const culture = textArg(args[1])
    if (!culture) return upper ? text.toUpperCase() : text.toLowerCase()
    try {
      return upper ? text.toLocaleUpperCase(culture) : text.toLocaleLowerCase(culture)
    } catch {
      throw callError(call, `culture "${culture}" is not a valid culture name such as en-US`)
    }
  })
}

/** Append, Prepend, ConvertTo*, CStr, InStr, Left, Mid, NormalizeDiacritics, PCase, StripSpaces, ToLower, ToUpper, Word. */
export const TEXT_FUNCTIONS = {
  Append: mapText((text, args) => text + (textArg(args[1]) ?? '')),
  Prepend: (args) => {
    const text = textArg(args[1])
    return text === null ? null : (textArg(args[0]) ?? '') + text
  },
  ConvertToBase64: mapText((text) => Buffer.from(text, 'utf16le').toString('base64')),
  ConvertToUTF8Hex: mapText((text) => Buffer.from(text, 'utf8').toString('hex').toUpperCase()),
  CStr: (args) => textArg(args[0]),
  InStr: (args, call) => {
    const haystack = textArg(args[0])
    const needle = textArg(args[1])
    if (haystack === null || needle === null) return null
    const start = args[2] ? integerArg(args[2], call, 'start') : 1
    const compare = argValue(args[3])
    const ignoreCase = compare === 'vbTextCompare' || compare === 1 || compare === '1'
    const fold = (s: string) => (ignoreCase ? s.toLowerCase() : s)
    return fold(haystack).indexOf(fold(needle), Math.max(start, 1) - 1) + 1
  },
  Left: (args, call) => {
    const text = textArg(args[0])
    if (text === null) return ''
    const count = integerArg(args[1], call, 'NumChars')
    return count < 0 ? text : text.slice(0, count)
  },
  Mid: mapText((text, args, call) => {
    const start = integerArg(args[1], call, 'start')
    const length = integerArg(args[2], call, 'length')
    if (start < 1) throw callError(call, `start must be 1 or more, not ${start}`)
    if (length < 0) throw callError(call, `length must not be negative, not ${length}`)
    return text.slice(start - 1, start - 1 + length)
  }),
  NormalizeDiacritics: mapText(normalizeDiacritics),
  PCase: mapText((text, args) => properCase(text, textArg(args[1]) || undefined)),
  StripSpaces: mapText((text) => text.replaceAll(' ', '')),
  ToLower: cultureCase(false),
  ToUpper: cultureCase(true),
  Word: (args, call) => {
    const text = textArg(args[0])
    const number = integerArg(args[1], call, 'WordNumber')
    const delimiters = textArg(args[2]) ?? ''
    if (text === null || number < 1) return ''
    const words = [...text].reduce<string[]>(
      (list, c) => {
        if (delimiters.includes(c)) list.push('')
        else list[list.length - 1] += c
        return list
      },
      [''],
    )
    return words.filter((word) => word !== '')[number - 1] ?? ''
  },
} satisfies Record<string, ExpressionFunction>
