import { derivedName, type StoredResource, storedMeta, toResource } from '../store/resource-rows.js'
import { type AnswerShape, shownResource } from './answer-shape.js'

/** The start of stored JSON that begins with `schemas`, a list of strings: `{"schemas":["urn:…",…]`. */
const SCHEMAS = /^\{"schemas":\[(?:"(?:[^"\\]|\\.)*"(?:,"(?:[^"\\]|\\.)*")*)?\]/

/**
 * The JSON text of a stored resource as an answer shows it (see shownResource). When the projection leaves the stored
 * JSON alone, that text goes into the answer as it is, with id, the derived attribute and meta spliced in: no parse,
 * no serialisation of the stored attributes. Otherwise the resource is parsed, projected and serialised.
 */
export function resourceJson(stored: StoredResource, shape: AnswerShape, location: string): string {
  const { data, id } = stored.row
  const schemas = shape.keepsOwned && !shape.projection.mayChange(data) ? SCHEMAS.exec(data) : null
  if (!schemas) return JSON.stringify(shownResource(shape, toResource(stored), location))
  let json = `${schemas[0]},"id":${JSON.stringify(id)}${data.slice(schemas[0].length, -1)}`
  const { derived } = stored
  if (derived !== undefined) {
    json += `,"${derivedName(stored.type)}":${typeof derived === 'string' ? derived : JSON.stringify(derived)}`
  }
  // keepsOwned: the projection keeps meta whole, location included.
  return `${json},"meta":${JSON.stringify(storedMeta(stored)).slice(0, -1)},"location":${JSON.stringify(location)}}}`
}
