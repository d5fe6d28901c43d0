import { describe, expect, it } from 'vitest'
import { readAttribute } from '../../../src/engine/mapping/index.js'

describe('readAttribute', () => {
  it('prefers the exact name, then matches case-insensitively, and reads missing or undefined as null', () => {
    const source = { mail: 'exact@x', MAIL: 'upper@x', Department: 'R&D', title: undefined }
    expect(readAttribute(source, 'mail')).toBe('exact@x')
    expect(readAttribute(source, 'department')).toBe('R&D')
    expect(readAttribute(source, 'title')).toBeNull()
    expect(readAttribute(source, 'missing')).toBeNull()
  })
})
