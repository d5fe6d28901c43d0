/**
 * The demo company that `npm start` provisions on first run: people in four departments with managers, and groups.
 * The shape is the directory import's JSON format (docs/directory-import.md).
 */
const people: [
  given: string,
  sur: string,
  title: string,
  department: string,
  manager: string | null,
  office: string,
][] = [
  ['Ada', 'Lovelace', 'Chief Executive Officer', 'Leadership', null, 'London'],
  ['Grace', 'Hopper', 'VP Engineering', 'Engineering', 'ada.lovelace', 'New York'],
  ['Alan', 'Turing', 'Principal Engineer', 'Engineering', 'grace.hopper', 'London'],
  ['Katherine', 'Johnson', 'Staff Engineer', 'Engineering', 'grace.hopper', 'New York'],
  ['Linus', 'Torvalds', 'Senior Engineer', 'Engineering', 'alan.turing', 'Helsinki'],
  ['Margaret', 'Hamilton', 'Engineering Manager', 'Engineering', 'grace.hopper', 'Boston'],
  ['Dennis', 'Ritchie', 'Engineer', 'Engineering', 'margaret.hamilton', 'Boston'],
  ['Barbara', 'Liskov', 'Engineer', 'Engineering', 'margaret.hamilton', 'Boston'],
  ['Edsger', 'Dijkstra', 'Engineer', 'Engineering', 'alan.turing', 'Amsterdam'],
  ['Frances', 'Allen', 'VP People', 'People', 'ada.lovelace', 'New York'],
  ['Radia', 'Perlman', 'People Partner', 'People', 'frances.allen', 'Seattle'],
  ['Hedy', 'Lamarr', 'Recruiter', 'People', 'frances.allen', 'Vienna'],
  ['Tim', 'Berners-Lee', 'VP Sales', 'Sales', 'ada.lovelace', 'London'],
  ['Annie', 'Easley', 'Account Executive', 'Sales', 'tim.berners-lee', 'Cleveland'],
  ['Vint', 'Cerf', 'Account Executive', 'Sales', 'tim.berners-lee', 'Washington'],
  ['Mary', 'Jackson', 'Sales Engineer', 'Sales', 'tim.berners-lee', 'Hampton'],
  ['Claude', 'Shannon', 'Head of Finance', 'Finance', 'ada.lovelace', 'Boston'],
  ['Sophie', 'Wilson', 'Controller', 'Finance', 'claude.shannon', 'Cambridge'],
  ['John', 'Backus', 'Analyst', 'Finance', 'claude.shannon', 'New York'],
  ['Jean', 'Sammet', 'Analyst', 'Finance', 'claude.shannon', 'Boston'],
]

const upn = (nick: string) => `${nick}@demo.provisio.dev`
const nick = (given: string, sur: string) => `${given}.${sur}`.toLowerCase()

/** The demo directory in the import format. */
export const DEMO_DIRECTORY = {
  users: people.map(([givenName, surname, jobTitle, department, manager, officeLocation], i) => ({
    userPrincipalName: upn(nick(givenName, surname)),
    mail: upn(nick(givenName, surname)),
    givenName,
    surname,
    displayName: `${givenName} ${surname}`,
    jobTitle,
    department,
    officeLocation,
    companyName: 'Demo Corp',
    employeeId: String(1001 + i),
    accountEnabled: true,
    ...(manager ? { manager: upn(manager) } : {}),
  })),
  groups: [
    {
      displayName: 'All Staff',
      members: ['Engineering', 'People Team', 'Sales', 'Finance', upn('ada.lovelace')],
    },
    ...['Engineering', 'Sales', 'Finance'].map((department) => ({
      displayName: department,
      members: people.filter((p) => p[3] === department).map(([g, s]) => upn(nick(g, s))),
    })),
    {
      displayName: 'People Team',
      members: people.filter((p) => p[3] === 'People').map(([g, s]) => upn(nick(g, s))),
    },
  ],
}
