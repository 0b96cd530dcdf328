import { FIRST_NAMES, JOB_TITLES, LAST_NAMES, LEDGER_ACCOUNTS, PROJECTS, TEAMS, VENDORS, type AccountKind } from './catalogue.js';
import type { CompanyProfile, Employee, LedgerAccount, Organization, StagingUser, Tag, TagGroup, TaxCode, Team, Vendor } from './model.js';
import { normaliseSeed, sequence, uuidFor } from './rng.js';

/**
 * The small, fully materialised part of the dummy data: one organisation, two companies and
 * everything that hangs off them. Accounting entries are NOT here; they are generated on demand
 * from (seed, index) by accounting-entries.ts so that a million of them cost no memory.
 */
export interface Dataset {
  seed: number;
  organization: Organization;
  companies: CompanyProfile[];
  employees: Employee[];
  teams: Team[];
  accounts: Array<LedgerAccount & { kind: AccountKind }>;
  tagGroups: TagGroup[];
  tags: Tag[];
  taxCodes: TaxCode[];
  vendors: Array<Vendor & { mcc: string; kind: AccountKind }>;
  users: StagingUser[];
}

/** Timestamps of seeded records are fixed so the same seed always yields the same JSON. */
export const DATA_EPOCH_MS = Date.UTC(2025, 0, 1);
const DAY_MS = 86_400_000;

export const DEFAULT_SEED = 20_260_101;

/** Email-safe ASCII version of a Nordic name (ø and æ do not decompose under NFKD). */
function asciiLocalPart(name: string): string {
  return name
    .toLowerCase()
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'ae')
    .normalize('NFKD')
    .replace(/[^a-z.]/g, '');
}

/** ISO 8601 in whole seconds (`2025-01-01T00:00:00Z`), the timestamp form the API serves. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function isoDaysBeforeEpoch(days: number): string {
  return isoSeconds(DATA_EPOCH_MS - days * DAY_MS);
}

interface CompanySpec {
  key: string;
  name: string;
  countryCode: string;
  currency: string;
  emailDomain: string;
  phonePrefix: string;
  registrationNumber: string;
  address: CompanyProfile['company']['address'];
  employeeCount: number;
}

const COMPANY_SPECS: CompanySpec[] = [
  {
    key: 'dk',
    name: 'Nordlys Danmark ApS',
    countryCode: 'DK',
    currency: 'DKK',
    emailDomain: 'nordlys-dk.example',
    phonePrefix: '+45',
    registrationNumber: 'DK38201745',
    address: {
      addressLine1: 'Vesterbrogade 12',
      addressLine2: '3. sal',
      country: 'DK',
      locality: 'København V',
      postalCode: '1620',
      region: 'Hovedstaden',
    },
    employeeCount: 34,
  },
  {
    key: 'se',
    name: 'Nordlys Sverige AB',
    countryCode: 'SE',
    currency: 'SEK',
    emailDomain: 'nordlys-se.example',
    phonePrefix: '+46',
    registrationNumber: 'SE556123456701',
    address: {
      addressLine1: 'Sveavägen 44',
      addressLine2: null,
      country: 'SE',
      locality: 'Stockholm',
      postalCode: '111 34',
      region: 'Stockholms län',
    },
    employeeCount: 26,
  },
];

/** The three seeded staging users; their passwords are shown on the simulator's login page. */
const USER_SPECS = [
  { first: 'Anna', last: 'Berg', company: 0, password: 'simulator-anna', subject: 'company' as const },
  { first: 'Sven', last: 'Lind', company: 1, password: 'simulator-sven', subject: 'company' as const },
  { first: 'Olivia', last: 'Holm', company: 0, password: 'simulator-olivia', subject: 'organization' as const },
];

