import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { API_BASE, type OidcProviderDto } from '@samsyn/common';
import { type EnvironmentVariables, OrganisationEntity } from '@samsyn/server';
import { readFileSync } from 'node:fs';
import type { Configuration } from 'openid-client';
import { Repository } from 'typeorm';
import { type OidcProviderConfig, parseOidcProviders } from './oidc-config';

/** openid-client is ESM-only: loaded when first needed, so that Jest can load this file's importers. */
type OpenIdClient = typeof import('openid-client');
let openIdClient: Promise<OpenIdClient> | undefined;
export function loadOpenIdClient(): Promise<OpenIdClient> {
  openIdClient ??= import('openid-client');
  return openIdClient;
}

/**
 * The organisations' identity providers from the deployment's file (`OIDC_PROVIDERS_FILE`), read
 * and checked when the API starts (a bad file stops it, naming file, entry and field), and their
 * discovered metadata, fetched on first use and kept.
 */
@Injectable()
export class OidcProvidersService {
  private readonly logger = new Logger(OidcProvidersService.name);
  private readonly providers: ReadonlyMap<string, OidcProviderConfig>;
  private readonly configurations = new Map<string, Promise<Configuration>>();
  private readonly allowInsecureHttp: boolean;
  private readonly publicUrl: string;

  constructor(
    config: ConfigService<EnvironmentVariables, true>,
    @InjectRepository(OrganisationEntity)
    private readonly organisations: Repository<OrganisationEntity>,
  ) {
    this.allowInsecureHttp = config.get('OIDC_ALLOW_INSECURE_HTTP', { infer: true });
    this.publicUrl = config.get('PUBLIC_URL', { infer: true }).replace(/\/+$/, '');
    const file = config.get('OIDC_PROVIDERS_FILE', { infer: true });
    let list: OidcProviderConfig[] = [];
    if (file) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        throw new Error(`OIDC_PROVIDERS_FILE ${file}: cannot be read`);
      }
      list = parseOidcProviders(text, file, {
        env: process.env,
        readFile: (path) => readFileSync(path, 'utf8'),
        allowInsecureHttp: this.allowInsecureHttp,
      });
      this.logger.log(
        `${list.length} identity provider(s) from ${file}: ${list.map((p) => p.key).join(', ') || 'none'}`,
      );
    }
    this.providers = new Map(list.map((p) => [p.key, p]));
  }

  get(key: string): OidcProviderConfig | undefined {
    return this.providers.get(key);
  }

  /** The provider's organisation, whether active or not; null when Samsyn does not have it. */
  async organisationOf(provider: OidcProviderConfig): Promise<OrganisationEntity | null> {
    const where =
      'id' in provider.organisation
        ? { id: provider.organisation.id }
        : { organisationNumber: provider.organisation.organisationNumber };
    return this.organisations.findOne({ where });
  }

  /** What the sign-in page offers: the providers of active organisations, in the file's order. */
  async list(): Promise<OidcProviderDto[]> {
    const offered: OidcProviderDto[] = [];
    for (const provider of this.providers.values()) {
      const organisation = await this.organisationOf(provider);
      if (organisation?.active)
        offered.push({ key: provider.key, displayName: { ...provider.displayName } });
    }
    return offered;
  }

  /** The redirect URI to register at the provider: `<PUBLIC_URL>/api/v1/auth/oidc/<key>/callback`. */
  redirectUri(provider: OidcProviderConfig): string {
    return `${this.publicUrl}${API_BASE}/auth/oidc/${provider.key}/callback`;
  }

  /** The callback's path, to which the transaction cookie is limited. */
  callbackPath(provider: OidcProviderConfig): string {
    return `${API_BASE}/auth/oidc/${provider.key}/callback`;
  }

  /**
   * The provider's discovered metadata and this client's credentials. A failed discovery is not
   * kept, so the next sign-in tries again.
   */
  configuration(provider: OidcProviderConfig): Promise<Configuration> {
    let pending = this.configurations.get(provider.key);
    if (!pending) {
      pending = this.discover(provider);
      this.configurations.set(provider.key, pending);
      pending.catch(() => this.configurations.delete(provider.key));
    }
    return pending;
  }

  private async discover(provider: OidcProviderConfig): Promise<Configuration> {
    const oidc = await loadOpenIdClient();
    return oidc.discovery(
      new URL(provider.issuer),
      provider.clientId,
      provider.clientSecret(),
      oidc.ClientSecretBasic(provider.clientSecret()),
      // Never by default: only the explicit test/development switch, refused in production.
      this.allowInsecureHttp ? { execute: [oidc.allowInsecureRequests] } : undefined,
    );
  }

  /**
   * RP-initiated logout: the provider's end-session URL with `client_id` and, when configured,
   * `post_logout_redirect_uri`; null when the provider has no end-session endpoint or cannot be
   * reached (the Samsyn session has ended either way). No ID token is kept, so no `id_token_hint`.
   */
  async endSessionUrl(key: string): Promise<string | null> {
    const provider = this.providers.get(key);
    if (!provider) return null;
    try {
      const configuration = await this.configuration(provider);
      if (!configuration.serverMetadata().end_session_endpoint) return null;
      const oidc = await loadOpenIdClient();
      const parameters: Record<string, string> = { client_id: provider.clientId };
      if (provider.postLogoutRedirect)
        parameters['post_logout_redirect_uri'] = provider.postLogoutRedirect;
      return oidc.buildEndSessionUrl(configuration, parameters).href;
    } catch (error) {
      this.logger.warn(
        `identity provider ${key} unreachable at sign-out: ${error instanceof Error ? error.message : String(error)}`,
      );
      return null;
    }
  }
}
