/**
 * Pleo's published OpenAPI files, kept in the repository as test fixtures
 * (test/fixtures/pleo-openapi, provenance in its SOURCES.md). Tests read them from here, so a
 * clean clone runs every test without anything beside the repository.
 */
export const PLEO_OPENAPI_DIR = new URL('../fixtures/pleo-openapi/', import.meta.url);
