import type { ExprValue } from '../expressions/values.js'
import type { MappedValue, ScimJson, TargetType } from './types.js'

/** Target attributes whose type is known without the target's schema. */
const KNOWN_TYPES: Record<string, TargetType> = { active: 'boolean' }

/**
 * Converts an evaluated value to what the target attribute takes: `"True"`/`"False"` to booleans for boolean
 * targets (`active` by default), numeric strings to numbers for integer and decimal targets, booleans and numbers
 * to text for string targets; anything else as it is (role values stay objects, multi-valued stay arrays).
 */
export function coerceValue(value: NonNullable<ExprValue>, type: TargetType | undefined): MappedValue {
  if (Array.isArray(value)) return value.map((item) => item as ScimJson)
  const scalar = value as string | number | boolean
  switch (type) {
    case 'boolean':
      if (typeof scalar === 'string' && /^(true|false)$/i.test(scalar)) return scalar.toLowerCase() === 'true'
      return typeof scalar === 'number' ? scalar !== 0 : scalar
    case 'integer':
    case 'decimal': {
      const number = typeof scalar === 'string' && scalar.trim() !== '' ? Number(scalar) : Number.NaN
      return Number.isNaN(number) ? scalar : number
    }
    case 'string':
    case 'reference':
    case 'dateTime':
    case 'binary':
      return typeof scalar === 'boolean' ? (scalar ? 'True' : 'False') : String(scalar)
    default:
      return scalar
  }
}

/** The default type of a target path (`active` → boolean), ignoring URN qualification. */
export function defaultTargetType(target: string): TargetType | undefined {
  return KNOWN_TYPES[target]
}
