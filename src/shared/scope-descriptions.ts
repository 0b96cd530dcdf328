/**
 * What each Pleo scope lets the app do, in our own words, for people who are not developers
 * (token panel, Connect screen, readiness report). Scope names are spelt as Pleo's OpenAPI files and
 * OAuth guides spell them; the wording is ours. Unknown scopes get a neutral sentence rather than a guess.
 */
export interface ScopeDescription {
  /** One short sentence: what the app may do with this scope. */
  meaning: string;
  /** Read-only scopes cannot change anything in Pleo. */
  access: 'read' | 'write' | 'test';
}

export const SCOPE_DESCRIPTIONS: Readonly<Record<string, ScopeDescription>> = {
  'test:test': { meaning: 'Only for trying out the sign-in; gives no access to company data.', access: 'test' },
  'users:read': { meaning: 'See the list of employees and their details (name, email, job title).', access: 'read' },
  'users:write': { meaning: 'Change employee records.', access: 'write' },
  'export-jobs:read': { meaning: 'See export jobs and the expenses in them.', access: 'read' },
  'export-jobs:write': { meaning: 'Start export jobs and mark exported expenses as done or failed.', access: 'write' },
  'export-items:read': { meaning: 'Read expenses that are ready to be exported to the accounting system.', access: 'read' },
  'accounts:read': { meaning: 'See the chart of accounts (bookkeeping accounts).', access: 'read' },
  'accounts:write': { meaning: 'Add, change or remove bookkeeping accounts.', access: 'write' },
  'vendors:read': { meaning: 'See suppliers (vendors).', access: 'read' },
  'vendors:write': { meaning: 'Add, change or archive suppliers (vendors).', access: 'write' },
  'companies:read': { meaning: 'See company details such as name, address and registration number.', access: 'read' },
  'tag-groups:read': { meaning: 'See tag groups and tags used to categorise expenses.', access: 'read' },
  'tag-groups:write': { meaning: 'Create or change tag groups and tags.', access: 'write' },
  'tag-group:read': { meaning: 'See tag groups and tags used to categorise expenses.', access: 'read' },
  'tag-group:write': { meaning: 'Create or change tag groups and tags.', access: 'write' },
  'tax-codes:read': { meaning: 'See tax (VAT) codes.', access: 'read' },
  'tax-codes:write': { meaning: 'Create or change tax (VAT) codes.', access: 'write' },
  'export:read': { meaning: 'Older name for reading exports.', access: 'read' },
  'export:write': { meaning: 'Older name for changing exports.', access: 'write' },
  'expense:read': { meaning: 'Older name for reading expenses.', access: 'read' },
};

export function describeScope(scope: string): ScopeDescription {
  return (
    SCOPE_DESCRIPTIONS[scope] ?? {
      meaning: 'A permission this app has no description for; ask your Pleo partner manager what it allows.',
      access: scope.endsWith(':write') ? 'write' : 'read',
    }
  );
}

/** The scope of the first API call in Pleo's own guides, GET /v2/employees (it needs users:read). */
export const FIRST_CALL_SCOPE = 'users:read';
