import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AuditAction, OidcRefusal, SessionMethod } from '@samsyn/common';
import { OidcTransactionEntity, type OrganisationEntity, UserEntity } from '@samsyn/server';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { LessThanOrEqual, Repository } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import type { AuditActor } from '../../audit/audit.types';
import { type NewSession, SessionsService } from '../sessions.service';
import type { OidcProviderConfig } from './oidc-config';
import { loadOpenIdClient, OidcProvidersService } from './oidc-providers.service';

/** How long a started sign-in may take at the provider before its return is refused. */
export const OIDC_TRANSACTION_MINUTES = 10;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * `state`, `nonce` and the PKCE verifier, derived from the browser's transaction token: only the
 * browser that started the sign-in can finish it, and the database holds none of them.
 */
function derive(token: string, purpose: 'state' | 'nonce' | 'pkce'): string {
  return createHmac('sha256', token).update(`samsyn-oidc:${purpose}`).digest('base64url');
}

/** A refused sign-in: the reason for the client's page; the detail only for the log. */
export class OidcRefused extends Error {
  constructor(
    readonly reason: OidcRefusal,
    readonly detail: string,
  ) {
    super(detail);
  }
}

export type OidcStart =
  | { ok: true; authorizationUrl: string; token: string; maxAgeMs: number }
  | { ok: false; reason: OidcRefusal };

export type OidcFinish = ({ ok: true } & NewSession) | { ok: false; reason: OidcRefusal };

/** What the sign-in of one request knows, for the audit event of its outcome. */
interface Attempt {
  provider?: OidcProviderConfig;
  organisation?: OrganisationEntity | null;
  user?: UserEntity;
}

/**
 * Sign-in through an organisation's identity provider (issue 16, D23): the authorization code
 * flow with PKCE (S256), state and nonce; the returned identity is matched to a user an
 * administrator created in that organisation — never registered silently. Every return is audited,
 * refused or not; nothing logs a token, a code or the identity's claim value.
 */
@Injectable()
export class OidcSignInService {
  private readonly logger = new Logger(OidcSignInService.name);

