import { describe, expect, it } from 'vitest'
import { bearerToken } from '../../../src/provider/http/bearer-token.js'
import { unmatchedRouteError } from '../../../src/provider/http/not-found.js'
import { patchAnswersMinimal, returnPreference } from '../../../src/provider/http/preferences.js'

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

describe('returnPreference', () => {
  it.each([
    ['return=minimal', 'minimal'],
    ['respond-async, RETURN = "minimal"', 'minimal'],
    ['return=minimal; foo=bar', 'minimal'],
    ['return=representation', 'representation'],
    ['return=everything', undefined],
    [undefined, undefined],
    [['handling=lenient', 'return=minimal'], 'minimal'],
  ])('%s → %s', (header, expected) => {
    expect(returnPreference(header)).toBe(expected)
  })
})

describe('patchAnswersMinimal', () => {
  it.each([
    [undefined, 'User', false, false],
    [undefined, 'Group', false, true],
    [undefined, 'Group', true, false],
    ['return=representation', 'Group', false, false],
    ['return=minimal', 'User', false, true],
    ['return=minimal', 'Group', true, true],
  ] as const)('Prefer %s on a %s (projected: %s) → minimal %s', (prefer, type, projected, expected) => {
    expect(patchAnswersMinimal(prefer, type, projected)).toBe(expected)
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
