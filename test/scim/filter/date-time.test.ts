import { describe, expect, it } from 'vitest'
import { compareInstants, parseDateTime } from '../../../src/scim/filter/date-time.js'

describe('parseDateTime', () => {
  it('reads UTC and offset dateTimes as the same instant', () => {
    const utc = parseDateTime('2015-10-10T21:38:21Z')!
    expect(utc.seconds).toBe(Date.UTC(2015, 9, 10, 21, 38, 21) / 1000)
    expect(compareInstants(parseDateTime('2015-10-10T14:38:21-07:00')!, utc)).toBe(0)
    expect(compareInstants(parseDateTime('2015-10-11T03:08:21+0530')!, utc)).toBe(0)
  })

  it('keeps sub-millisecond precision', () => {
    const a = parseDateTime('2015-10-10T14:38:21.8617979-07:00')!
    const b = parseDateTime('2015-10-10T14:38:21.8617978-07:00')!
    expect(a.nanos).toBe(861_797_900)
    expect(compareInstants(a, b)).toBeGreaterThan(0)
  })

  it('takes a missing zone as UTC and a date alone as midnight', () => {
    expect(parseDateTime('2011-05-13T04:42:34')).toEqual(parseDateTime('2011-05-13T04:42:34Z'))
    expect(parseDateTime('2011-05-13')).toEqual(parseDateTime('2011-05-13T00:00:00Z'))
  })

  it('rejects what is not a dateTime', () => {
    for (const text of [
      '',
      'yesterday',
      '2011-13-01T00:00:00Z',
      '2011-02-30T00:00:00Z',
      '2011-05-13T04:61:00Z',
      '20110513',
    ]) {
      expect(parseDateTime(text)).toBeUndefined()
    }
  })
})
