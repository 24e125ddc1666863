// What a person's history can be filtered by: the ledger's kinds and source types
// (ledger-admin.ts holds both lists, shared with HR's ledger).
export { LEDGER_SOURCE_TYPES as POINTS_SOURCES, POINTS_KINDS } from "./ledger-admin";
