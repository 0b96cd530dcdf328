import { existsSync } from 'node:fs';

/**
 * Pleo's published OpenAPI files live beside the project in ../shared/reference (reference
 * data, not part of the repository). Tests that compare against them skip on a machine
 * without that folder, and fail on CI, where it is always present: a lost copy must not turn
 * into a silently skipped suite.
 */
export const PLEO_OPENAPI_DIR = new URL('../../../shared/reference/pleo-openapi/', import.meta.url);
export const hasPleoReference = existsSync(PLEO_OPENAPI_DIR);
export const skipWithoutPleoReference = !hasPleoReference && process.env.CI !== 'true';
