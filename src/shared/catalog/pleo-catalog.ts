/**
 * The built-in catalog of Pleo External API endpoints a partner needs first, grouped by task.
 * Paths, parameters, fields and scopes come from Pleo's published OpenAPI files and developer
 * documentation (scopes, External API, Export API v3); the descriptions are written in our own words for partner staff
 * who are not developers.
 */
import type { BodyDef, BodyField, EndpointDef, HttpMethod, ParamDef, ParamType, TaskGroup } from './types.js';

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
    query('after', 'cursor', 'Cursor: the page after this position (from pagination.endCursor). Not with before or offset.'),
    query('before', 'cursor', 'Cursor: the page before this position (from pagination.startCursor). Not with after or offset.'),
    query('offset', 'integer', 'Skip this many items instead of using a cursor. Not with after or before.'),
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

/** A query parameter that is only a name, a type and what it does. */
const query = (name: string, type: ParamType, description: string): ParamDef => ({ name, in: 'query', type, description });
/** Body members Pleo requires, and those it lets you leave out. */
const required = (name: string, type: string, description: string): BodyField => ({ name, type, required: true, description });
const optional = (name: string, type: string, description: string): BodyField => ({ name, type, description });

// Pleo's Go SDK gives the plural names for staging and the singular ones for production.
const TAG_GROUPS_READ = ['tag-groups:read', 'tag-group:read'];
const TAG_GROUPS_WRITE = ['tag-groups:write', 'tag-group:write'];

const EXPORT_JOB_STATUSES = ['pending', 'in_progress', 'failed', 'completed', 'completed_with_errors'];
const EXPORT_ITEM_STATUSES = ['pending', 'in_progress', 'failed', 'successful', 'abandoned'];

/** Create and update send the same whole tax code (Pleo's TaxCodeRequest). */
const TAX_CODE_BODY: Omit<BodyDef, 'description'> = {
  fields: [
    required('companyId', 'uuid', 'The company the tax code belongs to.'),
    required('name', 'string', 'The name people see.'),
    required('rate', 'number', 'The rate as a fraction: 0.25 means 25 %.'),
    required('type', 'inclusive | exclusive | reverse', 'How the tax is applied.'),
    required('archived', 'boolean', 'True to hide it from new expenses.'),
    optional('code', 'string', 'Its code in the accounting system.'),
    optional('ingoingTaxAccount', 'string', 'Account for tax on purchases.'),
    optional('outgoingTaxAccount', 'string', 'Account for tax on sales (reverse charge).'),
  ],
  example: { companyId: '00000000-0000-0000-0000-000000000000', name: 'VAT 25 %', rate: 0.25, type: 'inclusive', archived: false },
};

/**
 * "Get one X": a GET of one item by the ID at the end of its path, with the family's read
 * scopes. Every resource family has one, named (after its collection) and worded alike.
 */
function getOne(path: string, what: string, scopes: string[], description: string): EndpointSpec {
  const [, family, param] = /\/([\w-]+)\/\{(\w+)\}$/.exec(path)!;
  return { id: `${family}-get`, method: 'GET', path, summary: `Get one ${what}`, description, scopes, params: [uuidPath(param!, what)] };
}

/** The members of every item of a body that is a list (shown as `[].name`). */
const eachItem = (fields: BodyField[]): BodyField[] => fields.map((f) => ({ ...f, name: `[].${f.name}` }));

/** What one endpoint says of itself; inTask adds what follows from it. */
interface EndpointSpec {
  id: string;
  method: HttpMethod;
  path: string;
  summary: string;
  description: string;
  /** None: any valid token may call it. */
  scopes?: string[];
  params?: ParamDef[];
  body?: BodyDef;
  /** Answers with a cursor page: the pagination parameters follow `params`. */
  paged?: true;
}

/**
 * The endpoints of one task group. Every call that is not a GET changes data (the UI asks
 * first), except a `:search`, a POST that only reads so its filters fit in the body.
 */
function inTask(task: string, specs: EndpointSpec[]): EndpointDef[] {
  return specs.map(({ id, method, path, summary, description, scopes = [], params = [], body, paged }) => ({
    id,
    method,
    path,
    summary,
    description,
    task,
    scopes,
    params: paged ? [...params, ...paginationParams()] : params,
    ...(body ? { body } : {}),
    ...(paged ? { paginated: true } : {}),
    ...(method !== 'GET' && !path.endsWith(':search') ? { mutating: true } : {}),
    source: 'pleo',
  }));
}

