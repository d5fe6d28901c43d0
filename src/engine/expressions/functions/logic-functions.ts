import { isNullOrEmpty, isTruthy, toNumber, toText } from '../values.js'
import { argValue, callError, type ExpressionFunction } from './function-types.js'
import { textArg } from './text-functions.js'

/**
 * BitAnd, CBool, Coalesce, Guid, IgnoreFlowIfNullOrEmpty, IIF, IsNothing, IsNull, IsNullOrEmpty, IsPresent, IsString,
 * Not, Redact, SelectUniqueValue, Switch.
 */
export const LOGIC_FUNCTIONS = {
  BitAnd: (args, call) => {
    const [a, b] = [argValue(args[0]), argValue(args[1])].map(toNumber)
    if (a === undefined || b === undefined || !Number.isInteger(a) || !Number.isInteger(b)) {
      throw callError(call, 'both values must be integers')
    }
    return Number(BigInt(a) & BigInt(b))
  },
  CBool: (args) => isTruthy(argValue(args[0])),
  Coalesce: (args) => {
    for (const arg of args) {
      const value = argValue(arg)
      if (value !== null && !(Array.isArray(value) && value.length === 0)) return value
    }
    return null
  },
  Guid: (_args, call) => call.context.newGuid(),
  IgnoreFlowIfNullOrEmpty: (args, call) => {
    const value = argValue(args[0])
    if (isNullOrEmpty(value)) call.flags.ignoreFlow = true
    return value
  },
  IIF: (args) => (isTruthy(argValue(args[0])) ? argValue(args[1]) : argValue(args[2])),
  IsNothing: (args) => argValue(args[0]) === null,
  IsNull: (args) => argValue(args[0]) === null,
  IsNullOrEmpty: (args) => isNullOrEmpty(argValue(args[0])),
  IsPresent: (args) => !isNullOrEmpty(argValue(args[0])),
  IsString: (args) => typeof argValue(args[0]) === 'string',
  Not: (args) => !isTruthy(argValue(args[0])),
  Redact: (args, call) => {
    call.flags.redacted = true
    return argValue(args[0])
  },
  SelectUniqueValue: (args) => {
    for (const arg of args) {
      const value = argValue(arg)
      if (!isNullOrEmpty(value)) return value
    }
    return null
  },
  Switch: (args) => {
    const source = toText(argValue(args[0])) ?? ''
    for (let i = 2; i + 1 < args.length; i += 2) {
      if ((textArg(args[i]) ?? '') === source) return argValue(args[i + 1])
    }
    return argValue(args[1])
  },
} satisfies Record<string, ExpressionFunction>
