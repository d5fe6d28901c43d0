/** The PATCH examples of RFC 7644 §3.5.2.1–3, applied with normalisePatch + applyPatch. */
import { describe, expect, it } from 'vitest'
import { bjensen, ENTERPRISE, group, groups, memberIds, patch, users } from './patch-fixtures.js'

const BABS = '2819c223-7f76-453a-919d-413861904646'
const JAMES = '08e1d05d-121c-4561-8b96-473d93df9210'

describe('RFC 7644 §3.5.2.1 add', () => {
  it('adds a member to a group', () => {
    const before = group('902c246b-6245-4190-8e05-00816be7344a')
    const after = patch(before, groups, {
      op: 'add',
      path: 'members',
      value: [{ display: 'Babs Jensen', $ref: `https://example.com/v2/Users/${BABS}`, value: BABS }],
    })
    expect(memberIds(after)).toEqual([BABS, '902c246b-6245-4190-8e05-00816be7344a'])
    expect((after.members as unknown[])[1]).toEqual({
      display: 'Babs Jensen',
      $ref: `https://example.com/v2/Users/${BABS}`,
      value: BABS,
    })
  })

  it('adds several attributes without a path ("nickname" in any case, emails appended)', () => {
    const before = bjensen()
    delete before.nickName
    const after = patch(before, users, {
      op: 'add',
      value: {
        emails: [
          { value: 'babs@jensen.org', type: 'home' },
          { value: 'b@x.org', type: 'other' },
        ],
        nickname: 'Babs',
      },
    })
    expect(after.nickName).toBe('Babs')
    expect(after).not.toHaveProperty('nickname')
    // babs@jensen.org is already there: adding it again changes nothing (RFC 7644 §3.5.2.1).
    expect(after.emails).toEqual([...(before.emails as unknown[]), { value: 'b@x.org', type: 'other' }])
  })

  it('replaces a single-valued attribute', () => {
    expect(patch(bjensen(), users, { op: 'add', path: 'displayName', value: 'Barbara' }).displayName).toBe(
      'Barbara',
    )
  })

  it('merges the sub-attributes of a complex attribute', () => {
    const after = patch(bjensen(), users, { op: 'add', path: 'name', value: { middleName: 'Jane' } })
    expect(after.name).toEqual({ ...(bjensen().name as object), middleName: 'Jane' })
  })

  it('adds an attribute that has no value yet', () => {
    const after = patch(bjensen(), users, { op: 'add', path: 'title', value: 'Tour Guide' })
    expect(after.title).toBe('Tour Guide')
  })
})

describe('RFC 7644 §3.5.2.2 remove', () => {
  it('removes a single member by filter', () => {
    const after = patch(group(BABS, JAMES), groups, { op: 'remove', path: `members[value eq "${BABS}"]` })
    expect(memberIds(after)).toEqual([JAMES])
  })

  it('removes all members', () => {
    const after = patch(group(BABS, JAMES), groups, { op: 'remove', path: 'members' })
    expect(after).not.toHaveProperty('members')
  })

  it('removes values selected by a complex filter', () => {
    const before = bjensen()
    before.emails = [
      { value: 'a@example.com', type: 'work' },
      { value: 'b@example.org', type: 'work' },
      { value: 'c@example.com', type: 'home' },
    ]
    const after = patch(before, users, {
      op: 'remove',
      path: 'emails[type eq "work" and value ew "example.com"]',
    })
    expect(after.emails).toEqual([
      { value: 'b@example.org', type: 'work' },
      { value: 'c@example.com', type: 'home' },
    ])
  })

  it('removes one certificate of x509Certificates by its value', () => {
    const certificate = 'MIIDQzCCAqygAwIBAgICEAAwDQYJKoZIhvcNAQEFBQAwTjELMAkGA1UEBhMCVVMx'
    const before = { ...bjensen(), x509Certificates: [{ value: certificate }, { value: 'MIIB' }] }
    const after = patch(before, users, { op: 'remove', path: `x509Certificates[value eq "${certificate}"]` })
    expect(after.x509Certificates).toEqual([{ value: 'MIIB' }])
  })

  it('removes the attribute when the last value goes', () => {
    const after = patch(group(BABS), groups, { op: 'remove', path: `members[value eq "${BABS}"]` })
    expect(after).not.toHaveProperty('members')
  })

  it('removes a single-valued attribute and a sub-attribute', () => {
    const after = patch(
      bjensen(),
      users,
      { op: 'remove', path: 'nickName' },
      { op: 'remove', path: 'name.formatted' },
      { op: 'remove', path: `${ENTERPRISE}:department` },
    )
    expect(after).not.toHaveProperty('nickName')
    expect(after.name).toEqual({ familyName: 'Jensen', givenName: 'Barbara' })
    expect(after[ENTERPRISE]).not.toHaveProperty('department')
  })

  it('removes a sub-attribute of the selected values', () => {
    const after = patch(bjensen(), users, { op: 'remove', path: 'addresses[type eq "work"].postalCode' })
    const [work, home] = after.addresses as Record<string, unknown>[]
    expect(work).not.toHaveProperty('postalCode')
    expect(work.streetAddress).toBe('100 Universal City Plaza')
    expect(home).toEqual((bjensen().addresses as unknown[])[1])
  })

  it('replaces all members by remove then add', () => {
    const after = patch(
      group('902c246b-6245-4190-8e05-00816be7344a'),
      groups,
      { op: 'remove', path: 'members' },
      {
        op: 'add',
        path: 'members',
        value: [
          { display: 'Babs Jensen', value: BABS },
          { display: 'James Smith', value: JAMES },
        ],
      },
    )
    expect(memberIds(after)).toEqual([JAMES, BABS])
  })
})

