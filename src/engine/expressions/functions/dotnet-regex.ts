/**
 * Translates a .NET regular expression into a JavaScript RegExp: `(?'name'…)` groups, `\A`, `\z`/`\Z` anchors and a
 * leading `(?i)` option. Named groups `(?<name>…)` need no change. Throws SyntaxError when the pattern is invalid.
 */
export function toJsRegExp(pattern: string, flags = 'g'): RegExp {
  let source = pattern
  let allFlags = flags
  const inline = /^\(\?([imsx]+)\)/.exec(source)
  if (inline) {
    source = source.slice(inline[0].length)
    for (const option of inline[1]) if (option !== 'x' && !allFlags.includes(option)) allFlags += option
  }
  source = source
    .replace(/\(\?'([A-Za-z_][A-Za-z0-9_]*)'/g, '(?<$1>')
    .replace(/(^|[^\\])\\A/g, '$1^')
    .replace(/(^|[^\\])\\[zZ]/g, '$1$')
  return new RegExp(source, allFlags)
}

/** Translates a .NET replacement string (`${name}`, `$0`) into JavaScript's (`$<name>`, `$&`). */
export function toJsReplacement(replacement: string): string {
  return replacement.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, '$<$1>').replace(/\$0/g, '$&')
}
