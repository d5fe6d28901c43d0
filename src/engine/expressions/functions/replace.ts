import { toText } from '../values.js'
import { toJsRegExp, toJsReplacement } from './dotnet-regex.js'
import {
  type Arg,
  argValue,
  callError,
  type ExpressionFunction,
  type FunctionCall,
} from './function-types.js'

/**
 * Replace(source, oldValue, regexPattern, regexGroupName, replacementValue, replacementAttributeName, template),
 * case-sensitive, in the five documented modes chosen by which arguments are given (omitted ≠ ""):
 * oldValue+template, oldValue+replacementValue, regexPattern+regexGroupName+replacementAttributeName,
 * regexPattern+regexGroupName+replacementValue, regexPattern+replacementValue.
 */
export const replace: ExpressionFunction = (args, call) => {
  const [, oldArg, patternArg, groupArg, replacementArg, attributeArg, templateArg] = args
  const source = toText(argValue(args[0]))
  const text = (arg: Arg) => toText(argValue(arg)) ?? ''
  if (oldArg && templateArg) {
    return source === null ? null : text(templateArg).replaceAll(text(oldArg), source)
  }
  if (oldArg && replacementArg) {
    const oldValue = text(oldArg)
    return source === null || oldValue === '' ? source : source.replaceAll(oldValue, text(replacementArg))
  }
  if (!patternArg) throw callError(call, 'give oldValue with replacementValue or template, or a regexPattern')
  const regex = compile(text(patternArg), call)
  if (groupArg && attributeArg) {
    if (source !== null && source !== '') return source
    const match = regex.exec(text(attributeArg))
    return match?.groups?.[text(groupArg)] ?? null
  }
  if (!replacementArg)
    throw callError(call, 'a regexPattern needs a replacementValue or a replacementAttributeName')
  if (source === null) return null
  if (groupArg) return replaceGroup(source, regex, text(groupArg), text(replacementArg))
  return source.replace(regex, toJsReplacement(text(replacementArg)))
}

function compile(pattern: string, call: FunctionCall): RegExp {
  try {
    return toJsRegExp(pattern, 'gd')
  } catch (error) {
    throw callError(call, `regexPattern is not a valid regular expression: ${(error as Error).message}`)
  }
}

/** Replaces the span of the named group in every match with `replacement`. */
function replaceGroup(source: string, regex: RegExp, group: string, replacement: string): string {
  let result = ''
  let last = 0
  for (const match of source.matchAll(regex)) {
    const span = match.indices?.groups?.[group]
    if (!span) continue
    result += source.slice(last, span[0]) + replacement
    last = span[1]
  }
  return result + source.slice(last)
}
