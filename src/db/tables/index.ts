import type { DirectoryTables } from './directory-tables.js'
import type { EngineTables } from './engine-tables.js'
import type { ProviderTables } from './provider-tables.js'

/** Every table of the database, for Kysely. Each layer declares its own in a file beside this one. */
export interface Tables extends ProviderTables, DirectoryTables, EngineTables {}