export const PLEO_ENDPOINTS: EndpointDef[] = [
  // ---- Who am I? ----
  ...inTask('who-am-i', [
    {
      id: 'introspect',
      method: 'GET',
      path: '/v1/introspect',
      summary: 'Describe the current access token',
      description:
        'Pleo says how it sees your token: the client, the application name, the scopes it carries and the company (subject) it gives access to. Any valid token may call it.',
    },
    {
      id: 'installation-get',
      method: 'GET',
      path: '/v1/installations/me',
      summary: 'Show this app\u2019s installation',
      description:
        'The installation Pleo created for your client when someone completed the sign-in: its status (for example ACTIVATED or PENDING_INTEGRATION) and the company it belongs to.',
    },
    {
      id: 'installation-create',
      method: 'POST',
      path: '/v1/installations/me',
      summary: 'Create this app\u2019s installation',
      description:
        'Creates the installation for the token\u2019s company if it does not exist (normally Pleo creates it after the sign-in), or changes the existing one.',
      body: {
        description: 'All members are optional.',
        fields: [
          optional('status', 'ACTIVATED | INACTIVE | AUTHORIZED | PENDING_INTEGRATION', 'Status to start with (ACTIVATED if left out).'),
          optional(
            'errorCode',
            'NOT_ENTITLED | AUTH_ERROR | INTEGRATION_ERROR',
            'Why the installation is inactive (only with status INACTIVE).',
          ),
          optional('metadata', 'object', 'Your own notes about the installation.'),
        ],
        example: { status: 'ACTIVATED' },
      },
    },
    {
      id: 'installation-activate',
      method: 'POST',
      path: '/v1/installations/me:activate',
      summary: 'Mark this app\u2019s installation as ready',
      description:
        'Tells Pleo your integration is set up for this company: the installation becomes ACTIVATED and any earlier error is cleared.',
    },
    {
      id: 'installation-update',
      method: 'PUT',
      path: '/v1/installations/me',
      summary: 'Change this app\u2019s installation',
      description:
        'Sets the installation\u2019s status (for example PENDING_INTEGRATION while the partner finishes the set-up) and, optionally, your own metadata for it.',
      body: {
        description: 'The new status and, optionally, metadata.',
        fields: [
          required('status', 'ACTIVATED | INACTIVE | AUTHORIZED | PENDING_INTEGRATION', 'The installation\u2019s new status.'),
          optional('metadata', 'object', 'Your own notes about the installation; Pleo does not read them.'),
        ],
        example: { status: 'PENDING_INTEGRATION' },
      },
    },
    {
      id: 'installation-delete',
      method: 'DELETE',
      path: '/v1/installations/me',
      summary: 'Disconnect this app',
      description:
        'Deletes the installation and ends every access and refresh token of your client: the company has to sign in again before you can call Pleo.',
    },
  ]),
  // ---- Employees ----
  ...inTask('employees', [
    {
      id: 'employees-list',
      method: 'GET',
      path: '/v2/employees',
      summary: 'List employees',
      description:
        'Pages through the employees your token can see. Pleo\u2019s guides use this as the first API call. Without a company ID you get every employee the token may read.',
      scopes: ['users:read'],
      params: [
        query('companyId', 'uuid', 'Only employees of this company.'),
        query('email', 'string', 'Find the employee with this email address.'),
        query('code', 'string', 'Find the employee with this external code.'),
      ],
      paged: true,
    },
    getOne('/v2/employees/{employeeId}', 'employee', ['users:read'], 'One employee by ID: name, email, job title, phone and company.'),
  ]),
  // ---- Companies ----
  ...inTask('companies', [
    {
      id: 'companies-list',
      method: 'GET',
      path: '/v1/companies',
      summary: 'List companies',
      description:
        'The companies your token can see, optionally only those of one organisation. Useful with an organisation-level token to find the company IDs other calls need.',
      scopes: ['companies:read'],
      params: [query('organization_id', 'uuid', 'Only companies of this organisation.')],
      paged: true,
    },
    getOne(
      '/v1/companies/{companyId}',
      'company',
      ['companies:read'],
      'One company by ID: name, address, registration number and organisation.',
    ),
  ]),
  // ---- Export expenses (Export API v3) ----
  ...inTask('export', [
    {
      id: 'export-jobs-list',
      method: 'GET',
      path: '/v3/export-jobs',
      summary: 'Find export jobs',
      description:
        'Export jobs of a company. To find work, ask for status pending and always take the oldest job; never work on two jobs of one company at once.',
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
      ],
      paged: true,
    },
    getOne(
      '/v3/export-jobs/{jobId}',
      'export job',
      ['export-jobs:read'],
      'One export job: status, number of items, when it started and when it expires (one hour after its last update).',
    ),
    {
      id: 'export-jobs-create',
      method: 'POST',
      path: '/v3/export-jobs',
      summary: 'Create an export job',
      description:
        'Queues accounting entries for export, as the Export button in Pleo does. A company can have only one running job; a second one is refused (EXPORT_ALREADY_IN_PROGRESS).',
      scopes: ['export-jobs:write'],
      body: {
        description: 'Which company and which accounting entries to export.',
        fields: [
          required('companyId', 'uuid', 'The company the entries belong to.'),
          required('accountingEntryIds', 'uuid[]', 'The accounting entries to export.'),
          optional('employeeId', 'uuid', 'The person who started the export, if any.'),
          optional('isInteractive', 'boolean', 'True when a person started it (default).'),
          optional('options.vendorBasedBookkeeping', 'boolean', 'Include vendor and bookkeeping data in the items.'),
        ],
        example: { companyId: '00000000-0000-0000-0000-000000000000', accountingEntryIds: [] },
      },
    },
    {
      id: 'export-job-events-create',
      method: 'POST',
      path: '/v3/export-job-events',
      summary: 'Claim, complete or fail a job',
      description:
        'Moves a job through its life: send started to claim it, then completed, completed_with_errors or failed (with a reason) when you are done.',
      scopes: ['export-jobs:write'],
      body: {
        description: 'The job and the event to apply to it.',
        fields: [
          required('jobId', 'uuid', 'The export job.'),
          required('event', 'started | failed | completed | completed_with_errors', 'What happened.'),
          optional('failureReason', 'string', 'Why it failed, in words (only for failures).'),
          optional('failureReasonType', 'string', 'Why it failed, as a code such as validation_failure.'),
        ],
        example: { jobId: '00000000-0000-0000-0000-000000000000', event: 'started' },
      },
    },
    {
      id: 'export-items-list',
      method: 'GET',
      path: '/v3/export-items',
      summary: 'Fetch the entries of a job',
      description:
        'The accounting entries of a pending or in-progress job, ready to record in the accounting system: amounts in minor units, accounts, tax, tags, receipts and vendor.',
      scopes: ['export-items:read'],
      params: [
        {
          name: 'job_id',
          in: 'query',
          type: 'uuid',
          description:
            'The export job whose entries you want. Pleo marks it optional; the built-in simulator then lists every entry your token can see.',
        },
      ],
      paged: true,
    },
    {
      id: 'export-job-items-list',
      method: 'GET',
      path: '/v3/export-jobs/{jobId}/items',
      summary: 'Track items of a job',
      description: 'Export progress of each accounting entry in a job (pending, successful, failed, abandoned).',
      scopes: ['export-jobs:read'],
      params: [
        uuidPath('jobId', 'export job'),
        { name: 'status', in: 'query', type: 'enum', enumValues: EXPORT_ITEM_STATUSES, description: 'Only items in this state.' },
      ],
      paged: true,
    },
    {
      id: 'export-job-items-update',
      method: 'PUT',
      path: '/v3/export-jobs/{jobId}/items',
      summary: 'Report exported entries',
      description:
        'Tell Pleo which entries were recorded (with their ID and link in the accounting system) or failed. At most 100 entries per call; nothing is accepted after the job is completed.',
      scopes: ['export-jobs:write'],
      params: [uuidPath('jobId', 'export job')],
      body: {
        description: 'A list of up to 100 entry results.',
        fields: eachItem([
          required('accountingEntryId', 'uuid', 'The entry this result is about.'),
          required('status', 'successful | failed', 'How it went.'),
          optional('exportedAt', 'date-time', 'When it was recorded.'),
          optional('externalId', 'string', 'Its ID in the accounting system.'),
          optional('externalUrl', 'string', 'A link to it in the accounting system.'),
          optional('failureReason', 'string', 'Why it failed.'),
          optional('failureReasonType', 'string', 'Why it failed, as a code.'),
        ]),
        example: [{ accountingEntryId: '00000000-0000-0000-0000-000000000000', status: 'successful', externalId: 'ERP-1' }],
      },
    },
    {
      id: 'export-job-item-by-entry',
      method: 'GET',
      path: '/v3/export-job-items',
      summary: 'Find the job item of an entry',
      description:
        'The export job item of one accounting entry: which job exported it and how that went. Pleo publishes this call but hides it from its reference pages.',
      scopes: ['export-jobs:read'],
      params: [companyQuery(), query('accounting_entry_id', 'uuid', 'The accounting entry.')],
    },
  ]),
  // ---- Tags, tax codes, vendors ----
  ...inTask('bookkeeping', [
    {
      id: 'tag-groups-list',
      method: 'GET',
      path: '/v0/tag-groups',
      summary: 'List tag groups',
      description: 'The tag groups (bookkeeping dimensions such as projects or departments) of a company or organisation.',
      scopes: TAG_GROUPS_READ,
      params: [companyQuery(), query('organization_id', 'uuid', 'All tag groups of this organisation.')],
      // A plain { data: [...] } list, not a cursor page.
    },
    getOne(
      '/v0/tag-groups/{groupId}',
      'tag group',
      TAG_GROUPS_READ,
      'One tag group by ID: its code, name, whether it is archived, and your metadata.',
    ),
    {
      id: 'tag-groups-create',
      method: 'POST',
      path: '/v0/tag-groups',
      summary: 'Create a tag group',
      description:
        'Adds a bookkeeping dimension (for example the projects of your accounting system) to a company. The code must be new in that company.',
      scopes: TAG_GROUPS_WRITE,
      params: [companyQuery()],
      body: {
        description: 'The new tag group.',
        fields: [
          required('code', 'string', 'Its code, unique in the company.'),
          required('name', 'string', 'The name people see.'),
          required('archived', 'boolean', 'True to create it archived.'),
          optional('metadata', 'object', 'Your own data about the group.'),
        ],
        example: { code: 'PROJ2', name: 'Projects', archived: false },
      },
    },
    {
      id: 'tag-group-tags-list',
      method: 'GET',
      path: '/v0/tag-groups/{groupId}/tags',
      summary: 'List the tags of a group',
      description: 'The tags inside one tag group. Up to five tags can be put on one expense.',
      scopes: TAG_GROUPS_READ,
      params: [uuidPath('groupId', 'tag group'), query('include_archived', 'boolean', 'Also return archived tags.')],
      paged: true,
    },
    {
      id: 'tags-search',
      method: 'GET',
      path: '/v0/tags',
      summary: 'Search tags',
      description: 'Find tags of a company by text.',
      scopes: TAG_GROUPS_READ,
      params: [companyQuery(), query('text_search', 'string', 'Text to look for in tag names and codes.')],
      paged: true,
    },
    getOne('/v0/tags/{tagId}', 'tag', TAG_GROUPS_READ, 'One tag by ID: its code, name, group and whether it is archived.'),
    {
      id: 'tag-group-tags-create',
      method: 'POST',
      path: '/v0/tag-groups/{groupId}/tags',
      summary: 'Create a tag in a group',
      description: 'Adds one value (for example one project) to a tag group. The code must be new in that group.',
      scopes: TAG_GROUPS_WRITE,
      params: [uuidPath('groupId', 'tag group')],
      body: {
        description: 'The new tag.',
        fields: [
          required('code', 'string', 'Its code, unique in the group.'),
          optional('name', 'string', 'The name people see.'),
          required('archived', 'boolean', 'True to create it archived.'),
        ],
        example: { code: 'P-100', name: 'Project 100', archived: false },
      },
    },
    {
      id: 'tax-codes-search',
      method: 'POST',
      path: '/v0/tax-codes:search',
      summary: 'List tax codes',
      description:
        'The tax codes of a company with their rate (0.2 means 20 %) and type (inclusive, exclusive or reverse). It is a POST, but it only reads.',
      scopes: ['tax-codes:read'],
      params: [companyQuery()],
      body: {
        description: 'Optional filters; leave the object empty to list every tax code.',
        fields: [
          optional('archived', 'boolean', 'Only archived (true) or only active (false) tax codes.'),
          optional('taxCodeIds', 'uuid[]', 'Only these tax codes.'),
          optional('type', 'inclusive | exclusive | reverse', 'Only tax codes of this type.'),
        ],
        example: {},
      },
      paged: true,
    },
    getOne('/v0/tax-codes/{taxCodeId}', 'tax code', ['tax-codes:read'], 'One tax code by ID, with the accounts it posts to.'),
    {
      id: 'tax-codes-create',
      method: 'POST',
      path: '/v0/tax-codes',
      summary: 'Create a tax code',
      description: 'Adds a tax code from your accounting system to a company, with its rate and type.',
      scopes: ['tax-codes:write'],
      body: {
        description: 'The new tax code.',
        ...TAX_CODE_BODY,
      },
    },
    {
      id: 'tax-codes-update',
      method: 'PUT',
      path: '/v0/tax-codes/{taxCodeId}',
      summary: 'Change a tax code',
      description:
        'Replaces a tax code\u2019s name, rate, type, accounts and archived flag. Send every required member, also the ones that stay the same.',
      scopes: ['tax-codes:write'],
      params: [uuidPath('taxCodeId', 'tax code')],
      body: {
        description: 'The whole tax code as it should be.',
        ...TAX_CODE_BODY,
      },
    },
    {
      id: 'tax-codes-delete',
      method: 'DELETE',
      path: '/v0/tax-codes/{taxCodeId}',
      summary: 'Delete a tax code',
      description: 'Removes a tax code. To keep it on old expenses but hide it from new ones, archive it instead.',
      scopes: ['tax-codes:write'],
      params: [uuidPath('taxCodeId', 'tax code')],
    },
    {
      id: 'vendors-search',
      method: 'POST',
      path: '/v1/vendors:search',
      summary: 'Search vendors',
      description:
        'Find the suppliers (vendors) of a company by name, code, country or state. It is a POST so the filters fit in the body; it only reads.',
      scopes: ['vendors:read'],
      params: [companyQuery(true)],
      body: {
        description: 'Optional filters; leave the object empty to list all vendors.',
        fields: [
          optional('name', 'string', 'Part of the vendor name.'),
          optional('ids', 'uuid[]', 'Pleo\u2019s IDs of the vendors (up to 100).'),
          optional('codes', 'string[]', 'Vendor codes.'),
          optional('externalIds', 'string[]', 'IDs in the accounting system.'),
          optional('countries', 'string[]', 'Country codes such as DK.'),
          optional('states', 'string[]', 'For example DRAFT, ACTIVE or ARCHIVED.'),
          optional('taxRegistrationNumbers', 'string[]', 'VAT or other tax registration numbers.'),
          optional('accountingSystems', 'string[]', 'The accounting systems the vendors are linked to.'),
        ],
        example: {},
      },
      paged: true,
    },
    getOne('/v1/vendors/{id}', 'vendor', ['vendors:read'], 'One vendor by ID: name, default currency, country and registration numbers.'),
    {
      id: 'vendors-create',
      method: 'POST',
      path: '/v1/vendors',
      summary: 'Create a vendor',
      description:
        'Adds a supplier to a company. With an externalId (its ID in your accounting system) it is ACTIVE at once; without one it is a DRAFT still to be created there.',
      scopes: ['vendors:write'],
      body: {
        description: 'The new vendor.',
        fields: [
          required('companyId', 'uuid', 'The company the vendor belongs to.'),
          required('name', 'string', 'Its official name.'),
          required('defaultCurrency', 'string', 'Three-letter currency code such as DKK.'),
          optional('code', 'string', 'Its account code in the accounting system.'),
          optional('externalId', 'string', 'Its ID in the accounting system.'),
          optional('country', 'string', 'Two-letter country code such as DK.'),
          optional('registrationNumber', 'string', 'Company registration number.'),
          optional('taxRegistrationNumber', 'string', 'VAT or other tax number.'),
        ],
        example: { companyId: '00000000-0000-0000-0000-000000000000', name: 'Example Supplies A/S', defaultCurrency: 'DKK' },
      },
    },
  ]),
];

export const IMPORTED_TASK: TaskGroup = {
  id: 'imported',
  title: 'Imported from OpenAPI',
  description: 'Endpoints added from an OpenAPI file you imported.',
};
