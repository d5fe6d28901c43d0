/** Row types of the engine layer's tables, for Kysely. */
export interface EngineTables {}
