/**
 * The built-in catalog of Pleo External API endpoints a partner needs first, grouped by task.
 * Paths, parameters, fields and scopes come from Pleo's published OpenAPI files and developer
 * documentation (scopes, External API, Export API v3); the descriptions are written in our own words for partner staff
 * who are not developers.
 */
import type { BodyDef, EndpointDef, ParamDef, TaskGroup } from './types.js';

export const TASKS: TaskGroup[] = [
  { id: 'who-am-i', title: 'Who am I?', description: 'Check which client, company and scopes your access token stands for.' },
  { id: 'employees', title: 'List employees', description: 'Read the people of the company your token gives access to.' },
  { id: 'companies', title: 'Find companies', description: 'Look up the companies of an organisation and their details.' },
  {
    id: 'export',
    title: 'Export expenses',
    description: 'Find export jobs, claim one, fetch its accounting entries and report back (Export API v3).',
  },
  {
    id: 'bookkeeping',
    title: 'Tags, tax codes and vendors',
    description: 'Read the bookkeeping dimensions an accounting integration maps to.',
  },
];

/** Cursor pagination parameters shared by every list endpoint (Pleo's newer External APIs all page with cursors). */
export function paginationParams(): ParamDef[] {
  return [
    { name: 'limit', in: 'query', type: 'integer', description: 'How many items one page should hold at most.', example: '10' },
    {
      name: 'after',
      in: 'query',
      type: 'cursor',
      description: 'Cursor: the page after this position (from pagination.endCursor). Not with before or offset.',
    },
    {
      name: 'before',
      in: 'query',
      type: 'cursor',
      description: 'Cursor: the page before this position (from pagination.startCursor). Not with after or offset.',
    },
    {
      name: 'offset',
      in: 'query',
      type: 'integer',
      description: 'Skip this many items instead of using a cursor. Not with after or before.',
    },
    { name: 'sorting_keys', in: 'query', type: 'string', array: true, description: 'Fields to sort by, one per value.' },
    {
      name: 'sorting_order',
      in: 'query',
      type: 'enum',
      array: true,
      enumValues: ['ASC', 'ASC_NULLS_FIRST', 'ASC_NULLS_LAST', 'DESC', 'DESC_NULLS_FIRST', 'DESC_NULLS_LAST'],
      description: 'Sort direction for each sorting key, in the same order.',
    },
  ];
}

const uuidPath = (name: string, what: string): ParamDef => ({
  name,
  in: 'path',
  type: 'uuid',
  required: true,
  description: `ID of the ${what}.`,
});
const companyQuery = (required = false): ParamDef => ({
  name: 'company_id',
  in: 'query',
  type: 'uuid',
  required,
  description: 'The company to work on. Accounting calls are always about exactly one company.',
});

const EXPORT_JOB_STATUSES = ['pending', 'in_progress', 'failed', 'completed', 'completed_with_errors'];
const EXPORT_ITEM_STATUSES = ['pending', 'in_progress', 'failed', 'successful', 'abandoned'];

/** Create and update send the same whole tax code (Pleo's TaxCodeRequest). */
const TAX_CODE_BODY: Omit<BodyDef, 'description'> = {
  fields: [
    { name: 'companyId', type: 'uuid', required: true, description: 'The company the tax code belongs to.' },
    { name: 'name', type: 'string', required: true, description: 'The name people see.' },
    { name: 'rate', type: 'number', required: true, description: 'The rate as a fraction: 0.25 means 25 %.' },
    { name: 'type', type: 'inclusive | exclusive | reverse', required: true, description: 'How the tax is applied.' },
    { name: 'archived', type: 'boolean', required: true, description: 'True to hide it from new expenses.' },
    { name: 'code', type: 'string', description: 'Its code in the accounting system.' },
    { name: 'ingoingTaxAccount', type: 'string', description: 'Account for tax on purchases.' },
    { name: 'outgoingTaxAccount', type: 'string', description: 'Account for tax on sales (reverse charge).' },
  ],
  example: { companyId: '00000000-0000-0000-0000-000000000000', name: 'VAT 25 %', rate: 0.25, type: 'inclusive', archived: false },
};

