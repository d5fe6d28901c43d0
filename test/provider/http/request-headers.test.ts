import { describe, expect, it } from 'vitest'
import { bearerToken } from '../../../src/provider/http/bearer-token.js'
import { unmatchedRouteError } from '../../../src/provider/http/not-found.js'
import { prefersMinimal } from '../../../src/provider/http/preferences.js'

describe('bearerToken', () => {
  it.each([
    ['Bearer abc', 'abc'],
    ['bearer   abc ', 'abc'],
    ['BEARER pvs_x-y', 'pvs_x-y'],
    ['Basic abc', undefined],
    ['Bearer', undefined],
    ['Bearer a b', undefined],
    [undefined, undefined],
  ])('%s → %s', (header, token) => {
    expect(bearerToken(header)).toBe(token)
  })
})

describe('prefersMinimal', () => {
  it.each([
    ['return=minimal', true],
    ['respond-async, RETURN = "minimal"', true],
    ['return=minimal; foo=bar', true],
    ['return=representation', false],
    [undefined, false],
    [['handling=lenient', 'return=minimal'], true],
  ])('%s → %s', (header, expected) => {
    expect(prefersMinimal(header)).toBe(expected)
  })
})

describe('unmatchedRouteError', () => {
  it('answers 405 with the allowed methods for a known path', () => {
    const { error, allow } = unmatchedRouteError('POST', '/Users/123')
    expect(error.status).toBe(405)
    expect(allow).toBe('GET, PUT, PATCH, DELETE')
  })

  it('answers 404 for an unknown path', () => {
    expect(unmatchedRouteError('GET', '/Employees').error.status).toBe(404)
  })
})
