import { describe, expect, it } from 'vitest'
import { isXsdDateTime } from '../../../src/scim/validation/xsd-date-time.js'

describe('isXsdDateTime', () => {
  it.each([
    '2008-01-23T04:56:22Z',
    '2011-05-13T04:42:34Z',
    '2015-10-10T14:38:21.8617979-07:00',
    '2024-02-29T00:00:00+14:00',
    '2010-01-23T04:56:22',
    '2010-01-23T24:00:00Z',
  ])('accepts %s', (text) => {
    expect(isXsdDateTime(text)).toBe(true)
  })

  it.each([
    '2008-01-23',
    '2008-01-23 04:56:22Z',
    '2023-02-29T00:00:00Z',
    '2008-13-01T00:00:00Z',
    '2008-01-23T25:00:00Z',
    '2008-01-23T24:00:01Z',
    '2008-01-23T04:60:00Z',
    '2008-01-23T04:56:22+15:00',
    '2008-01-23T04:56:22+10:75',
    '0000-01-23T04:56:22Z',
    '2008-01-23T04:56:60Z',
    'yesterday',
  ])('refuses %s', (text) => {
    expect(isXsdDateTime(text)).toBe(false)
  })
})
