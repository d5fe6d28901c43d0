import { describe, expect, it } from 'vitest'
import { attrPathFromText, splitUrnPath } from '../../../src/scim/schema/urn-path.js'

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'

describe('splitUrnPath', () => {
  it('splits at the last colon', () => {
    expect(splitUrnPath(`${ENTERPRISE}:manager`)).toEqual({ schema: ENTERPRISE, attribute: 'manager' })
    expect(splitUrnPath(`${ENTERPRISE}:manager.value`)).toEqual({
      schema: ENTERPRISE,
      attribute: 'manager.value',
    })
    expect(splitUrnPath('URN:x:y:Business Unit')).toEqual({ schema: 'URN:x:y', attribute: 'Business Unit' })
  })

  it('gives undefined for a name without a URN or without an attribute', () => {
    expect(splitUrnPath('userName')).toBeUndefined()
    expect(splitUrnPath('urn:')).toBeUndefined()
    expect(splitUrnPath(`${ENTERPRISE}:`)).toBeUndefined()
  })
})

describe('attrPathFromText', () => {
  it.each([
    ['userName', { attribute: 'userName' }],
    ['name.givenName', { attribute: 'name', subAttribute: 'givenName' }],
    [`${ENTERPRISE}:manager.value`, { schema: ENTERPRISE, attribute: 'manager', subAttribute: 'value' }],
    [
      'urn:ietf:params:scim:schemas:core:2.0:User:name.familyName',
      { schema: 'urn:ietf:params:scim:schemas:core:2.0:User', attribute: 'name', subAttribute: 'familyName' },
    ],
    [
      'urn:ietf:params:scim:schemas:extension:peakon:2.0:User:Business Unit',
      {
        schema: 'urn:ietf:params:scim:schemas:extension:peakon:2.0:User',
        attribute: 'Business Unit',
      },
    ],
    ['name.', { attribute: 'name.' }],
  ])('reads %j', (text, path) => {
    expect(attrPathFromText(text)).toEqual(path)
  })
})