describe('RFC 7644 §3.5.2.3 replace', () => {
  it('replaces all members', () => {
    const after = patch(group('902c246b-6245-4190-8e05-00816be7344a'), groups, {
      op: 'replace',
      path: 'members',
      value: [
        { display: 'Babs Jensen', $ref: `https://example.com/v2/Users/${BABS}`, value: BABS },
        { display: 'James Smith', $ref: `https://example.com/v2/Users/${JAMES}`, value: JAMES },
      ],
    })
    expect(memberIds(after)).toEqual([JAMES, BABS])
    expect(after.members).toHaveLength(2)
  })

  it('replaces the work address', () => {
    const address = {
      type: 'work',
      streetAddress: '911 Universal City Plaza',
      locality: 'Hollywood',
      region: 'CA',
      postalCode: '91608',
      country: 'US',
      formatted: '911 Universal City Plaza\nHollywood, CA 91608 US',
      primary: true,
    }
    const after = patch(bjensen(), users, {
      op: 'replace',
      path: 'addresses[type eq "work"]',
      value: address,
    })
    expect(after.addresses).toEqual([address, (bjensen().addresses as unknown[])[1]])
  })

  it('replaces a sub-attribute of the selected value', () => {
    const after = patch(bjensen(), users, {
      op: 'replace',
      path: 'addresses[type eq "work"].streetAddress',
      value: '1010 Broadway Ave',
    })
    const [work] = after.addresses as Record<string, unknown>[]
    expect(work).toEqual({
      ...(bjensen().addresses as Record<string, unknown>[])[0],
      streetAddress: '1010 Broadway Ave',
    })
  })

  it('replaces several attributes without a path', () => {
    const emails = [
      { value: 'bjensen@example.com', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'home' },
    ]
    const after = patch(bjensen(), users, { op: 'replace', value: { emails, nickName: 'Barbie' } })
    expect(after.emails).toEqual(emails)
    expect(after.nickName).toBe('Barbie')
  })

  it('replaces a multi-valued attribute without a filter as a whole', () => {
    const after = patch(bjensen(), users, {
      op: 'replace',
      path: 'phoneNumbers',
      value: [{ value: '1', type: 'fax' }],
    })
    expect(after.phoneNumbers).toEqual([{ value: '1', type: 'fax' }])
  })

  it('replaces only the sub-attributes given of a complex attribute, leaving the others', () => {
    const after = patch(bjensen(), users, { op: 'replace', path: 'name', value: { givenName: 'Babs' } })
    expect(after.name).toEqual({ ...(bjensen().name as object), givenName: 'Babs' })
  })

  it('treats replace of an attribute without a value as add', () => {
    const after = patch(bjensen(), users, { op: 'replace', path: 'title', value: 'Guide' })
    expect(after.title).toBe('Guide')
  })
})

describe('RFC 7644 §3.5.2 primary', () => {
  it('setting primary on one value sets it to false on the others', () => {
    const after = patch(bjensen(), users, {
      op: 'replace',
      path: 'emails[type eq "home"].primary',
      value: true,
    })
    expect(after.emails).toEqual([
      { value: 'bjensen@example.com', type: 'work', primary: false },
      { value: 'babs@jensen.org', type: 'home', primary: true },
    ])
  })

  it('adding a primary value clears the previous primary', () => {
    const after = patch(bjensen(), users, {
      op: 'add',
      path: 'emails',
      value: [{ value: 'new@example.com', type: 'other', primary: true }],
    })
    const primaries = (after.emails as { primary?: boolean; value: string }[]).filter((e) => e.primary)
    expect(primaries.map((e) => e.value)).toEqual(['new@example.com'])
  })
})
