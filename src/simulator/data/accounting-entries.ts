import { FX_TO, NOTES } from './catalogue.js';
import type { CompanyProfile, Employee, Tag, TagGroup, TaxCode, Team, Vendor } from './model.js';
import { hash32, hashString, hex, intBetween, pickFrom, unitFloat, uuidFor } from './rng.js';
import { DATA_EPOCH_MS, isoSeconds, type Dataset } from './seed.js';

/**
 * Accounting entries (the rows behind Export API v3 export items), generated on demand.
 *
 * Entry i is a pure function of (seed, i): nothing is stored per entry, so a million-entry
 * simulator costs the same memory as a ten-entry one. Entries are split into one contiguous
 * index range per company, and dates grow with the index inside a range, which makes "sort by
 * date" the same as "sort by index" and lets pagination jump straight to any offset.
 */

export const DEFAULT_ENTRIES = 10_000;
export const MAX_ENTRIES = 1_000_000;

const YEAR_MS = 365 * 86_400_000;

export interface CompanyRange {
  companyId: string;
  from: number;
  count: number;
}

interface Money {
  currency: string;
  value: number;
}

interface TwoCurrencies {
  inSupplierCurrency: Money;
  inWalletCurrency: Money;
}

/** The Export API v3 `ExportItemV3` shape (fields Pleo's spec marks as required are always set). */
export interface ExportItemV3 {
  _links: { web: Record<string, string>; mobile: Record<string, string>; api: Record<string, string> };
  accountingEntryId: string;
  companyId: string;
  date: string;
  type: string;
  subType: string | null;
  amount: TwoCurrencies;
  accountingEntryLines: Array<{
    accountingEntryLineId: string;
    lineAmount: TwoCurrencies;
    netAmount: TwoCurrencies;
    account: { id: string; name: string; code: string | null; identifier: string | null } | null;
    tags: Array<{ id: string; code: string; groupCode: string }>;
    tax: {
      id: string;
      code: string | null;
      rate: number;
      type: string;
      amount: TwoCurrencies;
      ingoingTaxAccount: string | null;
      outgoingTaxAccount: string | null;
    } | null;
  }>;
  additionalInformation: {
    reconciliationId: string;
    attendees: string[];
    invoiceInformation: null | {
      invoiceNumber: string;
      invoiceDate: string;
      dueDate: string | null;
      paymentDate: string | null;
      status: string;
      supplierBankAccount: null;
    };
    reconciledEntries: string[];
  };
  bookkeeping: { method: string } | null;
  contraAccount: CompanyProfile['contraAccount'] | null;
  files: Array<{ url: string; type: string; size: number }>;
  note: string | null;
  servicePeriod: { from: string; to: string } | null;
  supplier: {
    name: string | null;
    code: string | null;
    account: string | null;
    categoryCode: string | null;
    country: string | null;
    taxIdentifier: string | null;
  } | null;
  team: { id: string; name: string; code: string | null } | null;
  user: { id: string; name: string; code: string | null } | null;
  /** The vendor record without its state, accounting system and timestamps. */
  vendor: Pick<
    Vendor,
    'id' | 'name' | 'code' | 'externalId' | 'defaultCurrency' | 'country' | 'registrationNumber' | 'taxRegistrationNumber'
  > | null;
}

/** Weighted entry types (Export API v1 enum); card purchases dominate, as in real companies. */
const ENTRY_TYPES: Array<[string, number]> = [
  ['card_purchase', 0.65],
  ['out_of_pocket', 0.1],
  ['invoice', 0.1],
  ['mileage', 0.04],
  ['per_diem', 0.03],
  ['refund', 0.03],
  ['fee', 0.03],
  ['atm_withdrawal', 0.02],
];

interface CompanyLookup {
  profile: CompanyProfile;
  employees: Employee[];
  teams: Team[];
  vendors: Dataset['vendors'];
  accounts: Dataset['accounts'];
  taxCodes: TaxCode[];
  tagGroups: Array<{ group: TagGroup; tags: Tag[] }>;
}

