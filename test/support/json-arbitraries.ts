import fc from 'fast-check'

/**
 * JSON values whose objects use the given member names: resource-like documents for testing what a projection or
 * serialiser does with names a schema knows, in any nesting.
 */
export function jsonWithKeys(key: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.jsonValue({ maxDepth: 0 }),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(key, tie('value'), { maxKeys: 4 }),
    ),
  }))
  return value
}
