/** Letters Microsoft's table maps to other letters rather than to their base letter. */
const SPECIAL: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  Æ: 'AE',
  ǣ: 'ae',
  Ǣ: 'AE',
  ø: 'oe',
  Ø: 'OE',
  œ: 'oe',
  Œ: 'OE',
  ł: 'l',
  Ł: 'L',
  ı: 'i',
}

/**
 * Replaces diacritical characters with their plain equivalents, per Microsoft's NormalizeDiacritics table:
 * accents and macrons are dropped (Zoë → Zoe, ā́ → a), ß → ss, æ → ae, ø → oe, ł → l.
 */
export function normalizeDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[ßæÆǣǢøØœŒłŁı]/g, (c) => SPECIAL[c])
    .replace(/\p{M}/gu, '')
    .normalize('NFC')
}
