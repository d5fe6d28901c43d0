import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { etagFor, etagMatches, parseEtagList } from '../../../src/scim/etag.js'

describe('etag', () => {
  it('makes weak ETags', () => {
    expect(etagFor(3)).toBe('W/"3"')
    expect(etagFor('a330bc54f0671c9')).toBe('W/"a330bc54f0671c9"')
  })

  it('parses *, lists, weak and strong tags, commas inside quotes and unquoted tags', () => {
    expect(parseEtagList(' * ')).toEqual({ any: true })
    expect(parseEtagList('W/"1", "2" ,, w/"a,b", 7')).toEqual({
      any: false,
      tags: [
        { weak: true, value: '1' },
        { weak: false, value: '2' },
        { weak: true, value: 'a,b' },
        { weak: false, value: '7' },
      ],
    })
    expect(parseEtagList(undefined)).toEqual({ any: false, tags: [] })
  })

  it('matches weakly against a bare version or a meta.version ETag', () => {
    expect(etagMatches('W/"3"', 3)).toBe(true)
    expect(etagMatches('"3"', 'W/"3"')).toBe(true)
    expect(etagMatches('W/"2", W/"3"', '3')).toBe(true)
    expect(etagMatches('W/"2"', 'W/"3"')).toBe(false)
    expect(etagMatches('*', 'W/"9"')).toBe(true)
    expect(etagMatches(parseEtagList(''), 'W/"9"')).toBe(false)
  })

  it('round-trips any version without quotes or commas through etagFor and parseEtagList', () => {
    // A bare version that itself starts with W/ would read as an ETag (etagMatches takes either), so it is left out.
    fc.assert(
      fc.property(
        fc
          .string()
          .filter((s) => !/[",]/.test(s) && !/^[Ww]\//.test(s) && s.trim() === s && s !== '' && s !== '*'),
        (v) => {
          expect(etagMatches(etagFor(v), v)).toBe(true)
          expect(etagMatches(`W/"x${v}"`, v)).toBe(false)
        },
      ),
    )
  })
})