export const PLEO_ENDPOINTS: EndpointDef[] = [
  // ---- Who am I? ----
  {
    id: 'introspect',
    method: 'GET',
    path: '/v1/introspect',
    summary: 'Describe the current access token',
    description:
      'Pleo says how it sees your token: the client, the application name, the scopes it carries and the company (subject) it gives access to. Any valid token may call it.',
    task: 'who-am-i',
    scopes: [],
    params: [],
    source: 'pleo',
  },
  {
    id: 'installation-get',
    method: 'GET',
    path: '/v1/installations/me',
    summary: 'Show this app\u2019s installation',
    description:
      'The installation Pleo created for your client when someone completed the sign-in: its status (for example ACTIVATED or PENDING_INTEGRATION) and the company it belongs to.',
    task: 'who-am-i',
    scopes: [],
    params: [],
    source: 'pleo',
  },
  {
    id: 'installation-create',
    method: 'POST',
    path: '/v1/installations/me',
    summary: 'Create this app\u2019s installation',
    description:
      'Creates the installation for the token\u2019s company if it does not exist (normally Pleo creates it after the sign-in), or changes the existing one.',
    task: 'who-am-i',
    scopes: [],
    params: [],
    body: {
      description: 'All members are optional.',
      fields: [
        {
          name: 'status',
          type: 'ACTIVATED | INACTIVE | AUTHORIZED | PENDING_INTEGRATION',
          description: 'Status to start with (ACTIVATED if left out).',
        },
        {
          name: 'errorCode',
          type: 'NOT_ENTITLED | AUTH_ERROR | INTEGRATION_ERROR',
          description: 'Why the installation is inactive (only with status INACTIVE).',
        },
        { name: 'metadata', type: 'object', description: 'Your own notes about the installation.' },
      ],
      example: { status: 'ACTIVATED' },
    },
    mutating: true,
    source: 'pleo',
  },
  {
    id: 'installation-activate',
    method: 'POST',
    path: '/v1/installations/me:activate',
    summary: 'Mark this app\u2019s installation as ready',
    description:
      'Tells Pleo your integration is set up for this company: the installation becomes ACTIVATED and any earlier error is cleared.',
    task: 'who-am-i',
    scopes: [],
    params: [],
    mutating: true,
    source: 'pleo',
  },
  {
    id: 'installation-update',
    method: 'PUT',
    path: '/v1/installations/me',
    summary: 'Change this app\u2019s installation',
    description:
      'Sets the installation\u2019s status (for example PENDING_INTEGRATION while the partner finishes the set-up) and, optionally, your own metadata for it.',
    task: 'who-am-i',
    scopes: [],
    params: [],
    body: {
      description: 'The new status and, optionally, metadata.',
      fields: [
        {
          name: 'status',
          type: 'ACTIVATED | INACTIVE | AUTHORIZED | PENDING_INTEGRATION',
          required: true,
          description: 'The installation\u2019s new status.',
        },
        { name: 'metadata', type: 'object', description: 'Your own notes about the installation; Pleo does not read them.' },
      ],
      example: { status: 'PENDING_INTEGRATION' },
    },
    mutating: true,
    source: 'pleo',
  },
  {
    id: 'installation-delete',
    method: 'DELETE',
    path: '/v1/installations/me',
    summary: 'Disconnect this app',
    description:
      'Deletes the installation and ends every access and refresh token of your client: the company has to sign in again before you can call Pleo.',
    task: 'who-am-i',
    scopes: [],
    params: [],
    mutating: true,
    source: 'pleo',
  },
  // ---- Employees ----
  {
    id: 'employees-list',
    method: 'GET',
    path: '/v2/employees',
    summary: 'List employees',
    description:
      'Pages through the employees your token can see. Pleo\u2019s guides use this as the first API call. Without a company ID you get every employee the token may read.',
    task: 'employees',
    scopes: ['users:read'],
    params: [
      { name: 'companyId', in: 'query', type: 'uuid', description: 'Only employees of this company.' },
      { name: 'email', in: 'query', type: 'string', description: 'Find the employee with this email address.' },
      { name: 'code', in: 'query', type: 'string', description: 'Find the employee with this external code.' },
      ...paginationParams(),
    ],
    paginated: true,
    source: 'pleo',
  },
  {
    id: 'employees-get',
    method: 'GET',
    path: '/v2/employees/{employeeId}',
    summary: 'Get one employee',
    description: 'One employee by ID: name, email, job title, phone and company.',
    task: 'employees',
    scopes: ['users:read'],
    params: [uuidPath('employeeId', 'employee')],
    source: 'pleo',
  },
  // ---- Companies ----
  {
    id: 'companies-list',
    method: 'GET',
    path: '/v1/companies',
    summary: 'List companies',
    description:
      'The companies your token can see, optionally only those of one organisation. Useful with an organisation-level token to find the company IDs other calls need.',
    task: 'companies',
    scopes: ['companies:read'],
    params: [
      { name: 'organization_id', in: 'query', type: 'uuid', description: 'Only companies of this organisation.' },
      ...paginationParams(),
    ],
    paginated: true,
    source: 'pleo',
  },
  {
    id: 'companies-get',
    method: 'GET',
    path: '/v1/companies/{companyId}',
    summary: 'Get one company',
    description: 'One company by ID: name, address, registration number and organisation.',
    task: 'companies',
    scopes: ['companies:read'],
    params: [uuidPath('companyId', 'company')],
    source: 'pleo',
  },
  // ---- Export expenses (Export API v3) ----
  {
    id: 'export-jobs-list',
    method: 'GET',
    path: '/v3/export-jobs',
    summary: 'Find export jobs',
    description:
      'Export jobs of a company. To find work, ask for status pending and always take the oldest job; never work on two jobs of one company at once.',
    task: 'export',
    scopes: ['export-jobs:read'],
    params: [
      companyQuery(),
      {
        name: 'statuses',
        in: 'query',
        type: 'enum',
        array: true,
        enumValues: EXPORT_JOB_STATUSES,
        description: 'Only jobs in these states.',
      },
      ...paginationParams(),
    ],
    paginated: true,
    source: 'pleo',
  },
  {
    id: 'export-jobs-get',
    method: 'GET',
    path: '/v3/export-jobs/{jobId}',
    summary: 'Get one export job',
    description: 'One export job: status, number of items, when it started and when it expires (one hour after its last update).',
    task: 'export',
    scopes: ['export-jobs:read'],
    params: [uuidPath('jobId', 'export job')],
    source: 'pleo',
  },
  {
    id: 'export-jobs-create',
    method: 'POST',
    path: '/v3/export-jobs',
    summary: 'Create an export job',
    description:
      'Queues accounting entries for export, as the Export button in Pleo does. A company can have only one running job; a second one is refused (EXPORT_ALREADY_IN_PROGRESS).',
    task: 'export',
    scopes: ['export-jobs:write'],
    params: [],
    body: {
      description: 'Which company and which accounting entries to export.',
      fields: [
        { name: 'companyId', type: 'uuid', required: true, description: 'The company the entries belong to.' },
        { name: 'accountingEntryIds', type: 'uuid[]', required: true, description: 'The accounting entries to export.' },
        { name: 'employeeId', type: 'uuid', description: 'The person who started the export, if any.' },
        { name: 'isInteractive', type: 'boolean', description: 'True when a person started it (default).' },
        { name: 'options.vendorBasedBookkeeping', type: 'boolean', description: 'Include vendor and bookkeeping data in the items.' },
      ],
      example: { companyId: '00000000-0000-0000-0000-000000000000', accountingEntryIds: [] },
    },
    mutating: true,
    source: 'pleo',
  },
  {
    id: 'export-job-events-create',
    method: 'POST',
    path: '/v3/export-job-events',
    summary: 'Claim, complete or fail a job',
    description:
      'Moves a job through its life: send started to claim it, then completed, completed_with_errors or failed (with a reason) when you are done.',
    task: 'export',
    scopes: ['export-jobs:write'],
    params: [],
    body: {
      description: 'The job and the event to apply to it.',
      fields: [
        { name: 'jobId', type: 'uuid', required: true, description: 'The export job.' },
        { name: 'event', type: 'started | failed | completed | completed_with_errors', required: true, description: 'What happened.' },
        { name: 'failureReason', type: 'string', description: 'Why it failed, in words (only for failures).' },
        { name: 'failureReasonType', type: 'string', description: 'Why it failed, as a code such as validation_failure.' },
      ],
      example: { jobId: '00000000-0000-0000-0000-000000000000', event: 'started' },
    },
    mutating: true,
    source: 'pleo',
  },
  {
    id: 'export-items-list',
    method: 'GET',
    path: '/v3/export-items',
    summary: 'Fetch the entries of a job',
    description:
      'The accounting entries of a pending or in-progress job, ready to record in the accounting system: amounts in minor units, accounts, tax, tags, receipts and vendor.',
    task: 'export',
    scopes: ['export-items:read'],
    params: [
      {
        name: 'job_id',
        in: 'query',
        type: 'uuid',
        description:
          'The export job whose entries you want. Pleo marks it optional; the built-in simulator then lists every entry your token can see.',
      },
      ...paginationParams(),
    ],
    paginated: true,
    source: 'pleo',
  },
  {
    id: 'export-job-items-list',
    method: 'GET',
    path: '/v3/export-jobs/{jobId}/items',
    summary: 'Track items of a job',
    description: 'Export progress of each accounting entry in a job (pending, successful, failed, abandoned).',
    task: 'export',
    scopes: ['export-jobs:read'],
    params: [
      uuidPath('jobId', 'export job'),
      { name: 'status', in: 'query', type: 'enum', enumValues: EXPORT_ITEM_STATUSES, description: 'Only items in this state.' },
      ...paginationParams(),
    ],
    paginated: true,
    source: 'pleo',
  },
  {
    id: 'export-job-items-update',
    method: 'PUT',
    path: '/v3/export-jobs/{jobId}/items',
    summary: 'Report exported entries',
    description:
      'Tell Pleo which entries were recorded (with their ID and link in the accounting system) or failed. At most 100 entries per call; nothing is accepted after the job is completed.',
    task: 'export',
    scopes: ['export-jobs:write'],
    params: [uuidPath('jobId', 'export job')],
    body: {
      description: 'A list of up to 100 entry results.',
      fields: [
        { name: '[].accountingEntryId', type: 'uuid', required: true, description: 'The entry this result is about.' },
        { name: '[].status', type: 'successful | failed', required: true, description: 'How it went.' },
        { name: '[].exportedAt', type: 'date-time', description: 'When it was recorded.' },
        { name: '[].externalId', type: 'string', description: 'Its ID in the accounting system.' },
        { name: '[].externalUrl', type: 'string', description: 'A link to it in the accounting system.' },
        { name: '[].failureReason', type: 'string', description: 'Why it failed.' },
        { name: '[].failureReasonType', type: 'string', description: 'Why it failed, as a code.' },
      ],
      example: [{ accountingEntryId: '00000000-0000-0000-0000-000000000000', status: 'successful', externalId: 'ERP-1' }],
    },
    mutating: true,
    source: 'pleo',
  },
  {
    id: 'export-job-item-by-entry',
    method: 'GET',
    path: '/v3/export-job-items',
    summary: 'Find the job item of an entry',
    description:
      'The export job item of one accounting entry: which job exported it and how that went. Pleo publishes this call but hides it from its reference pages.',
    task: 'export',
    scopes: ['export-jobs:read'],
    params: [companyQuery(), { name: 'accounting_entry_id', in: 'query', type: 'uuid', description: 'The accounting entry.' }],
    source: 'pleo',
  },
  // ---- Tags, tax codes, vendors ----
  {
    id: 'tag-groups-list',
    method: 'GET',
    path: '/v0/tag-groups',
    summary: 'List tag groups',
    description: 'The tag groups (bookkeeping dimensions such as projects or departments) of a company or organisation.',
    task: 'bookkeeping',
    // Pleo's Go SDK gives the plural names for staging and the singular ones for production.
    scopes: ['tag-groups:read', 'tag-group:read'],
    params: [companyQuery(), { name: 'organization_id', in: 'query', type: 'uuid', description: 'All tag groups of this organisation.' }],
    // A plain { data: [...] } list, not a cursor page.
    source: 'pleo',
  },
  {
    id: 'tag-groups-get',
    method: 'GET',
    path: '/v0/tag-groups/{groupId}',
    summary: 'Get one tag group',
    description: 'One tag group by ID: its code, name, whether it is archived, and your metadata.',
    task: 'bookkeeping',
    scopes: ['tag-groups:read', 'tag-group:read'],
    params: [uuidPath('groupId', 'tag group')],
    source: 'pleo',
  },
  {
    id: 'tag-groups-create',
    method: 'POST',
    path: '/v0/tag-groups',
    summary: 'Create a tag group',
    description:
      'Adds a bookkeeping dimension (for example the projects of your accounting system) to a company. The code must be new in that company.',
    task: 'bookkeeping',
    scopes: ['tag-groups:write', 'tag-group:write'],
    params: [companyQuery()],
    body: {
      description: 'The new tag group.',
      fields: [
        { name: 'code', type: 'string', required: true, description: 'Its code, unique in the company.' },
        { name: 'name', type: 'string', required: true, description: 'The name people see.' },
        { name: 'archived', type: 'boolean', required: true, description: 'True to create it archived.' },
        { name: 'metadata', type: 'object', description: 'Your own data about the group.' },
      ],
      example: { code: 'PROJ2', name: 'Projects', archived: false },
    },
    mutating: true,
    source: 'pleo',
  },
  {
    id: 'tag-group-tags-list',
    method: 'GET',
    path: '/v0/tag-groups/{groupId}/tags',
    summary: 'List the tags of a group',
    description: 'The tags inside one tag group. Up to five tags can be put on one expense.',
    task: 'bookkeeping',
    scopes: ['tag-groups:read', 'tag-group:read'],
    params: [
      uuidPath('groupId', 'tag group'),
      { name: 'include_archived', in: 'query', type: 'boolean', description: 'Also return archived tags.' },
      ...paginationParams(),
    ],
    paginated: true,
    source: 'pleo',
  },
  {
    id: 'tags-search',
    method: 'GET',
    path: '/v0/tags',
    summary: 'Search tags',
    description: 'Find tags of a company by text.',
    task: 'bookkeeping',
    scopes: ['tag-groups:read', 'tag-group:read'],
    params: [
      companyQuery(),
      { name: 'text_search', in: 'query', type: 'string', description: 'Text to look for in tag names and codes.' },
      ...paginationParams(),
    ],
    paginated: true,
    source: 'pleo',
  },
  {
    id: 'tags-get',
    method: 'GET',
    path: '/v0/tags/{tagId}',
    summary: 'Get one tag',
    description: 'One tag by ID: its code, name, group and whether it is archived.',
    task: 'bookkeeping',
    scopes: ['tag-groups:read', 'tag-group:read'],
    params: [uuidPath('tagId', 'tag')],
    source: 'pleo',
  },
  {
    id: 'tag-group-tags-create',
    method: 'POST',
    path: '/v0/tag-groups/{groupId}/tags',
    summary: 'Create a tag in a group',
    description: 'Adds one value (for example one project) to a tag group. The code must be new in that group.',
    task: 'bookkeeping',
    scopes: ['tag-groups:write', 'tag-group:write'],
    params: [uuidPath('groupId', 'tag group')],
    body: {
      description: 'The new tag.',
      fields: [
        { name: 'code', type: 'string', required: true, description: 'Its code, unique in the group.' },
        { name: 'name', type: 'string', description: 'The name people see.' },
        { name: 'archived', type: 'boolean', required: true, description: 'True to create it archived.' },
      ],
      example: { code: 'P-100', name: 'Project 100', archived: false },
    },
    mutating: true,
    source: 'pleo',
  },
  {
    id: 'tax-codes-search',
    method: 'POST',
    path: '/v0/tax-codes:search',
    summary: 'List tax codes',
    description:
      'The tax codes of a company with their rate (0.2 means 20 %) and type (inclusive, exclusive or reverse). It is a POST, but it only reads.',
    task: 'bookkeeping',
    scopes: ['tax-codes:read'],
    params: [companyQuery(), ...paginationParams()],
    body: {
      description: 'Optional filters; leave the object empty to list every tax code.',
      fields: [
        { name: 'archived', type: 'boolean', description: 'Only archived (true) or only active (false) tax codes.' },
        { name: 'taxCodeIds', type: 'uuid[]', description: 'Only these tax codes.' },
        { name: 'type', type: 'inclusive | exclusive | reverse', description: 'Only tax codes of this type.' },
      ],
      example: {},
    },
    paginated: true,
    source: 'pleo',
  },
  {
    id: 'tax-codes-get',
    method: 'GET',
    path: '/v0/tax-codes/{taxCodeId}',
    summary: 'Get one tax code',
    description: 'One tax code by ID, with the accounts it posts to.',
    task: 'bookkeeping',
    scopes: ['tax-codes:read'],
    params: [uuidPath('taxCodeId', 'tax code')],
    source: 'pleo',
  },
  {
    id: 'tax-codes-create',
    method: 'POST',
    path: '/v0/tax-codes',
    summary: 'Create a tax code',
    description: 'Adds a tax code from your accounting system to a company, with its rate and type.',
    task: 'bookkeeping',
    scopes: ['tax-codes:write'],
    params: [],
    body: {
      description: 'The new tax code.',
      ...TAX_CODE_BODY,
    },
    mutating: true,
    source: 'pleo',
  },
  {
    id: 'tax-codes-update',
    method: 'PUT',
    path: '/v0/tax-codes/{taxCodeId}',
    summary: 'Change a tax code',
    description:
      'Replaces a tax code\u2019s name, rate, type, accounts and archived flag. Send every required member, also the ones that stay the same.',
    task: 'bookkeeping',
    scopes: ['tax-codes:write'],
    params: [uuidPath('taxCodeId', 'tax code')],
    body: {
      description: 'The whole tax code as it should be.',
      ...TAX_CODE_BODY,
    },
    mutating: true,
    source: 'pleo',
  },
  {
    id: 'tax-codes-delete',
    method: 'DELETE',
    path: '/v0/tax-codes/{taxCodeId}',
    summary: 'Delete a tax code',
    description: 'Removes a tax code. To keep it on old expenses but hide it from new ones, archive it instead.',
    task: 'bookkeeping',
    scopes: ['tax-codes:write'],
    params: [uuidPath('taxCodeId', 'tax code')],
    mutating: true,
    source: 'pleo',
  },
  {
    id: 'vendors-search',
    method: 'POST',
    path: '/v1/vendors:search',
    summary: 'Search vendors',
    description:
      'Find the suppliers (vendors) of a company by name, code, country or state. It is a POST so the filters fit in the body; it only reads.',
    task: 'bookkeeping',
    scopes: ['vendors:read'],
    params: [companyQuery(true), ...paginationParams()],
    body: {
      description: 'Optional filters; leave the object empty to list all vendors.',
      fields: [
        { name: 'name', type: 'string', description: 'Part of the vendor name.' },
        { name: 'ids', type: 'uuid[]', description: 'Pleo\u2019s IDs of the vendors (up to 100).' },
        { name: 'codes', type: 'string[]', description: 'Vendor codes.' },
        { name: 'externalIds', type: 'string[]', description: 'IDs in the accounting system.' },
        { name: 'countries', type: 'string[]', description: 'Country codes such as DK.' },
        { name: 'states', type: 'string[]', description: 'For example DRAFT, ACTIVE or ARCHIVED.' },
        { name: 'taxRegistrationNumbers', type: 'string[]', description: 'VAT or other tax registration numbers.' },
        { name: 'accountingSystems', type: 'string[]', description: 'The accounting systems the vendors are linked to.' },
      ],
      example: {},
    },
    paginated: true,
    source: 'pleo',
  },
  {
    id: 'vendors-get',
    method: 'GET',
    path: '/v1/vendors/{id}',
    summary: 'Get one vendor',
    description: 'One vendor by ID: name, default currency, country and registration numbers.',
    task: 'bookkeeping',
    scopes: ['vendors:read'],
    params: [uuidPath('id', 'vendor')],
    source: 'pleo',
  },
  {
    id: 'vendors-create',
    method: 'POST',
    path: '/v1/vendors',
    summary: 'Create a vendor',
    description:
      'Adds a supplier to a company. With an externalId (its ID in your accounting system) it is ACTIVE at once; without one it is a DRAFT still to be created there.',
    task: 'bookkeeping',
    scopes: ['vendors:write'],
    params: [],
    body: {
      description: 'The new vendor.',
      fields: [
        { name: 'companyId', type: 'uuid', required: true, description: 'The company the vendor belongs to.' },
        { name: 'name', type: 'string', required: true, description: 'Its official name.' },
        { name: 'defaultCurrency', type: 'string', required: true, description: 'Three-letter currency code such as DKK.' },
        { name: 'code', type: 'string', description: 'Its account code in the accounting system.' },
        { name: 'externalId', type: 'string', description: 'Its ID in the accounting system.' },
        { name: 'country', type: 'string', description: 'Two-letter country code such as DK.' },
        { name: 'registrationNumber', type: 'string', description: 'Company registration number.' },
        { name: 'taxRegistrationNumber', type: 'string', description: 'VAT or other tax number.' },
      ],
      example: { companyId: '00000000-0000-0000-0000-000000000000', name: 'Example Supplies A/S', defaultCurrency: 'DKK' },
    },
    mutating: true,
    source: 'pleo',
  },
];

export const IMPORTED_TASK: TaskGroup = {
  id: 'imported',
  title: 'Imported from OpenAPI',
  description: 'Endpoints added from an OpenAPI file you imported.',
};
