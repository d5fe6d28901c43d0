/**
 * The parameters of every supported function, as Microsoft documents them (`functions-for-customizing-application-data`,
 * plus AssertiveAppRoleAssignmentsComplex, Prepend and IsNothing from the Graph function list). A trailing `?` marks an
 * optional parameter; `...` a repeating one. Names are case-sensitive, as in Entra.
 */
export const FUNCTION_SIGNATURES = {
  Append: ['source', 'suffix'],
  AppRoleAssignmentsComplex: ['appRoleAssignments'],
  AssertiveAppRoleAssignmentsComplex: ['appRoleAssignments'],
  BitAnd: ['value1', 'value2'],
  CBool: ['expression'],
  CDate: ['expression'],
  Coalesce: ['source1', 'source...'],
  ConvertToBase64: ['source'],
  ConvertToUTF8Hex: ['source'],
  Count: ['attribute'],
  CStr: ['value'],
  DateAdd: ['interval', 'value', 'dateTime'],
  DateDiff: ['interval', 'date1', 'date2'],
  DateFromNum: ['value'],
  FormatDateTime: ['source', 'dateTimeStyles', 'inputFormat', 'outputFormat'],
  Guid: [],
  IgnoreFlowIfNullOrEmpty: ['expression'],
  IIF: ['condition', 'valueIfTrue', 'valueIfFalse'],
  InStr: ['value1', 'value2', 'start?', 'compareType?'],
  IsNothing: ['expression'],
  IsNull: ['expression'],
  IsNullOrEmpty: ['expression'],
  IsPresent: ['expression'],
  IsString: ['expression'],
  Item: ['attribute', 'index'],
  Join: ['separator', 'source1', 'source...'],
  Left: ['string', 'numChars'],
  Mid: ['source', 'start', 'length'],
  NormalizeDiacritics: ['source'],
  Not: ['source'],
  Now: [],
  NumFromDate: ['value'],
  PCase: ['source', 'wordSeparators?'],
  Prepend: ['prefix', 'source'],
  RandomString: [
    'length',
    'minimumNumbers',
    'minimumSpecialCharacters',
    'minimumCapital',
    'minimumLowerCase',
    'charactersToAvoid?',
  ],
  Redact: ['value'],
  RemoveDuplicates: ['attribute'],
  Replace: [
    'source',
    'oldValue',
    'regexPattern',
    'regexGroupName',
    'replacementValue',
    'replacementAttributeName',
    'template',
  ],
  SelectUniqueValue: ['uniqueValueRule1', 'uniqueValueRule2', 'uniqueValueRule...'],
  SingleAppRoleAssignment: ['appRoleAssignments'],
  Split: ['source', 'delimiter'],
  StripSpaces: ['source'],
  Switch: ['source', 'defaultValue', 'key1', 'value1', 'key...', 'value...'],
  ToLower: ['source', 'culture?'],
  ToUpper: ['source', 'culture?'],
  Word: ['string', 'wordNumber', 'delimiters'],
} as const satisfies Record<string, readonly string[]>

/** The name of a supported function. */
export type FunctionName = keyof typeof FUNCTION_SIGNATURES

/** The number of arguments a function takes: `max` is Infinity for repeating parameters. */
export function functionArity(name: FunctionName): { min: number; max: number } {
  const params: readonly string[] = FUNCTION_SIGNATURES[name]
  const repeating = params.some((p) => p.endsWith('...'))
  const required = params.filter((p) => !p.endsWith('?') && !p.endsWith('...')).length
  return { min: required, max: repeating ? Number.POSITIVE_INFINITY : params.length }
}

/** True when `name` is a supported function (case-sensitive). */
export function isFunctionName(name: string): name is FunctionName {
  return Object.hasOwn(FUNCTION_SIGNATURES, name)
}

/** Supported function names close to `name` (same name in another case, or a small edit distance), best first. */
export function nearFunctionNames(name: string): FunctionName[] {
  const lower = name.toLowerCase()
  return (Object.keys(FUNCTION_SIGNATURES) as FunctionName[])
    .map((candidate) => ({ candidate, distance: editDistance(lower, candidate.toLowerCase()) }))
    .filter(({ distance }) => distance <= Math.max(2, Math.floor(name.length / 3)))
    .sort((a, b) => a.distance - b.distance)
    .slice(0, 3)
    .map(({ candidate }) => candidate)
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      )
    }
    previous = current
  }
  return previous[b.length]
}
