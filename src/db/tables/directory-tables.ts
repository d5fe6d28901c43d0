/** Row types of the directory layer's tables, for Kysely. */
export interface DirectoryTables {}
