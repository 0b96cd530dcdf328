/**
 * The app's and the simulator's one list of Export API v3 failure reasons equals the enums of
 * Pleo's published OpenAPI (test/fixtures/pleo-openapi), so neither can drift from Pleo.
 */
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { ITEM_FAILURE_TYPES, JOB_FAILURE_TYPES } from '../../../src/shared/export-failure-types.js';
import { PLEO_OPENAPI_DIR } from '../../support/reference-files.js';

const spec = yaml.load(readFileSync(new URL('export-api-v3-jobs-v32.1.0.yaml', PLEO_OPENAPI_DIR), 'utf8')) as {
  components: { schemas: Record<string, { enum?: string[] }> };
};

describe('Export API v3 failure reasons', () => {
  it.each([
    ['ExportJobFailureReasonType', JOB_FAILURE_TYPES],
    ['ExportJobItemFailureReasonType', ITEM_FAILURE_TYPES],
  ] as const)('%s matches the published enum', (name, ours) => {
    const published = spec.components.schemas[name]?.enum;
    expect(published, name).toBeDefined();
    expect([...ours].sort()).toEqual([...published!].sort());
  });
});