  constructor(
    private readonly providers: OidcProvidersService,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    @InjectRepository(OidcTransactionEntity)
    private readonly transactions: Repository<OidcTransactionEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  /** Starts a sign-in: a transaction for this browser, and the provider's authorization URL. */
  async start(key: string, now = new Date()): Promise<OidcStart> {
    const attempt: Attempt = { provider: this.providers.get(key) };
    try {
      const provider = attempt.provider;
      if (!provider) throw new OidcRefused(OidcRefusal.UnknownProvider, 'no such provider');
      attempt.organisation = await this.providers.organisationOf(provider);
      this.checkOrganisation(attempt.organisation);
      const configuration = await this.configuration(provider);
      const oidc = await loadOpenIdClient();

      await this.transactions.delete({ expiresAt: LessThanOrEqual(now) });
      const token = randomBytes(32).toString('base64url');
      const maxAgeMs = OIDC_TRANSACTION_MINUTES * 60_000;
      await this.transactions.insert({
        tokenHash: sha256(token),
        providerKey: provider.key,
        expiresAt: new Date(now.getTime() + maxAgeMs),
      });
      const url = oidc.buildAuthorizationUrl(configuration, {
        response_type: 'code',
        redirect_uri: this.providers.redirectUri(provider),
        scope: provider.scopes.join(' '),
        state: derive(token, 'state'),
        nonce: derive(token, 'nonce'),
        code_challenge: await oidc.calculatePKCECodeChallenge(derive(token, 'pkce')),
        code_challenge_method: 'S256',
      });
      return { ok: true, authorizationUrl: url.href, token, maxAgeMs };
    } catch (error) {
      return { ok: false, reason: await this.refuse(attempt, error, key) };
    }
  }

  /**
   * The provider's return: checks the transaction (once only), then state, issuer, the code
   * exchange, the ID token and its nonce (openid-client), matches the identity, and starts a session.
   */
  async finish(
    key: string,
    token: string | undefined,
    query: string,
    userAgent: string | null = null,
    now = new Date(),
  ): Promise<OidcFinish> {
    const attempt: Attempt = { provider: this.providers.get(key) };
    try {
      const provider = attempt.provider;
      if (!provider) throw new OidcRefused(OidcRefusal.UnknownProvider, 'no such provider');
      attempt.organisation = await this.providers.organisationOf(provider);
      if (!token) throw new OidcRefused(OidcRefusal.StateInvalid, 'no transaction cookie');
      // Deleted as it is read: a second return with the same cookie finds nothing.
      const taken = await this.transactions
        .createQueryBuilder()
        .delete()
        .where('token_hash = :hash AND provider_key = :key', { hash: sha256(token), key })
        .returning(['expiresAt'])
        .execute();
      // The postgres driver answers a DELETE … RETURNING as [rows, count].
      const raw = taken.raw as unknown[];
      const rows = (Array.isArray(raw[0]) ? raw[0] : raw) as { expires_at: Date }[];
      const row = rows[0];
      if (!row) throw new OidcRefused(OidcRefusal.StateInvalid, 'unknown or used transaction');
      if (new Date(row.expires_at) <= now)
        throw new OidcRefused(OidcRefusal.StateInvalid, 'transaction expired');
      const params = new URLSearchParams(query);
      const expectedState = derive(token, 'state');
      if (params.get('state') !== expectedState)
        throw new OidcRefused(OidcRefusal.StateInvalid, 'state does not match the transaction');
      this.checkOrganisation(attempt.organisation);

      const configuration = await this.configuration(provider);
      const oidc = await loadOpenIdClient();
      const currentUrl = new URL(this.providers.redirectUri(provider));
      currentUrl.search = params.toString();
      let claims: Record<string, unknown> | undefined;
      try {
        const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
          pkceCodeVerifier: derive(token, 'pkce'),
          expectedState,
          expectedNonce: derive(token, 'nonce'),
          idTokenExpected: true,
        });
        claims = tokens.claims();
        // Providers that keep scope claims out of the ID token give them at the userinfo
        // endpoint, for the ID token's subject only.
        if (claims && claims[provider.userClaim] === undefined && tokens.access_token) {
          const info = await oidc.fetchUserInfo(
            configuration,
            tokens.access_token,
            claims.sub as string,
          );
          claims = { ...info, ...claims };
        }
      } catch (error) {
        if (error instanceof oidc.AuthorizationResponseError)
          throw new OidcRefused(OidcRefusal.ProviderError, `provider answered ${error.error}`);
        throw new OidcRefused(
          OidcRefusal.ResponseInvalid,
          error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        );
      }
      if (!claims) throw new OidcRefused(OidcRefusal.ResponseInvalid, 'no ID token');

      const organisation = attempt.organisation as OrganisationEntity;
      const user = await this.match(provider, organisation, claims[provider.userClaim]);
      attempt.user = user;
      if (!user.active) throw new OidcRefused(OidcRefusal.UserInactive, 'user deactivated');

      const acr = typeof claims['acr'] === 'string' ? claims['acr'] : null;
      const strong = acr !== null && provider.strongAcr.includes(acr);
      const session = await this.sessions.create(
        user.id,
        { method: SessionMethod.Oidc, strong, oidcProvider: provider.key, userAgent },
        now,
      );
      await this.users.update({ id: user.id }, { lastLoginAt: now });
      await this.audit.record(this.actor(attempt), {
        action: AuditAction.AuthOidcSignIn,
        target: { kind: 'user', id: user.id },
      });
      return { ok: true, ...session };
    } catch (error) {
      return { ok: false, reason: await this.refuse(attempt, error, key) };
    }
  }

  /**
   * The one active-or-not user of the provider's organisation whose external id (or, for the
   * `email` claim, e-mail address, case-insensitive) is the claim's value. An identity known only
   * in another organisation matches nobody here.
   */
  private async match(
    provider: OidcProviderConfig,
    organisation: OrganisationEntity,
    value: unknown,
  ): Promise<UserEntity> {
    if (typeof value !== 'string' || value.trim() === '')
      throw new OidcRefused(
        OidcRefusal.UnknownIdentity,
        `the ID token has no ${provider.userClaim} claim`,
      );
    const query = this.users
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.unit', 'un')
      .where('u.organisation_id = :org', { org: organisation.id });
    if (provider.userClaim === 'email') query.andWhere('lower(u.email) = lower(:value)', { value });
    else query.andWhere('u.external_id = :value', { value });
    const found = await query.take(2).getMany();
    if (found.length !== 1)
      throw new OidcRefused(
        OidcRefusal.UnknownIdentity,
        found.length ? 'the identity matches more than one user' : 'no user has this identity',
      );
    return found[0];
  }

  private checkOrganisation(organisation: OrganisationEntity | null | undefined): void {
    if (!organisation)
      throw new OidcRefused(
        OidcRefusal.ProviderUnavailable,
        "the provider's organisation is not in Samsyn",
      );
    if (!organisation.active)
      throw new OidcRefused(OidcRefusal.OrganisationInactive, 'organisation deactivated');
  }

  private async configuration(provider: OidcProviderConfig) {
    try {
      return await this.providers.configuration(provider);
    } catch (error) {
      throw new OidcRefused(
        OidcRefusal.ProviderUnavailable,
        `discovery failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** The user when one was matched, else nobody of the provider's organisation. */
  private actor(attempt: Attempt): AuditActor {
    const organisation = attempt.organisation ? { id: attempt.organisation.id } : null;
    if (!attempt.user) return { id: null, roles: [], organisation, unit: null };
    return {
      id: attempt.user.id,
      roles: attempt.user.roles,
      organisation,
      unit: attempt.user.unitId ? { id: attempt.user.unitId } : null,
    };
  }

  /**
   * Logs why (without tokens or claim values; the request id links it to the audit event) and
   * audits the refusal; an unknown provider key names no organisation and is only logged.
   */
  private async refuse(attempt: Attempt, error: unknown, key: string): Promise<OidcRefusal> {
    if (!(error instanceof OidcRefused)) throw error;
    this.logger.warn(`sign-in through ${key} refused: ${error.reason} (${error.detail})`);
    if (attempt.provider) {
      await this.audit.record(this.actor(attempt), {
        action: AuditAction.AuthOidcRefused,
        outcome: 'denied',
        ...(attempt.user ? { target: { kind: 'user' as const, id: attempt.user.id } } : {}),
      });
    }
    return error.reason;
  }
}
