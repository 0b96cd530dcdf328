/**
 * Record shapes the simulator serves. Field names follow Pleo's OpenAPI definitions
 * (Oberon v50.7.0, Tags v31.38.0, Tax Code v42.14.0, External Vendors v34.17.0, App Marketplace
 * v29.4.0) so that a client written against Pleo's documents reads them unchanged.
 */

export interface Address {
  addressLine1: string;
  addressLine2: string | null;
  country: string;
  locality: string;
  postalCode: string;
  region: string | null;
}

export interface Company {
  id: string;
  name: string;
  address: Address;
  organizationId: string;
  registrationNumber: string;
}

/** Internal facts about a company that the Companies API does not expose. */
export interface CompanyProfile {
  company: Company;
  currency: string;
  countryCode: string;
  emailDomain: string;
  /** Contra account used in export items (the company's Pleo wallet). */
  contraAccount: { id: string; name: string; code: string; identifier: string | null };
}

export interface Organization {
  id: string;
  name: string;
}

export interface Employee {
  id: string;
  companyId: string;
  email: string;
  firstName: string;
  lastName: string;
  code: string | null;
  jobTitle: string | null;
  phone: string | null;
}

export interface Team {
  id: string;
  companyId: string;
  name: string;
  code: string;
}

export interface LedgerAccount {
  id: string;
  companyId: string;
  name: string;
  code: string;
  identifier: string | null;
}

export interface TagGroup {
  id: string;
  companyId: string;
  code: string;
  name: string;
  archived: boolean;
  metadata: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export interface Tag {
  id: string;
  groupId: string;
  code: string;
  name: string | null;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}

export type TaxType = 'inclusive' | 'exclusive' | 'reverse';

export interface TaxCode {
  id: string;
  companyId: string;
  name: string;
  code: string | null;
  rate: number;
  type: TaxType;
  archived: boolean;
  ingoingTaxAccount: string | null;
  outgoingTaxAccount: string | null;
  accountingIntegrationSystem: string | null;
  createdAt: string;
  updatedAt: string;
}

export type VendorState = 'DRAFT' | 'ACTIVE' | 'ARCHIVED';

export interface Vendor {
  id: string;
  companyId: string;
  name: string;
  code: string | null;
  externalId: string | null;
  defaultCurrency: string;
  country: string | null;
  registrationNumber: string | null;
  taxRegistrationNumber: string | null;
  state: VendorState;
  accountingSystem: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A simulator login. The subject decides what the tokens issued to this user can reach. */
export interface StagingUser {
  /** Also the oidc-provider account id (the token's internal `sub`). */
  id: string;
  email: string;
  password: string;
  name: string;
  employeeId: string;
  subject: { kind: 'company'; id: string } | { kind: 'organization'; id: string };
  /** Human label for the login and consent pages. */
  subjectLabel: string;
}
