/**
 * The slice of oidc-provider 9.x the simulator uses. The package ships no type declarations;
 * this file types only what src/simulator calls, so a wrong call still fails type checking.
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export type AdapterPayload = Record<string, unknown> & {
    grantId?: string;
    clientId?: string;
    accountId?: string;
    uid?: string;
    userCode?: string;
    consumed?: number;
    jti?: string;
    kind?: string;
    exp?: number;
  };

  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export interface ProviderContext {
    req: IncomingMessage;
    res: ServerResponse;
    path: string;
    method: string;
    status: number;
    body: unknown;
    type: string;
    set(field: string, value: string): void;
    oidc?: {
      route?: string;
      params?: Record<string, unknown>;
      client?: { clientId: string };
      entities?: { AccessToken?: { jti: string; grantId?: string }; RefreshToken?: { jti: string; grantId?: string } };
    };
  }

  export type ProviderMiddleware = (ctx: ProviderContext, next: () => Promise<void>) => Promise<void>;

  export interface InteractionDetails {
    uid: string;
    prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
    params: Record<string, unknown> & { client_id?: string; scope?: string; redirect_uri?: string };
    session?: { accountId: string; uid: string; cookie: string };
    grantId?: string;
    lastSubmission?: Record<string, unknown>;
  }

  export interface GrantInstance {
    accountId?: string;
    clientId?: string;
    addOIDCScope(scope: string): void;
    addResourceScope(resource: string, scope: string): void;
    save(): Promise<string>;
  }

  export interface GrantConstructor {
    new (properties: { accountId: string; clientId: string }): GrantInstance;
    find(id: string): Promise<GrantInstance | undefined>;
  }

  export interface AccessTokenInstance {
    jti: string;
    accountId: string;
    clientId: string;
    grantId: string;
    scope?: string;
    aud?: string | string[];
    exp: number;
    iat: number;
    isValid: boolean;
    isExpired: boolean;
  }

  export interface TokenFinder<T> {
    find(value: string, options?: { ignoreExpiration?: boolean }): Promise<T | undefined>;
  }

  export interface ClientInstance {
    clientId: string;
    clientName?: string;
  }

  export default class Provider {
    constructor(issuer: string, configuration?: Record<string, unknown>);
    readonly issuer: string;
    proxy: boolean;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    use(middleware: ProviderMiddleware): void;
    on(event: string, listener: (...args: unknown[]) => void): this;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: Record<string, unknown>,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
    Grant: GrantConstructor;
    AccessToken: TokenFinder<AccessTokenInstance>;
    Client: { find(id: string): Promise<ClientInstance | undefined> };
  }

  export const errors: Record<string, new (...args: unknown[]) => Error>;
}
