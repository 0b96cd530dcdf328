/**
 * Scopes the simulator knows, with the plain-language text the consent page shows.
 * Names follow pleo-facts.md §4: the Exports, Employees and Vendors scopes are documented by
 * Pleo; `companies:read`, `tag-groups:*` and `tax-codes:*` come from a third-party SDK (the
 * staging spellings), and `test:test` is Pleo's documented test-only scope.
 */
export const SCOPE_DESCRIPTIONS = {
  'users:read': { title: 'See employees', detail: 'Names, email addresses, employee codes, job titles and phone numbers.' },
  'users:write': { title: 'Change employees', detail: 'Update employee records.' },
  'companies:read': { title: 'See company details', detail: 'Company names, addresses and registration numbers.' },
  'export-jobs:read': { title: 'See export jobs', detail: 'List export jobs, read a job and its job items.' },
  'export-jobs:write': { title: 'Run export jobs', detail: 'Create jobs, report progress and record the result of each exported entry.' },
  'export-items:read': {
    title: 'Read accounting entries for export',
    detail: 'Amounts, accounts, tax, tags and suppliers of expenses queued for export.',
  },
  'tag-groups:read': { title: 'See tags', detail: 'Tag groups and tags used to categorise expenses.' },
  'tag-groups:write': { title: 'Manage tags', detail: 'Create and change tag groups and tags.' },
  'tax-codes:read': { title: 'See tax codes', detail: 'Tax codes, rates and tax accounts.' },
  'tax-codes:write': { title: 'Manage tax codes', detail: 'Create, change and delete tax codes.' },
  'vendors:read': { title: 'See vendors', detail: 'Vendors (suppliers) and their accounting codes.' },
  'vendors:write': { title: 'Manage vendors', detail: 'Create vendors.' },
  'test:test': { title: 'Test the connection', detail: 'No access to data; used only to try the sign-in flow.' },
} as const satisfies Record<string, { title: string; detail: string }>;

export type Scope = keyof typeof SCOPE_DESCRIPTIONS;

export const ALL_SCOPES = Object.keys(SCOPE_DESCRIPTIONS) as Scope[];

export function isKnownScope(value: string): value is Scope {
  return Object.hasOwn(SCOPE_DESCRIPTIONS, value);
}
