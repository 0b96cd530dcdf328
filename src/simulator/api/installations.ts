import { hashString, uuidFor } from '../data/rng.js';
import { isoSeconds } from '../data/seed.js';

/**
 * App Marketplace installations (`/v1/installations/me`). Pleo creates an installation after a
 * successful OAuth flow; here that happens when the user clicks Allow. One installation exists
 * per (client, subject).
 */

export type InstallationStatus = 'ACTIVATED' | 'INACTIVE' | 'AUTHORIZED' | 'PENDING_INTEGRATION';

export interface Installation {
  id: string;
  applicationId: string;
  resource: string;
  status: InstallationStatus;
  errorCode?: string;
  metadata: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export class InstallationStore {
  private readonly byKey = new Map<string, Installation>();
  private counter = 0;

  constructor(
    private readonly seed: number,
    private readonly now: () => number,
  ) {}

  private key(clientId: string, resource: string): string {
    return `${clientId} ${resource}`;
  }

  private timestamp(): string {
    return isoSeconds(this.now());
  }

  get(clientId: string, resource: string): Installation | undefined {
    return this.byKey.get(this.key(clientId, resource));
  }

  /** Creates (or re-authorises) the installation after consent. */
  authorize(clientId: string, resource: string): Installation {
    const existing = this.get(clientId, resource);
    if (existing) return existing;
    return this.create(clientId, resource, { status: 'AUTHORIZED', metadata: {} });
  }

  create(
    clientId: string,
    resource: string,
    input: { status: InstallationStatus; errorCode?: string; metadata: Record<string, unknown> },
  ): Installation {
    this.counter += 1;
    const now = this.timestamp();
    const installation: Installation = {
      id: uuidFor(this.seed, 'installation', this.counter),
      applicationId: uuidFor(this.seed, 'application', hashString(clientId)),
      resource,
      status: input.status,
      metadata: input.metadata,
      createdAt: now,
      updatedAt: now,
    };
    if (input.errorCode) installation.errorCode = input.errorCode;
    this.byKey.set(this.key(clientId, resource), installation);
    return installation;
  }

  update(
    installation: Installation,
    changes: { status?: InstallationStatus; errorCode?: string | null; metadata?: Record<string, unknown> },
  ): Installation {
    if (changes.status) installation.status = changes.status;
    if (changes.metadata) installation.metadata = changes.metadata;
    if (changes.errorCode === null || installation.status !== 'INACTIVE') delete installation.errorCode;
    else if (changes.errorCode) installation.errorCode = changes.errorCode;
    installation.updatedAt = this.timestamp();
    return installation;
  }

  remove(clientId: string, resource: string): boolean {
    return this.byKey.delete(this.key(clientId, resource));
  }
}
