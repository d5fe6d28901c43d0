import type { FunctionName } from '../function-signatures.js'
import { COLLECTION_FUNCTIONS } from './collection-functions.js'
import { DATE_FUNCTIONS } from './date-functions.js'
import type { ExpressionFunction } from './function-types.js'
import { LOGIC_FUNCTIONS } from './logic-functions.js'
import { randomString } from './random-string.js'
import { replace } from './replace.js'
import { ROLE_FUNCTIONS } from './role-functions.js'
import { TEXT_FUNCTIONS } from './text-functions.js'

/** The implementation of every supported function. */
export const FUNCTIONS: Record<FunctionName, ExpressionFunction> = {
  ...TEXT_FUNCTIONS,
  ...COLLECTION_FUNCTIONS,
  ...LOGIC_FUNCTIONS,
  ...DATE_FUNCTIONS,
  ...ROLE_FUNCTIONS,
  RandomString: randomString,
  Replace: replace,
}
