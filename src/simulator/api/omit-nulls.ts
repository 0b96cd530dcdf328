/**
 * Pleo's specs mark many members optional but not nullable: such a member is left out when it
 * has no value, never sent as `null` (a generated client rejects the null; hand-written code
 * that checks `!== null` then meets `undefined` at Pleo). The simulator's records keep `null`
 * internally; answers pass through `omitNulls`, which drops every null member except at the
 * paths where the spec declares the member nullable.
 *
 * Paths are dot-separated member names from the top of the record, with `[]` for array items,
 * e.g. `accountingEntryLines[].tags`.
 */
export function omitNulls<T>(value: T, nullable: ReadonlySet<string> = NONE, path = ''): T {
  if (Array.isArray(value)) return value.map((item) => omitNulls(item, nullable, `${path}[]`)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value as Record<string, unknown>)) {
    const at = path ? `${path}.${key}` : key;
    if (member === null) {
      if (nullable.has(at)) out[key] = null;
      continue;
    }
    out[key] = omitNulls(member, nullable, at);
  }
  return out as T;
}

const NONE: ReadonlySet<string> = new Set();

/** Nullable members per record, as the reference files declare them. */
export const NULLABLE = {
  /** Tax Code API 42.14.0 TaxCodeModel. */
  taxCode: new Set(['code', 'ingoingTaxAccount', 'outgoingTaxAccount', 'accountingIntegrationSystem']),
  /** Export API v3 32.1.0 ExportJobV3 (failureReasonType is not nullable). */
  exportJob: new Set(['startedAt', 'completedAt', 'expiredAt', 'lastUpdatedAt', 'createdBy', 'failureReason']),
  /** Export API v3 32.1.0 ExportJobItemV3 (failureReasonType is not nullable). */
  exportJobItem: new Set(['exportedAt', 'externalId', 'externalUrl', 'failureReason']),
  /** Export API v3 32.1.0 ExportItemV3 and the records inside it. */
  exportItem: new Set([
    'files',
    'note',
    'accountingEntryLines[].tags',
    'accountingEntryLines[].account.code',
    'accountingEntryLines[].account.identifier',
    'accountingEntryLines[].tax.code',
    'additionalInformation.attendees',
    'additionalInformation.reconciledEntries',
    'additionalInformation.invoiceInformation',
    'additionalInformation.invoiceInformation.dueDate',
    'additionalInformation.invoiceInformation.paymentDate',
    'contraAccount.code',
    'contraAccount.identifier',
    'team.code',
    'user.code',
    'supplier.account',
    'supplier.categoryCode',
    'supplier.code',
    'supplier.country',
    'supplier.name',
    'supplier.taxIdentifier',
  ]),
} as const;
