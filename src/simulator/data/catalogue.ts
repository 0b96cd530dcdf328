/**
 * Fixed word lists for the dummy data. All names are fictional; companies use the reserved
 * `.example` domain so no generated address can reach a real mailbox.
 */

export const FIRST_NAMES = [
  'Anna',
  'Mads',
  'Sofie',
  'Emil',
  'Freja',
  'Lukas',
  'Ida',
  'Oscar',
  'Clara',
  'William',
  'Astrid',
  'Noah',
  'Ella',
  'Elias',
  'Maja',
  'Hugo',
  'Alma',
  'Viktor',
  'Ebba',
  'Felix',
  'Karin',
  'Johan',
  'Linnea',
  'Anders',
  'Signe',
  'Magnus',
  'Tuva',
  'Nils',
  'Liv',
  'Henrik',
] as const;

export const LAST_NAMES = [
  'Berg',
  'Jensen',
  'Nielsen',
  'Hansen',
  'Lind',
  'Andersson',
  'Johansson',
  'Holm',
  'Dahl',
  'Lund',
  'Sørensen',
  'Eriksson',
  'Larsen',
  'Nyström',
  'Madsen',
  'Karlsson',
  'Poulsen',
  'Strand',
  'Vik',
  'Bech',
] as const;

export const JOB_TITLES = [
  'Account Executive',
  'Marketing Manager',
  'Software Engineer',
  'Controller',
  'Office Manager',
  'Product Designer',
  'Customer Success Lead',
  'Bookkeeper',
  'Data Analyst',
  'Head of Sales',
] as const;

export const TEAMS = [
  { name: 'Sales', code: 'T-SAL' },
  { name: 'Marketing', code: 'T-MKT' },
  { name: 'Engineering', code: 'T-ENG' },
  { name: 'Finance', code: 'T-FIN' },
  { name: 'Operations', code: 'T-OPS' },
] as const;

/** Chart of accounts used on export-item lines; `kind` ties vendors to plausible accounts. */
export const LEDGER_ACCOUNTS = [
  { name: 'Travel', code: '6110', kind: 'travel' },
  { name: 'Meals and Entertainment', code: '6120', kind: 'meals' },
  { name: 'Software subscriptions', code: '6210', kind: 'software' },
  { name: 'Office supplies', code: '6220', kind: 'office' },
  { name: 'Hardware', code: '6230', kind: 'hardware' },
  { name: 'Marketing and advertising', code: '6310', kind: 'marketing' },
  { name: 'Fuel and mileage', code: '6410', kind: 'fuel' },
  { name: 'Training and courses', code: '6510', kind: 'training' },
  { name: 'Bank and card fees', code: '7210', kind: 'fees' },
  { name: 'Other expenses', code: '6990', kind: 'other' },
] as const;

export type AccountKind = (typeof LEDGER_ACCOUNTS)[number]['kind'];

export interface VendorSeed {
  name: string;
  country: string;
  currency: string;
  /** Merchant category code shown as `supplier.categoryCode`. */
  mcc: string;
  kind: AccountKind;
}

export const VENDORS: readonly VendorSeed[] = [
  { name: 'Nordic Rail A/S', country: 'DK', currency: 'DKK', mcc: '4111', kind: 'travel' },
  { name: 'Skyline Airways', country: 'SE', currency: 'SEK', mcc: '4511', kind: 'travel' },
  { name: 'CloudHost EMEA Ltd', country: 'IE', currency: 'EUR', mcc: '5734', kind: 'software' },
  { name: 'Kontorland ApS', country: 'DK', currency: 'DKK', mcc: '5943', kind: 'office' },
  { name: 'Byte Tools Inc.', country: 'US', currency: 'USD', mcc: '5734', kind: 'software' },
  { name: 'Café Kaffebønne', country: 'DK', currency: 'DKK', mcc: '5814', kind: 'meals' },
  { name: 'Hotel Havnekanten', country: 'DK', currency: 'DKK', mcc: '7011', kind: 'travel' },
  { name: 'Taxa Centrum', country: 'DK', currency: 'DKK', mcc: '4121', kind: 'travel' },
  { name: 'Designhub GmbH', country: 'DE', currency: 'EUR', mcc: '7333', kind: 'marketing' },
  { name: 'Printshop Øst', country: 'DK', currency: 'DKK', mcc: '7338', kind: 'office' },
  { name: 'Stockholm Lunchbar AB', country: 'SE', currency: 'SEK', mcc: '5812', kind: 'meals' },
  { name: 'Fjord Fuel AS', country: 'NO', currency: 'NOK', mcc: '5541', kind: 'fuel' },
  { name: 'Learnly Academy Ltd', country: 'GB', currency: 'GBP', mcc: '8299', kind: 'training' },
  { name: 'Meetly Software BV', country: 'NL', currency: 'EUR', mcc: '5734', kind: 'software' },
  { name: 'Papirgården ApS', country: 'DK', currency: 'DKK', mcc: '5111', kind: 'office' },
  { name: 'Mobil Nord AB', country: 'SE', currency: 'SEK', mcc: '4814', kind: 'other' },
  { name: 'Adwave Media Ltd', country: 'GB', currency: 'GBP', mcc: '7311', kind: 'marketing' },
  { name: 'Gadgetgården A/S', country: 'DK', currency: 'DKK', mcc: '5732', kind: 'hardware' },
];

export const PROJECTS = ['Aurora', 'Borealis', 'Cirrus', 'Delta', 'Ember', 'Fjord', 'Glacier', 'Harbour', 'Isle', 'Juniper'] as const;

/** Fixed conversion rates into each wallet currency, per unit of the supplier currency. */
export const FX_TO: Record<string, Record<string, number>> = {
  DKK: { DKK: 1, SEK: 0.65, EUR: 7.46, USD: 6.9, GBP: 8.7, NOK: 0.64 },
  SEK: { SEK: 1, DKK: 1.54, EUR: 11.5, USD: 10.6, GBP: 13.4, NOK: 0.98 },
};

export const NOTES = [
  'Client lunch',
  'Team offsite',
  'Conference travel',
  'Monthly subscription',
  'Replacement cable',
  'Customer visit',
  'Workshop materials',
  'Printer paper',
  'Train to Aarhus',
  'Hotel for sales kick-off',
] as const;
