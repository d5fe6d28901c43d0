import type { MappingSet } from '../mapping/types.js'

/** An app role a template offers for assignments. */
export interface TemplateRole {
  name: string
  value: string
}

/** An app gallery template: the default mappings, roles and scope an app gets when it is added. */
export interface AppTemplate {
  id: string
  name: string
  description: string
  userMappings: MappingSet
  groupMappings: MappingSet
  /** Users assigned with the Default Access role are left out of provisioning. */
  excludeDefaultAccess: boolean
  roles: TemplateRole[]
  /** "Sync only assigned users and groups" or "Sync all users and groups". */
  defaultScope: 'assigned' | 'all'
}

/** An unknown template id; the message lists the valid ids. */
export class GalleryError extends Error {
  override readonly name = 'GalleryError'
  readonly code = 'GALLERY_UNKNOWN_TEMPLATE'

  constructor(
    readonly templateId: string,
    readonly validIds: string[],
  ) {
    super(`Unknown app template "${templateId}"; valid templates: ${validIds.join(', ')}`)
  }
}
