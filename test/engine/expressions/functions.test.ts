import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { evaluateExpression } from '../../../src/engine/expressions/evaluator.js'
import {
  ExpressionEvaluationError,
  FUNCTION_SIGNATURES,
  parseExpression,
} from '../../../src/engine/expressions/index.js'
import { run, seededRandom, value } from './evaluate-helper.js'

// Examples are Microsoft's, from "Reference for writing expressions for attribute mappings in Microsoft Entra ID".
const THIS_FILE = readFileSync(new URL(import.meta.url), 'utf8')

const roles = [
  { roleId: 'r1', roleName: 'Administrator', roleValue: 'Admin' },
  { roleId: 'r2', roleName: 'Reader', roleValue: 'Reader' },
]

describe('expression functions (documented examples)', () => {
  it('Append', () => {
    expect(value('Append([userPrincipalName], ".test")', { userPrincipalName: 'John.Doe@contoso.com' })).toBe(
      'John.Doe@contoso.com.test',
    )
    expect(value('Append([userPrincipalName], ".test")')).toBeNull()
  })

  it('Prepend', () => {
    expect(value('Prepend("EXT-", [employeeId])', { employeeId: '42' })).toBe('EXT-42')
  })

  it('AppRoleAssignmentsComplex', () => {
    expect(value('AppRoleAssignmentsComplex([appRoleAssignments])', { appRoleAssignments: roles })).toEqual([
      { primary: false, type: 'WindowsAzureActiveDirectoryRole', display: 'Administrator', value: 'Admin' },
      { primary: false, type: 'WindowsAzureActiveDirectoryRole', display: 'Reader', value: 'Reader' },
    ])
  })

  it('AssertiveAppRoleAssignmentsComplex', () => {
    expect(
      value('AssertiveAppRoleAssignmentsComplex([appRoleAssignments])', { appRoleAssignments: [] }),
    ).toEqual([])
  })

  it('BitAnd', () => {
    expect(value('BitAnd(&HF, &HF7)')).toBe(7)
    expect(value('BitAnd([userAccountControl], 2)', { userAccountControl: 514 })).toBe(2)
  })

  it('CBool', () => {
    expect(value('CBool([attribute1] = [attribute2])', { attribute1: 'a', attribute2: 'a' })).toBe(true)
    expect(value('CBool([attribute1] = [attribute2])', { attribute1: 'a', attribute2: 'b' })).toBe(false)
    expect(value('CBool(0)')).toBe(false)
  })

  it('CDate', () => {
    expect(value('CDate([StatusHireDate])', { StatusHireDate: '2020-03-16-07:00' })).toBe(
      '3/16/2020 7:00:00 AM',
    )
    expect(value('CDate("2021-06-30+08:00")')).toBe('6/29/2021 4:00:00 PM')
    expect(value('CDate("2009-06-15T01:45:30-07:00")')).toBe('6/15/2009 8:45:30 AM')
  })

  it('Coalesce', () => {
    expect(
      value('Coalesce([mail],[userPrincipalName])', {
        mail: null,
        userPrincipalName: 'John.Doe@contoso.com',
      }),
    ).toBe('John.Doe@contoso.com')
    expect(value('Coalesce([mail], [upn])')).toBeNull()
  })

  it('ConvertToBase64', () => {
    expect(value('ConvertToBase64("Hello world!")')).toBe('SABlAGwAbABvACAAdwBvAHIAbABkACEA')
  })

  it('ConvertToUTF8Hex', () => {
    expect(value('ConvertToUTF8Hex("Hello world!")')).toBe('48656C6C6F20776F726C6421')
  })

  it('Count', () => {
    expect(value('Count([proxyAddresses])', { proxyAddresses: ['a', 'b', 'c'] })).toBe(3)
    expect(value('Count([proxyAddresses])')).toBe(0)
  })

  it('CStr', () => {
    expect(value('CStr([dn])', { dn: 'cn=Joe,dc=contoso,dc=com' })).toBe('cn=Joe,dc=contoso,dc=com')
    expect(value('CStr([accountEnabled])', { accountEnabled: true })).toBe('True')
  })

  it('DateAdd', () => {
    const hire = { StatusHireDate: '2012-03-16-07:00' }
    expect(value('DateAdd("d", 7, CDate([StatusHireDate]))', hire)).toBe('3/23/2012 7:00:00 AM')
    expect(value('DateAdd("d", -10, CDate([StatusHireDate]))', hire)).toBe('3/6/2012 7:00:00 AM')
    expect(value('DateAdd("ww", 2, CDate([StatusHireDate]))', hire)).toBe('3/30/2012 7:00:00 AM')
    expect(value('DateAdd("m", 10, CDate([StatusHireDate]))', hire)).toBe('1/16/2013 7:00:00 AM')
    expect(value('DateAdd("yyyy", 2, CDate([StatusHireDate]))', hire)).toBe('3/16/2014 7:00:00 AM')
  })

  it('DateDiff', () => {
    const cases: [string, string, string, number][] = [
      ['d', '2021-08-18+08:00', '2021-08-31+08:00', 13],
      ['d', '8/25/2021 5:41:18 PM', '2012-03-16-07:00', -3449],
      ['ww', '8/25/2021 5:41:18 PM', '2012-03-16-07:00', -493],
      ['m', '8/25/2021 5:41:18 PM', '2012-03-16-07:00', -113],
      ['yyyy', '8/25/2021 5:41:18 PM', '2012-03-16-07:00', -9],
      ['d', '2021-08-31+08:00', '2021-08-31+08:00', 0],
      ['h', '2021-08-24', '2021-08-25', 24],
      ['n', '2021-08-24', '2021-08-25', 1440],
      ['s', '2021-08-24', '2021-08-25', 86400],
    ]
    for (const [interval, date1, date2, expected] of cases) {
      expect(
        value(`DateDiff("${interval}", CDate([date1]), CDate([date2]))`, { date1, date2 }),
        interval,
      ).toBe(expected)
    }
    const active =
      'Switch([Active], , "1", IIF(DateDiff("d", Now(), CDate([StatusHireDate])) > 5, "False", "True"), "0", "False")'
    expect(value(active, { Active: '1', StatusHireDate: '2021-07-20' })).toBe('False')
    expect(value(active, { Active: '1', StatusHireDate: '2021-07-04' })).toBe('True')
  })

  it('DateFromNum', () => {
    expect(value('DateFromNum(129699324000000000)')).toBe('1/1/2012 11:00:00 PM')
    expect(value('DateFromNum([lastLogonTimestamp])', { lastLogonTimestamp: '129699324000000000' })).toBe(
      '1/1/2012 11:00:00 PM',
    )
    expect(() => value('DateFromNum(99999999999999999999999)')).toThrow(/outside the supported range/)
  })

  it('FormatDateTime', () => {
    expect(
      value('FormatDateTime([extensionAttribute1], , "yyyyMMddHHmmss.fZ", "yyyy-MM-dd")', {
        extensionAttribute1: '20150123105347.1Z',
      }),
    ).toBe('2015-01-23')
    expect(
      value('FormatDateTime([endDate], , "M/d/yyyy hh:mm:ss tt", "yyyy-MM-dd")', {
        endDate: '6/30/2021 05:00:00 PM',
      }),
    ).toBe('2021-06-30')
    expect(
      value('FormatDateTime("2021-06-30 17:05:09", , "yyyy-MM-dd HH:mm:ss", "M/d/yy h:m:s tt \'at\' dddd")'),
    ).toBe('6/30/21 5:5:9 PM at Wednesday')
    expect(value('FormatDateTime("2021-06-30T17:05:09.123Z", , "yyyy-MM-ddTHH:mm:ss.fffK", "o")')).toBe(
      '2021-06-30T17:05:09.1230000Z',
    )
    expect(value('FormatDateTime("30/06/2021", , "dd/MM/yyyy", "D")')).toBe('Wednesday, June 30, 2021')
    expect(() => value('FormatDateTime("2021-13-45", , "yyyy-MM-dd", "d")')).toThrow(
      ExpressionEvaluationError,
    )
  })

  it('Guid', () => {
    expect(value('Guid()')).toBe('00aa00aa-bb11-cc22-dd33-44ee44ee44ee')
  })

  it('IgnoreFlowIfNullOrEmpty', () => {
    expect(run('IgnoreFlowIfNullOrEmpty([department])').ignoreFlow).toBe(true)
    expect(run('IgnoreFlowIfNullOrEmpty([department])', { department: 'Sales' })).toMatchObject({
      value: 'Sales',
      ignoreFlow: false,
    })
    const prefix =
      'IgnoreFlowIfNullOrEmpty(Switch([prefix], "", "3443", "Dr.", "3444", "Prof.", "3445", "Prof. Dr."))'
    expect(run(prefix, { prefix: '9999' }).ignoreFlow).toBe(true)
    expect(run(prefix, { prefix: '3444' })).toMatchObject({ value: 'Prof.', ignoreFlow: false })
  })

  it('IIF', () => {
    const expr = 'IIF([country]="USA",[country],[department])'
    expect(value(expr, { country: 'USA', department: 'Sales' })).toBe('USA')
    expect(value(expr, { country: 'France', department: 'Sales' })).toBe('Sales')
    const and = 'IIF([country]="USA",IIF([state]="CA","True","False"),"False")'
    expect(value(and, { country: 'USA', state: 'CA' })).toBe('True')
    expect(value(and, { country: 'USA', state: 'NY' })).toBe('False')
    const or = 'IIF([country]="USA","True",IIF([state]="CA","True","False"))'
    expect(value(or, { country: 'Canada', state: 'CA' })).toBe('True')
    // "If the source attribute used within the IIF function is empty or null, the condition check fails."
    expect(value('IIF([country]<>"USA","Other","US")', {})).toBe('US')
    expect(value('IIF([level] >= 10, "senior", "junior")', { level: '9' })).toBe('junior')
    expect(value('IIF([level] < 10, "junior", "senior")', { level: '9' })).toBe('junior')
  })

  it('InStr', () => {
    expect(value('InStr("The quick brown fox","quick")')).toBe(5)
    expect(value('InStr("repEated","e",3,vbBinaryCompare)')).toBe(7)
    expect(value('InStr("repEated","e",3,vbTextCompare)')).toBe(4)
    expect(value('InStr("abc","z")')).toBe(0)
  })

  it('IsNull', () => {
    expect(value('IsNull([displayName])')).toBe(true)
    expect(value('IsNull([displayName])', { displayName: '' })).toBe(false)
  })

  it('IsNothing', () => {
    expect(value('IsNothing([displayName])')).toBe(true)
  })

  it('IsNullOrEmpty', () => {
    expect(value('IsNullOrEmpty([displayName])', { displayName: '' })).toBe(true)
    expect(value('IsNullOrEmpty([displayName])', { displayName: 'x' })).toBe(false)
  })

  it('IsPresent', () => {
    const expr =
      'Switch(IsPresent([directManager]),[directManager], IsPresent([skiplevelManager]),[skiplevelManager], IsPresent([director]),[director])'
    expect(parseExpression(expr).kind).toBe('call')
    expect(value('IsPresent([directManager])', { directManager: 'm1' })).toBe(true)
    expect(value('IsPresent([directManager])', { directManager: '' })).toBe(false)
  })

  it('IsString', () => {
    expect(value('IsString([mail])', { mail: 'a@b.c' })).toBe(true)
    expect(value('IsString(BitAnd(3, 1))')).toBe(false)
  })

  it('Item', () => {
    const source = { proxyAddresses: ['SMTP:a@contoso.com', 'smtp:b@contoso.com'] }
    expect(value('Item([proxyAddresses], 1)', source)).toBe('SMTP:a@contoso.com')
    expect(value('Item([proxyAddresses], 3)', source)).toBeNull()
  })

  it('Join', () => {
    expect(value('Join(", ", "", [surname], [givenName])', { givenName: 'John', surname: 'Doe' })).toBe(
      'Doe, John',
    )
    expect(value('Join(";", [proxyAddresses], [mail])', { proxyAddresses: ['a', 'b'], mail: 'c' })).toBe(
      'a;b;c',
    )
    expect(value('Join("", 1000, Replace(ConvertToUTF8Hex("00aa"), , "[a-zA-Z_]*", , "", , ))')).toBe(
      '100030306161',
    )
  })

  it('Left', () => {
    expect(value('Left("John Doe", 3)')).toBe('Joh')
    expect(value('Left("John Doe", 0)')).toBe('')
    expect(value('Left("John Doe", -1)')).toBe('John Doe')
    expect(value('Left([missing], 2)')).toBe('')
    expect(value('Left("Jo", 5)')).toBe('Jo')
  })

  it('Mid', () => {
    expect(
      value('Append(Mid([givenName], 1, 3), Mid([surname], 1, 5))', { givenName: 'John', surname: 'Doe' }),
    ).toBe('JohDoe')
    expect(value('Mid("abc", 5, 2)')).toBe('')
  })

  it('NormalizeDiacritics', () => {
    expect(value('NormalizeDiacritics([givenName])', { givenName: 'Zoë' })).toBe('Zoe')
    expect(value('NormalizeDiacritics("äÅǟ ß æǢ Øø łŁ ı İ ĞŞ ā́")')).toBe('aAa ss aeAE OEoe lL i I GS a')
  })

  it('Not', () => {
    expect(value('Not([accountEnabled])', { accountEnabled: 'True' })).toBe(false)
    expect(value('Not([accountEnabled])', { accountEnabled: 'False' })).toBe(true)
  })

  it('Now', () => {
    expect(value('Now()')).toBe('7/2/2021 3:33:38 PM')
  })

  it('NumFromDate', () => {
    const workday =
      'NumFromDate(Join("", FormatDateTime([ContractEndDate], ,"yyyy-MM-ddzzz", "yyyy-MM-dd"), " 23:59:59-08:00"))'
    // 2021-01-01T07:59:59Z in 100-ns ticks since 1601-01-01.
    expect(value(workday, { ContractEndDate: '2020-12-31-08:00' })).toBe('132539615990000000')
    const sf =
      'NumFromDate(Join("",FormatDateTime([endDate], ,"M/d/yyyy hh:mm:ss tt","yyyy-MM-dd")," 23:59:59-08:00"))'
    expect(value(sf, { endDate: '12/31/2020 10:00:00 AM' })).toBe('132539615990000000')
    expect(value('DateFromNum(NumFromDate("2012-01-01T23:00:00Z"))')).toBe('1/1/2012 11:00:00 PM')
  })

  it('PCase', () => {
    expect(value('PCase([firstName])', { firstName: 'PABLO GONSALVES (SECOND)' })).toBe(
      'Pablo Gonsalves (Second)',
    )
    expect(value('PCase([lastName]," \'-")', { lastName: "PINTO-DE'SILVA" })).toBe("Pinto-De'Silva")
    expect(
      value('PCase(Join(" ",[firstName],[lastName]))', { firstName: 'GREGORY', lastName: 'JAMES' }),
    ).toBe('Gregory James')
  })

  it('RandomString', () => {
    const one = value('RandomString(6,3,0,0,3)') as string
    expect(one).toHaveLength(6)
    expect(one.replace(/\D/g, '').length).toBeGreaterThanOrEqual(3)
    expect(one.replace(/[^a-z]/g, '').length).toBeGreaterThanOrEqual(3)
    const two = value('RandomString(10,2,2,2,1,"?,")') as string
    expect(two).toHaveLength(10)
    expect(two).not.toMatch(/[?,]/)
    expect(two.replace(/[^A-Z]/g, '').length).toBeGreaterThanOrEqual(2)
    expect(two.replace(/[A-Za-z0-9]/g, '').length).toBeGreaterThanOrEqual(2)
    expect(() => value('RandomString(3,2,2,0,0)')).toThrow(/more than Length/)
    expect(() => value('RandomString(300,0,0,0,0)')).toThrow(/1 to 256/)
    const context = { source: {}, now: () => new Date(), newGuid: () => '', random: seededRandom(7) }
    const again = { ...context, random: seededRandom(7) }
    const expr = parseExpression('RandomString(12,1,1,1,1)')
    expect(evaluateExpression(expr, context).value).toBe(evaluateExpression(expr, again).value)
  })

  it('Redact', () => {
    expect(run('Redact([userPrincipalName])', { userPrincipalName: 'a@b.c' })).toMatchObject({
      value: 'a@b.c',
      redacted: true,
    })
    expect(run('Redact("StringToBeRedacted")').redacted).toBe(true)
    expect((run('Redact(RandomString(6,3,0,0,3))').value as string).length).toBe(6)
  })

  it('RemoveDuplicates', () => {
    expect(
      value('RemoveDuplicates([proxyAddresses])', { proxyAddresses: ['a', 'b', 'a', 'c', 'b'] }),
    ).toEqual(['a', 'b', 'c'])
  })

  it('Replace', () => {
    expect(
      value('Replace([BusinessTitle],"Product Developer", , , "Software Engineer", , )', {
        BusinessTitle: 'Product Developer',
      }),
    ).toBe('Software Engineer')
    expect(
      value('Replace([UserID],"<username>", , , , , "<username>@contoso.com")', { UserID: 'jsmith' }),
    ).toBe('jsmith@contoso.com')
    const phone = '"\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>\\\\d{10})"'
    expect(
      value(`Replace([telephoneNumber], , ${phone}, , "\${phoneNumber}", , )`, {
        telephoneNumber: '+91 9998887777',
      }),
    ).toBe('9998887777')
    // The doc prints 19998887777, but its pattern [()\s-]+ does not remove the "+".
    expect(value('Replace([mobile], , "[()\\\\s-]+", , "", , )', { mobile: '+1 (999) 888-7777' })).toBe(
      '+19998887777',
    )
    expect(
      value('Replace([AddressLineData], ,"(?<streetNumber>^\\\\d*)","streetNumber", "888", , )', {
        AddressLineData: '545 Tremont Street',
      }),
    ).toBe('888 Tremont Street')
    expect(
      value('Replace([userPrincipalName], , "(?<Suffix>@(.)*)", "Suffix", "", , )', {
        userPrincipalName: 'jsmith@contoso.com',
      }),
    ).toBe('jsmith')
    expect(
      value(`Replace([telephoneNumber], , ${phone}, "phoneNumber" , , [mobile], )`, {
        telephoneNumber: '',
        mobile: '+91 8887779999',
      }),
    ).toBe('8887779999')
    expect(
      value(`Replace([telephoneNumber], , ${phone}, "phoneNumber" , , [mobile], )`, {
        telephoneNumber: '+1 555',
        mobile: 'x',
      }),
    ).toBe('+1 555')
    expect(value('Replace([mailNickname], , "[a-zA-Z_]*", , "", , )', { mailNickname: 'john_doe72' })).toBe(
      '72',
    )
    expect(value('Replace([mail], "@contoso.com", , ,"", ,)', { mail: 'john.doe@contoso.com' })).toBe(
      'john.doe',
    )
  })

  it('SelectUniqueValue', () => {
    const expr = `SelectUniqueValue(
        Join("@", NormalizeDiacritics(StripSpaces(Join(".",  [PreferredFirstName], [PreferredLastName]))), "contoso.com"),
        Join("@", NormalizeDiacritics(StripSpaces(Join(".",  Mid([PreferredFirstName], 1, 1), [PreferredLastName]))), "contoso.com"),
        Join("@", NormalizeDiacritics(StripSpaces(Join(".",  Mid([PreferredFirstName], 1, 2), [PreferredLastName]))), "contoso.com")
    )`
    expect(run(expr, { PreferredFirstName: 'John', PreferredLastName: 'Smith' })).toMatchObject({
      value: 'John.Smith@contoso.com',
      candidates: ['John.Smith@contoso.com', 'J.Smith@contoso.com', 'Jo.Smith@contoso.com'],
    })
  })

  it('SingleAppRoleAssignment', () => {
    expect(
      value('SingleAppRoleAssignment([appRoleAssignments])', { appRoleAssignments: roles.slice(0, 1) }),
    ).toBe('Admin')
    expect(value('SingleAppRoleAssignment([appRoleAssignments])', { appRoleAssignments: roles })).toBeNull()
  })

  it('Split', () => {
    expect(
      value('Split([extensionAttribute5], ",")', {
        extensionAttribute5: 'PermissionSetOne, PermissionSetTwo',
      }),
    ).toEqual(['PermissionSetOne', 'PermissionSetTwo'])
  })

  it('StripSpaces', () => {
    expect(value('StripSpaces(" Mary Ann  Smith ")')).toBe('MaryAnnSmith')
  })

  it('Switch', () => {
    const tz =
      'Switch([state], "Australia/Sydney", "NSW", "Australia/Sydney","QLD", "Australia/Brisbane", "SA", "Australia/Adelaide")'
    expect(value(tz, { state: 'QLD' })).toBe('Australia/Brisbane')
    expect(value(tz, { state: 'WA' })).toBe('Australia/Sydney')
    expect(
      value('Switch(ToLower([statusFlag]), "0", "true", "1", "false", "0")', { statusFlag: 'TRUE' }),
    ).toBe('1')
    expect(value('Switch([statusFlag], "Default Value", "true", "1", "", "0")', {})).toBe('0')
    expect(value('Switch([country],[country],"","Other")', { country: '' })).toBe('Other')
    expect(value('Switch([country],[country],"","Other")', { country: 'Peru' })).toBe('Peru')
    const active = 'Switch([IsSoftDeleted], , "False", "True", "True", "False")'
    expect(value(active, { IsSoftDeleted: false })).toBe('True')
    expect(value(active, { IsSoftDeleted: true })).toBe('False')
    expect(value(active, {})).toBeNull()
  })

  it('ToLower', () => {
    const upn =
      'ToLower(Join("@", NormalizeDiacritics(StripSpaces(Join(".",  [PreferredFirstName], [PreferredLastName]))), "contoso.com"))'
    expect(value(upn, { PreferredFirstName: 'John', PreferredLastName: 'Smith' })).toBe(
      'john.smith@contoso.com',
    )
    expect(value('ToLower("TITLE", "tr-TR")')).toBe('tıtle')
  })

  it('ToUpper', () => {
    expect(value('ToUpper([c])', { c: 'fr' })).toBe('FR')
    expect(value('ToUpper("title", "tr-TR")')).toBe('TİTLE')
  })

  it('Word', () => {
    expect(value('Word("The quick brown fox",3," ")')).toBe('brown')
    expect(value('Word("This,string!has&many separators",3,",!&#")')).toBe('has')
    expect(value('Word("one two",3," ")')).toBe('')
    expect(value('Word("one two",0," ")')).toBe('')
  })

  it('has a test named after every supported function', () => {
    const names = Object.keys(FUNCTION_SIGNATURES)
    const untested = names.filter((name) => !THIS_FILE.includes(`it('${name}',`))
    expect(untested).toEqual([])
  })
})