/**
 * Invoice dates are calendar days, but Export API v3 declares them `format: date-time` (with a
 * `YYYY-MM-DD` hint in `pattern`); the format wins, so a day is sent as midnight UTC.
 */
function isoDate(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 10)}T00:00:00Z`;
}

export class EntryUniverse {
  readonly total: number;
  readonly ranges: CompanyRange[];
  private readonly seed: number;
  private readonly idMask: number;
  /** Per-company snapshots taken at start, so API writes never change generated entries. */
  private readonly lookups = new Map<string, CompanyLookup>();

  constructor(data: Dataset, total: number) {
    if (!Number.isInteger(total) || total < 0 || total > MAX_ENTRIES) {
      throw new RangeError(`entries must be an integer between 0 and ${MAX_ENTRIES}`);
    }
    this.total = total;
    this.seed = data.seed;
    this.idMask = hash32(this.seed, hashString('entry-id-mask'));
    const [first, second] = data.companies;
    if (!first || !second) throw new Error('the data set needs two companies');
    const firstCount = Math.ceil(total / 2);
    this.ranges = [
      { companyId: first.company.id, from: 0, count: firstCount },
      { companyId: second.company.id, from: firstCount, count: total - firstCount },
    ];
    for (const profile of data.companies) {
      const companyId = profile.company.id;
      const tagGroups = data.tagGroups.filter((g) => g.companyId === companyId && !g.archived);
      this.lookups.set(companyId, {
        profile,
        employees: data.employees.filter((e) => e.companyId === companyId),
        teams: data.teams.filter((t) => t.companyId === companyId),
        vendors: data.vendors.filter((v) => v.companyId === companyId && v.state !== 'ARCHIVED'),
        accounts: data.accounts.filter((a) => a.companyId === companyId),
        taxCodes: data.taxCodes.filter((t) => t.companyId === companyId && !t.archived),
        tagGroups: tagGroups.map((group) => ({
          group,
          tags: data.tags.filter((t) => t.groupId === group.id && !t.archived),
        })),
      });
    }
  }

  rangeOf(companyId: string): CompanyRange | undefined {
    return this.ranges.find((range) => range.companyId === companyId);
  }

  companyIdOf(index: number): string {
    const range = this.ranges.find((r) => index >= r.from && index < r.from + r.count);
    if (!range) throw new RangeError(`entry index ${index} is out of range`);
    return range.companyId;
  }

  /**
   * The entry's UUID. Its last eight hex digits are the index XOR a seed-derived mask, so the
   * id can be turned back into an index without a lookup table (see indexOf).
   */
  idOf(index: number): string {
    const w0 = hash32(this.seed, 0xe1, index, 1);
    const w1 = hash32(this.seed, 0xe1, index, 2);
    const w2 = hash32(this.seed, 0xe1, index, 3);
    const variant = (8 | (w2 & 3)).toString(16);
    return `${hex(w0, 8)}-${hex(w1 >>> 16, 4)}-4${hex(w1, 3)}-${variant}${hex(w2 >>> 4, 3)}-${hex(w2 >>> 16, 4)}${hex(index ^ this.idMask, 8)}`;
  }

  /** The index of an entry id, or undefined if the id was not issued by this universe. */
  indexOf(id: string): number | undefined {
    const normalised = id.toLowerCase();
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(normalised)) return undefined;
    const index = (Number.parseInt(normalised.slice(-8), 16) ^ this.idMask) >>> 0;
    if (index >= this.total) return undefined;
    return this.idOf(index) === normalised ? index : undefined;
  }

  /** Entry dates rise with the index inside each company's range and span one year. */
  dateMsOf(index: number): number {
    const companyId = this.companyIdOf(index);
    const range = this.rangeOf(companyId) as CompanyRange;
    const step = YEAR_MS / Math.max(range.count, 1);
    const k = index - range.from;
    return Math.floor(DATA_EPOCH_MS + k * step + unitFloat(this.seed, 'entry-date', index) * step * 0.999);
  }

  /** Builds export item i. `vendorBasedBookkeeping` mirrors the job option of that name. */
  exportItem(index: number, options: { vendorBasedBookkeeping: boolean }): ExportItemV3 {
    const { seed } = this;
    const companyId = this.companyIdOf(index);
    const lookup = this.lookups.get(companyId) as CompanyLookup;
    const { profile } = lookup;
    const wallet = profile.currency;
    const id = this.idOf(index);
    const dateMs = this.dateMsOf(index);

    const type = this.typeOf(index);
    const employee = pickFrom(lookup.employees, seed, 'entry-employee', index);
    const team = pickFrom(lookup.teams, seed, 'entry-team', index);
    const hasVendor = type !== 'mileage' && type !== 'per_diem' && type !== 'atm_withdrawal' && type !== 'fee';
    const vendor = hasVendor ? pickFrom(lookup.vendors, seed, 'entry-vendor', index) : undefined;
    const supplierCurrency = vendor && unitFloat(seed, 'entry-foreign', index) < 0.3 ? vendor.defaultCurrency : wallet;
    const rate = FX_TO[wallet]?.[supplierCurrency] ?? 1;

    const kind = vendor?.kind ?? (type === 'mileage' ? 'fuel' : type === 'fee' ? 'fees' : 'travel');
    const account = lookup.accounts.find((a) => a.kind === kind) ?? lookup.accounts[0];

    // Amounts are integers in minor units (Export API v3): 896.96 SEK is 89696.
    const baseMinor = intBetween(seed, 'entry-amount', index, 1_500, kind === 'hardware' || kind === 'travel' ? 900_000 : 250_000);
    const supplierTotal = type === 'fee' ? intBetween(seed, 'entry-fee', index, 500, 5_000) : baseMinor;
    const walletTotal = Math.round(supplierTotal * rate);

    const { taxCodes } = lookup;
    const foreignEu = vendor !== undefined && ['DE', 'IE', 'NL'].includes(vendor.country ?? '');
    const untaxed = type === 'fee' || type === 'atm_withdrawal' || type === 'mileage' || type === 'per_diem';
    const tax: TaxCode | undefined = untaxed ? undefined : foreignEu ? taxCodes.find((t) => t.type === 'reverse') : taxCodes[0];

    const lineCount = unitFloat(seed, 'entry-split', index) < 0.2 ? 2 : 1;
    const firstShare = lineCount === 2 ? 0.3 + unitFloat(seed, 'entry-share', index) * 0.4 : 1;
    const lines = Array.from({ length: lineCount }, (_, lineIndex) => {
      const supplierLine =
        lineIndex === 0 ? Math.round(supplierTotal * firstShare) : supplierTotal - Math.round(supplierTotal * firstShare);
      const walletLine = lineIndex === 0 ? Math.round(walletTotal * firstShare) : walletTotal - Math.round(walletTotal * firstShare);
      const taxOf = (amount: number): number => {
        if (!tax) return 0;
        return tax.type === 'inclusive' ? Math.round((amount * tax.rate) / (1 + tax.rate)) : Math.round(amount * tax.rate);
      };
      const netOf = (amount: number): number => (tax?.type === 'inclusive' ? amount - taxOf(amount) : amount);
      const lineTags = lookup.tagGroups
        .filter(({ tags }, g) => tags.length > 0 && unitFloat(seed, 'entry-tag-use', index, g * 10 + lineIndex) < 0.6)
        .map(({ group, tags }, g) => {
          const tag = pickFrom(tags, seed, 'entry-tag', index, g * 10 + lineIndex);
          return { id: tag.id, code: tag.code, groupCode: group.code };
        });
      return {
        accountingEntryLineId: uuidFor(seed, 'entry-line', index * 2 + lineIndex),
        lineAmount: money(supplierCurrency, supplierLine, wallet, walletLine),
        netAmount: money(supplierCurrency, netOf(supplierLine), wallet, netOf(walletLine)),
        account: account ? { id: account.id, name: account.name, code: account.code, identifier: account.identifier } : null,
        tags: lineTags,
        tax: tax
          ? {
              id: tax.id,
              code: tax.code,
              rate: tax.rate,
              type: tax.type,
              amount: money(supplierCurrency, taxOf(supplierLine), wallet, taxOf(walletLine)),
              ingoingTaxAccount: tax.ingoingTaxAccount,
              outgoingTaxAccount: tax.outgoingTaxAccount,
            }
          : null,
      };
    });

    const invoice =
      type === 'invoice'
        ? {
            invoiceNumber: `INV-${2025}-${String(index + 1).padStart(7, '0')}`,
            invoiceDate: isoDate(dateMs - 5 * 86_400_000),
            dueDate: isoDate(dateMs + 25 * 86_400_000),
            paymentDate: unitFloat(seed, 'entry-paid', index) < 0.7 ? isoDate(dateMs + 20 * 86_400_000) : null,
            status: unitFloat(seed, 'entry-paid', index) < 0.7 ? 'paid' : 'scheduled',
            supplierBankAccount: null,
          }
        : null;

    const balanceAffecting = type === 'card_purchase' || type === 'atm_withdrawal' || type === 'fee' || type === 'refund';
    return {
      _links: { web: {}, mobile: {}, api: {} },
      accountingEntryId: id,
      companyId,
      date: isoSeconds(dateMs),
      type,
      subType: type === 'refund' ? 'card_refund' : null,
      amount: money(supplierCurrency, supplierTotal, wallet, walletTotal),
      accountingEntryLines: lines,
      additionalInformation: {
        reconciliationId: uuidFor(seed, 'entry-reconciliation', index),
        attendees: [],
        invoiceInformation: invoice,
        reconciledEntries: [],
      },
      bookkeeping: { method: options.vendorBasedBookkeeping ? 'vendor_based' : 'none' },
      // Pleo returns a contra account for balance-affecting types only.
      contraAccount: balanceAffecting ? profile.contraAccount : null,
      files: [],
      note: unitFloat(seed, 'entry-note', index) < 0.5 ? pickFrom(NOTES, seed, 'entry-note-text', index) : null,
      servicePeriod: null,
      supplier: vendor
        ? {
            // Card statements show a shouted, ASCII-only merchant name.
            name: vendor.name
              .replace(/ø/gi, 'o')
              .replace(/æ/gi, 'ae')
              .normalize('NFKD')
              .toUpperCase()
              .replace(/[^A-Z0-9 ]/g, '')
              .slice(0, 22),
            code: null,
            account: null,
            categoryCode: vendor.mcc,
            country: vendor.country,
            taxIdentifier: null,
          }
        : null,
      team: { id: team.id, name: team.name, code: team.code },
      user: { id: employee.id, name: `${employee.firstName} ${employee.lastName}`, code: employee.code },
      vendor:
        options.vendorBasedBookkeeping && vendor
          ? {
              id: vendor.id,
              name: vendor.name,
              code: vendor.code,
              externalId: vendor.externalId,
              defaultCurrency: vendor.defaultCurrency,
              country: vendor.country,
              registrationNumber: vendor.registrationNumber,
              taxRegistrationNumber: vendor.taxRegistrationNumber,
            }
          : null,
    };
  }

  private typeOf(index: number): string {
    const roll = unitFloat(this.seed, 'entry-type', index);
    let acc = 0;
    for (const [type, weight] of ENTRY_TYPES) {
      acc += weight;
      if (roll < acc) return type;
    }
    return 'card_purchase';
  }
}

function money(supplierCurrency: string, supplierValue: number, walletCurrency: string, walletValue: number): TwoCurrencies {
  return {
    inSupplierCurrency: { currency: supplierCurrency, value: supplierValue },
    inWalletCurrency: { currency: walletCurrency, value: walletValue },
  };
}
