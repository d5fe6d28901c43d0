/**
 * Proper case: the first letter of each word upper case, the rest lower case. Words are split at the given separator
 * characters, or, without any, at every character that is not a letter, mark or digit (as .NET ToTitleCase does).
 */
export function properCase(text: string, separators?: string): string {
  const isSeparator = separators
    ? (c: string) => separators.includes(c)
    : (c: string) => !/[\p{L}\p{M}\p{N}]/u.test(c)
  let result = ''
  let wordStart = true
  for (const c of text) {
    if (isSeparator(c)) {
      result += c
      wordStart = true
    } else {
      result += wordStart ? c.toUpperCase() : c.toLowerCase()
      wordStart = false
    }
  }
  return result
}
