/**
 * The directory: people, groups (nested), memberships, apps, app roles, assignments and a change feed.
 *
 * - `openDirectory(database, { clock, newId })` gives the `Directory` API (types.ts); every write runs in one
 *   transaction with its change-feed rows.
 * - Change feed: `changesSince(sequence, limit)` in ascending sequence order. Sequences may have gaps (rolled-back
 *   transactions) but never commit out of order: on PostgreSQL each write transaction takes an EXCLUSIVE lock on
 *   `directory_changes` first (readers are not blocked; directory writers run one at a time), SQLite has one writer.
 *   So a reader can keep the last sequence it saw as its watermark.
 * - Soft-deleted users and groups stay readable by id but are left out of members, groupsOf, transitiveUserIds
 *   (except the group asked for) and assignedUsers; after 30 days `purgeExpired()` hard-deletes them.
 * - `importDirectory(directory, parseImportJson(text) | parseImportCsv(text))` imports files in batches.
 */
export { DirectoryError, type DirectoryErrorCode } from './errors.js'
export { importDirectory } from './import/import-directory.js'
export { parseImportCsv } from './import/parse-import-csv.js'
export { parseImportJson } from './import/parse-import-json.js'
export { openDirectory } from './open-directory.js'
export { RETENTION_DAYS } from './retention.js'
export * from './types.js'
