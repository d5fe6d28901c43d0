import type { AppRoleAssignment } from '../../mapping/types.js'
import { itemText, type ScimRoleValue, toTextList } from '../values.js'
import { argValue, type ExpressionFunction } from './function-types.js'
import { integerArg, mapText, textArg } from './text-functions.js'

/** Count, Item, Join, RemoveDuplicates, Split: functions over multi-valued attributes. */
export const COLLECTION_FUNCTIONS = {
  Count: (args) => {
    const value = argValue(args[0])
    if (value === null) return 0
    return Array.isArray(value) ? value.length : 1
  },
  Item: (args, call) => {
    const value = argValue(args[0])
    const index = integerArg(args[1], call, 'index')
    if (value === null || index < 1) return null
    if (!Array.isArray(value)) return index === 1 ? value : null
    const item: string | AppRoleAssignment | ScimRoleValue | undefined = value[index - 1]
    return item === undefined ? null : itemText(item)
  },
  Join: (args) => {
    const separator = textArg(args[0]) ?? ''
    return args
      .slice(1)
      .flatMap((arg) => toTextList(argValue(arg)))
      .join(separator)
  },
  RemoveDuplicates: (args) => {
    const value = argValue(args[0])
    return Array.isArray(value) ? [...new Set(toTextList(value))] : value
  },
  Split: mapText((text, args) => {
    const delimiter = textArg(args[1]) ?? ''
    return delimiter === '' ? [text] : text.split(delimiter).map((part) => part.trim())
  }),
} satisfies Record<string, ExpressionFunction>
