import { describe, expect, it } from 'vitest'
import {
  type MappingSet,
  parseTargetPath,
  TargetPathError,
  validateMappingSet,
} from '../../../src/engine/mapping/index.js'

describe('validateMappingSet', () => {
  it('reports each problem with the mapping target and the expression position', () => {
    const set: MappingSet = {
      objectType: 'user',
      enabled: false,
      scoping: { groups: [{ clauses: [{ attribute: 'x', operator: 'Greater_Than', value: 'ten' }] }] },
      mappings: [
        {
          target: 'userName',
          source: { type: 'direct', attribute: 'userPrincipalName' },
          apply: 'always',
          matchingPrecedence: 1,
        },
        {
          target: 'displayName',
          source: { type: 'expression', expression: 'Join(" ", [givenName]' },
          apply: 'always',
        },
        {
          target: 'title',
          source: { type: 'expression', expression: 'Titlecase([jobTitle])' },
          apply: 'always',
        },
        { target: 'emails[type eq "work"]', source: { type: 'direct', attribute: 'mail' }, apply: 'always' },
        {
          target: 'USERNAME',
          source: { type: 'direct', attribute: '' },
          apply: 'always',
          matchingPrecedence: 1,
        },
        {
          target: 'externalId',
          source: { type: 'expression', expression: 'SelectUniqueValue([a], [b])' },
          apply: 'always',
          matchingPrecedence: 2,
        },
      ],
    }
    const problems = validateMappingSet(set)
    expect(problems.map((p) => [p.target, p.code, p.position])).toEqual([
      ['', 'MAPPING_USERS_DISABLED', undefined],
      ['displayName', 'MAPPING_INVALID_EXPRESSION', 22],
      ['title', 'MAPPING_INVALID_EXPRESSION', 1],
      ['emails[type eq "work"]', 'MAPPING_INVALID_TARGET', undefined],
      ['USERNAME', 'MAPPING_DUPLICATE_TARGET', undefined],
      ['USERNAME', 'MAPPING_MISSING_SOURCE', undefined],
      ['USERNAME', 'MAPPING_DUPLICATE_PRECEDENCE', undefined],
      ['externalId', 'MAPPING_UNIQUE_VALUE_MATCHING', undefined],
      ['externalId', 'MAPPING_UNIQUE_VALUE_ALWAYS', undefined],
      ['scoping', 'SCOPING_NOT_AN_INTEGER', undefined],
    ])
    expect(problems[2].message).toContain("Unknown function 'Titlecase'")
  })
})

describe('parseTargetPath', () => {
  it('parses core, sub-attribute, filtered, URN-qualified and spaced extension paths', () => {
    expect(parseTargetPath('userName')).toEqual({ attribute: 'userName' })
    expect(parseTargetPath('name.givenName')).toEqual({ attribute: 'name', subAttribute: 'givenName' })
    expect(parseTargetPath('emails[type eq "work"].value')).toEqual({
      attribute: 'emails',
      filter: { attribute: 'type', value: 'work' },
      subAttribute: 'value',
    })
    expect(parseTargetPath('roles[primary eq "True"].value').filter).toEqual({
      attribute: 'primary',
      value: true,
    })
    expect(parseTargetPath('urn:ietf:params:scim:schemas:core:2.0:User:userName')).toEqual({
      attribute: 'userName',
    })
    expect(parseTargetPath('urn:ietf:params:scim:schemas:extension:peakon:2.0:User:Business Unit')).toEqual({
      schema: 'urn:ietf:params:scim:schemas:extension:peakon:2.0:User',
      attribute: 'Business Unit',
    })
  })

  it('rejects paths it cannot build', () => {
    for (const bad of ['', 'emails[type eq "work"]', 'a.b.c', 'emails[type sw "w"].value']) {
      expect(() => parseTargetPath(bad), bad).toThrow(TargetPathError)
    }
  })
})
