import { employeeVoiceTemplate } from './employee-voice.js'
import { genericScimTemplate } from './generic-scim.js'
import { type AppTemplate, GalleryError } from './types.js'

const TEMPLATES: Record<string, () => AppTemplate> = {
  'generic-scim': genericScimTemplate,
  'employee-voice': employeeVoiceTemplate,
}

/** Every gallery template, each a fresh copy the caller may change. */
export function listTemplates(): AppTemplate[] {
  return Object.values(TEMPLATES).map((build) => build())
}

/** The template with this id, a fresh copy; throws GalleryError (GALLERY_UNKNOWN_TEMPLATE) listing the valid ids. */
export function getTemplate(id: string): AppTemplate {
  const build = Object.hasOwn(TEMPLATES, id) ? TEMPLATES[id] : undefined
  if (!build) throw new GalleryError(id, Object.keys(TEMPLATES))
  return build()
}
