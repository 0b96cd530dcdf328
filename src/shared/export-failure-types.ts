/**
 * The failure reasons of Pleo's Export API v3 (the ExportJobFailureReasonType and
 * ExportJobItemFailureReasonType enums of its published OpenAPI), one list for the app and the
 * simulator; test/unit/export/failure-types.test.ts keeps it equal to the published files.
 */
export const JOB_FAILURE_TYPES = [
  'invalid_configuration',
  'missing_configuration',
  'authentication_failure',
  'accounting_system_authentication_failure',
  'pleo_rate_limit',
  'accounting_system_rate_limit',
  'service_unreachable',
  'accounting_system_unreachable',
  'validation_failure',
  'authorization_failure',
  'integration_unusable',
  'job_expired',
  'service_timeout',
  'accounting_system_timeout',
  'canceled_by_user',
] as const;

export const ITEM_FAILURE_TYPES = [
  'receipt_upload_failure',
  'receipt_download_failure',
  'receipt_file_size_limit_exceeded',
  'receipt_conversion_failure',
  'unexpected_failure',
  'invalid_configuration',
  'missing_configuration',
  'accounting_system_authentication_failure',
  'accounting_system_rate_limit',
  'accounting_system_unreachable',
  'validation_failure',
  'accounting_system_validation_failure',
  'authorization_failure',
  'accounting_system_timeout',
  'vendor_unknown',
  'account_unknown',
  'tax_code_unknown',
  'tag_unknown',
] as const;
