import { DirectoryError } from '../errors.js'
import { USER_ATTRIBUTE_NAMES } from '../user-attributes.js'

/** Names of extension attributes an import accepts as columns: extensionAttribute1..15 and `extension_…` names. */
const EXTENSION = /^(extensionAttribute(?:[1-9]|1[0-5])|extension_\w+)$/i

/** Import columns that are attributes, by lower-cased name; `manager` takes the manager's userPrincipalName. */
const COLUMNS = new Map<string, string>(
  [...USER_ATTRIBUTE_NAMES.filter((n) => n !== 'managerId' && n !== 'extensionAttributes'), 'manager'].map(
    (n) => [n.toLowerCase(), n],
  ),
)

/** What an import column holds: a user attribute, the manager's userPrincipalName, or an extension attribute. */
export type ImportColumn =
  | { kind: 'attribute'; name: string }
  | { kind: 'manager' }
  | { kind: 'extension'; name: string }
  | { kind: 'extensions' }

/** Recognises an import column name (ignoring case for attributes); undefined if it is none. */
export function importColumn(name: string): ImportColumn | undefined {
  const attribute = COLUMNS.get(name.toLowerCase())
  if (attribute === 'manager') return { kind: 'manager' }
  if (attribute) return { kind: 'attribute', name: attribute }
  if (name.toLowerCase() === 'extensionattributes') return { kind: 'extensions' }
  if (EXTENSION.test(name)) {
    const numbered = /^extensionAttribute(\d+)$/i.exec(name)
    return { kind: 'extension', name: numbered ? `extensionAttribute${numbered[1]}` : name }
  }
  return undefined
}

/** The error for an unknown column, listing what is accepted. */
export function unknownColumn(name: string): DirectoryError {
  return new DirectoryError(
    'DIRECTORY_INVALID_INPUT',
    `unknown attribute "${name}"; use one of ${[...COLUMNS.values()].join(', ')}, extensionAttribute1..extensionAttribute15 or extension_<name>`,
  )
}
