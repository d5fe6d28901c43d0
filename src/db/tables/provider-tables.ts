/** Row types of the provider layer's tables, for Kysely. */
export interface ProviderTables {}
