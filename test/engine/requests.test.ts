import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { diffAttributes } from '../../src/engine/requests/attribute-diff.js'
import { memberPatches } from '../../src/engine/requests/member-patches.js'
import { patchRequest } from '../../src/engine/requests/patch-request.js'

const rfc = { keep: () => false, addNewElements: true }

describe('attribute diff', () => {
  it('produces nothing for equal attributes', () => {
    const json = fc.dictionary(
      fc.stringMatching(/^[a-z]{1,8}$/),
      fc.oneof(fc.string(), fc.boolean(), fc.array(fc.string())),
    )
    fc.assert(fc.property(json, (attrs) => diffAttributes(attrs, structuredClone(attrs), rfc).length === 0))
  })

  it('applied to the previous attributes, yields the next ones', () => {
    const json = fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), fc.oneof(fc.string(), fc.boolean()))
    fc.assert(
      fc.property(json, json, (previous, next) => {
        const result: Record<string, unknown> = { ...previous }
        for (const op of diffAttributes(previous, next, rfc)) {
          if (op.op === 'remove') delete result[op.path]
          else result[op.path] = op.value
        }
        expect(result).toEqual(next)
      }),
    )
  })

  it('adds a new value-filtered element whole (RFC) and replaces through the filter once it exists', () => {
    expect(diffAttributes({}, { 'emails[type eq "work"].value': 'a@x', userName: 'a' }, rfc)).toEqual([
      { op: 'add', path: 'emails', value: [{ type: 'work', value: 'a@x' }] },
      { op: 'add', path: 'userName', value: 'a' },
    ])
    expect(
      diffAttributes(
        { 'emails[type eq "work"].value': 'a@x' },
        { 'emails[type eq "work"].value': 'b@x' },
        rfc,
      ),
    ).toEqual([{ op: 'replace', path: 'emails[type eq "work"].value', value: 'b@x' }])
  })

  it('keeps create-only values and removes values that stopped flowing', () => {
    const keep = (path: string) => path === 'externalId'
    expect(diffAttributes({ externalId: 'x', title: 'T' }, {}, { keep, addNewElements: true })).toEqual([
      { op: 'remove', path: 'title' },
    ])
  })
})

describe('PATCH shapes', () => {
  it('RFC form: lower-case ops, real booleans', () => {
    expect(patchRequest('rfc', [{ op: 'replace', path: 'active', value: false }]).Operations).toEqual([
      { op: 'replace', path: 'active', value: false },
    ])
  })

  it('Entra form: capitalised ops and "False" strings', () => {
    expect(patchRequest('entra', [{ op: 'replace', path: 'active', value: false }]).Operations).toEqual([
      { op: 'Replace', path: 'active', value: 'False' },
    ])
  })

  it('chunks member deltas: adds in value arrays, RFC removes by value filter', () => {
    const add = Array.from({ length: 1200 }, (_, i) => `u${i}`)
    const patches = memberPatches('rfc', add, ['gone"1'])
    expect(patches.map((p) => [p.add.length, p.remove.length])).toEqual([
      [500, 0],
      [500, 0],
      [200, 0],
      [0, 1],
    ])
    expect(patches[3].body.Operations).toEqual([{ op: 'remove', path: 'members[value eq "gone\\"1"]' }])
  })
})
