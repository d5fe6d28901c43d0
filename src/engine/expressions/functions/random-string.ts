import { argValue, callError, type ExpressionFunction } from './function-types.js'
import { integerArg, textArg } from './text-functions.js'

const DIGITS = '0123456789'
const SPECIALS = '~!@#$%^&*_-+=`|\\(){}[]:;"\'<>,.?/'
const CAPITALS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const LOWERS = 'abcdefghijklmnopqrstuvwxyz'
const MAX_LENGTH = 256

/**
 * RandomString(Length, MinimumNumbers, MinimumSpecialCharacters, MinimumCapital, MinimumLowerCase, CharactersToAvoid):
 * a random string of at most 256 characters from the Windows password character classes, drawn from the injected
 * random source.
 */
export const randomString: ExpressionFunction = (args, call) => {
  const random = call.context.random
  if (!random) throw callError(call, 'no random source was given to the evaluation')
  const [length, numbers, specials, capitals, lowers] = [
    'Length',
    'MinimumNumbers',
    'MinimumSpecialCharacters',
    'MinimumCapital',
    'MinimumLowerCase',
  ].map((name, i) => integerArg(args[i], call, name))
  const avoid = argValue(args[5]) === null ? '' : (textArg(args[5]) ?? '')
  if (length < 1 || length > MAX_LENGTH)
    throw callError(call, `Length must be 1 to ${MAX_LENGTH}, not ${length}`)
  if ([numbers, specials, capitals, lowers].some((n) => n < 0))
    throw callError(call, 'minimums must not be negative')
  if (numbers + specials + capitals + lowers > length) {
    throw callError(
      call,
      `the minimums add up to ${numbers + specials + capitals + lowers}, more than Length ${length}`,
    )
  }
  const allowed = (set: string) => [...set].filter((c) => !avoid.includes(c)).join('')
  const classes = [DIGITS, SPECIALS, CAPITALS, LOWERS].map(allowed)
  const minimums = [numbers, specials, capitals, lowers]
  const pick = (set: string) => set[Math.floor(random() * set.length)]
  const chars: string[] = []
  classes.forEach((set, i) => {
    if (minimums[i] > 0 && set === '')
      throw callError(call, 'CharactersToAvoid removes a whole required character class')
    for (let n = 0; n < minimums[i]; n++) chars.push(pick(set))
  })
  const fill = classes.filter((set, i) => set !== '' && (i !== 1 || specials > 0)).join('')
  while (chars.length < length) chars.push(pick(fill))
  for (let i = chars.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[chars[i], chars[j]] = [chars[j], chars[i]]
  }
  return chars.join('')
}
