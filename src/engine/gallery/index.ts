export { ACTIVE_EXPRESSION, ENTERPRISE_USER } from './common-mappings.js'
export { PEAKON_USER } from './employee-voice.js'
export { getTemplate, listTemplates } from './gallery.js'
export { type AppTemplate, GalleryError, type TemplateRole } from './types.js'