export function buildDataset(rawSeed: number = DEFAULT_SEED): Dataset {
  const seed = normaliseSeed(rawSeed);
  const organization: Organization = { id: uuidFor(seed, 'organization', 0), name: 'Nordlys Group' };

  const companies = COMPANY_SPECS.map((spec, index): CompanyProfile => ({
    company: {
      id: uuidFor(seed, 'company', index),
      name: spec.name,
      address: spec.address,
      organizationId: organization.id,
      registrationNumber: spec.registrationNumber,
    },
    currency: spec.currency,
    countryCode: spec.countryCode,
    emailDomain: spec.emailDomain,
    contraAccount: {
      id: uuidFor(seed, 'contra-account', index),
      name: `Pleo ${spec.currency} Account`,
      code: '5820',
      identifier: null,
    },
  }));

  const employees: Employee[] = [];
  const users: StagingUser[] = [];
  const usedEmails = new Set<string>();
  const next = sequence(seed, 'employees');
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;

  COMPANY_SPECS.forEach((spec, companyIndex) => {
    const profile = companies[companyIndex] as CompanyProfile;
    for (let i = 0; i < spec.employeeCount; i += 1) {
      // The staging users are the first employees of their company so their names are stable.
      const userSpecs = USER_SPECS.filter((u) => u.company === companyIndex);
      const fixed = userSpecs[i];
      const firstName = fixed ? fixed.first : pick(FIRST_NAMES);
      const lastName = fixed ? fixed.last : pick(LAST_NAMES);
      const local = asciiLocalPart(`${firstName}.${lastName}`);
      let email = `${local}@${spec.emailDomain}`;
      for (let n = 2; usedEmails.has(email); n += 1) email = `${local}${n}@${spec.emailDomain}`;
      usedEmails.add(email);
      const index = employees.length;
      const employee: Employee = {
        id: uuidFor(seed, 'employee', index),
        companyId: profile.company.id,
        email,
        firstName,
        lastName,
        // A few employees have no code, as in real companies that never set one.
        code: next() < 0.85 ? `E${1001 + index}` : null,
        jobTitle: fixed && fixed.subject === 'organization' ? 'Group CFO' : pick(JOB_TITLES),
        phone:
          next() < 0.9
            ? `${spec.phonePrefix} ${String(20_000_000 + Math.floor(next() * 79_999_999)).replace(/(\d{2})(?=\d)/g, '$1 ')}`
            : null,
      };
      employees.push(employee);
      if (fixed) {
        const userIndex = USER_SPECS.indexOf(fixed);
        users[userIndex] = {
          id: uuidFor(seed, 'user', userIndex),
          email,
          password: fixed.password,
          name: `${firstName} ${lastName}`,
          employeeId: employee.id,
          subject:
            fixed.subject === 'organization' ? { kind: 'organization', id: organization.id } : { kind: 'company', id: profile.company.id },
          subjectLabel: fixed.subject === 'organization' ? `${organization.name} (organisation: all companies)` : profile.company.name,
        };
      }
    }
  });

  const teams: Team[] = [];
  const accounts: Dataset['accounts'] = [];
  const tagGroups: TagGroup[] = [];
  const tags: Tag[] = [];
  const taxCodes: TaxCode[] = [];
  const vendors: Dataset['vendors'] = [];

  companies.forEach((profile, companyIndex) => {
    const companyId = profile.company.id;
    for (const team of TEAMS) {
      teams.push({ id: uuidFor(seed, 'team', teams.length), companyId, name: team.name, code: team.code });
    }
    for (const account of LEDGER_ACCOUNTS) {
      accounts.push({
        id: uuidFor(seed, 'account', accounts.length),
        companyId,
        name: account.name,
        code: account.code,
        identifier: null,
        kind: account.kind,
      });
    }

    const groupSpecs: Array<{ code: string; name: string; archived: boolean; tags: Array<[string, string]> }> = [
      { code: 'DEPT', name: 'Department', archived: false, tags: TEAMS.map((t) => [t.code.slice(2), t.name]) },
      { code: 'PROJ', name: 'Project', archived: false, tags: PROJECTS.map((p, i) => [`P-${1001 + i}`, `Project ${p}`]) },
      { code: 'CC', name: 'Cost centre', archived: false, tags: [0, 1, 2, 3, 4].map((i) => [`CC-${100 + i}`, `Cost centre ${100 + i}`]) },
      {
        code: 'REG',
        name: 'Legacy region',
        archived: true,
        tags: [
          ['NORTH', 'North'],
          ['SOUTH', 'South'],
        ],
      },
    ];
    for (const spec of groupSpecs) {
      const groupIndex = tagGroups.length;
      const createdAt = isoDaysBeforeEpoch(400 - groupIndex * 7);
      const group: TagGroup = {
        id: uuidFor(seed, 'tag-group', groupIndex),
        companyId,
        code: spec.code,
        name: spec.name,
        archived: spec.archived,
        metadata: {},
        createdAt,
        updatedAt: createdAt,
      };
      tagGroups.push(group);
      spec.tags.forEach(([code, name], i) => {
        tags.push({
          id: uuidFor(seed, 'tag', tags.length),
          groupId: group.id,
          code,
          name,
          // One archived tag per live group shows clients how archived tags look.
          archived: spec.archived || (i === spec.tags.length - 1 && spec.code === 'PROJ'),
          createdAt,
          updatedAt: createdAt,
        });
      });
    }

    const taxSpecs: Array<Omit<TaxCode, 'id' | 'companyId' | 'createdAt' | 'updatedAt' | 'accountingIntegrationSystem'>> =
      profile.countryCode === 'DK'
        ? [
            {
              name: 'Standardmoms (25 %)',
              code: 'I25',
              rate: 0.25,
              type: 'inclusive',
              archived: false,
              ingoingTaxAccount: null,
              outgoingTaxAccount: null,
            },
            {
              name: 'Momsfri (0 %)',
              code: 'I0',
              rate: 0,
              type: 'inclusive',
              archived: false,
              ingoingTaxAccount: null,
              outgoingTaxAccount: null,
            },
            {
              name: 'EU-køb, omvendt betalingspligt (25 %)',
              code: 'REU',
              rate: 0.25,
              type: 'reverse',
              archived: false,
              ingoingTaxAccount: '6901',
              outgoingTaxAccount: '6902',
            },
            {
              name: 'Udenlandsk moms (ikke fradrag)',
              code: 'U0',
              rate: 0,
              type: 'exclusive',
              archived: false,
              ingoingTaxAccount: null,
              outgoingTaxAccount: null,
            },
            {
              name: 'Gammel momskode',
              code: 'OLD',
              rate: 0.22,
              type: 'inclusive',
              archived: true,
              ingoingTaxAccount: null,
              outgoingTaxAccount: null,
            },
          ]
        : [
            {
              name: 'Ingående moms 25 %',
              code: 'IM25',
              rate: 0.25,
              type: 'inclusive',
              archived: false,
              ingoingTaxAccount: null,
              outgoingTaxAccount: null,
            },
            {
              name: 'Ingående moms 12 %',
              code: 'IM12',
              rate: 0.12,
              type: 'inclusive',
              archived: false,
              ingoingTaxAccount: null,
              outgoingTaxAccount: null,
            },
            {
              name: 'Ingående moms 6 %',
              code: 'IM6',
              rate: 0.06,
              type: 'inclusive',
              archived: false,
              ingoingTaxAccount: null,
              outgoingTaxAccount: null,
            },
            {
              name: 'Omvänd skattskyldighet EU (25 %)',
              code: 'OEU',
              rate: 0.25,
              type: 'reverse',
              archived: false,
              ingoingTaxAccount: '2645',
              outgoingTaxAccount: '2614',
            },
          ];
    for (const spec of taxSpecs) {
      const createdAt = isoDaysBeforeEpoch(380 - taxCodes.length * 3);
      taxCodes.push({
        ...spec,
        id: uuidFor(seed, 'tax-code', taxCodes.length),
        companyId,
        accountingIntegrationSystem: 'simulated-erp',
        createdAt,
        updatedAt: createdAt,
      });
    }

    VENDORS.forEach((spec, i) => {
      const vendorIndex = vendors.length;
      const createdAt = isoDaysBeforeEpoch(360 - vendorIndex * 5);
      // Most vendors are in sync with the ERP; a couple are drafts and one is archived, so
      // vendor searches by state return something for every state.
      const state = i % 9 === 4 ? 'DRAFT' : i === VENDORS.length - 1 ? 'ARCHIVED' : 'ACTIVE';
      vendors.push({
        id: uuidFor(seed, 'vendor', vendorIndex),
        companyId,
        name: spec.name,
        code: state === 'DRAFT' ? null : `V${companyIndex + 1}${String(i + 1).padStart(3, '0')}`,
        externalId: state === 'DRAFT' ? null : `ERP-V-${companyIndex + 1}${String(i + 1).padStart(3, '0')}`,
        defaultCurrency: spec.currency,
        country: spec.country,
        registrationNumber: null,
        taxRegistrationNumber: spec.country === 'US' ? null : `${spec.country}${String(10_000_000 + vendorIndex * 7_919).slice(0, 8)}`,
        state,
        accountingSystem: state === 'DRAFT' ? null : 'simulated-erp',
        createdAt,
        updatedAt: createdAt,
        mcc: spec.mcc,
        kind: spec.kind,
      });
    });
  });

  return { seed, organization, companies, employees, teams, accounts, tagGroups, tags, taxCodes, vendors, users };
}
