import { isOrganisationNumber, normaliseOrganisationNumber } from '@samsyn/common';

/*
 * The organisations' OpenID Connect providers, read from the deployment's file
 * (`OIDC_PROVIDERS_FILE`, docs/operations.md). Pure: no openid-client here, so that unit tests can
 * load it (openid-client is ESM-only).
 */

/** Which claim of the ID token identifies the user; matched against `users.external_id` or e-mail. */
export type OidcUserClaim = string;

/** One organisation's provider, checked. The client secret is behind a function: never serialised. */
export interface OidcProviderConfig {
  /** Url-safe; in the redirect URI (`/api/v1/auth/oidc/<key>/callback`). */
  key: string;
  organisation: { organisationNumber: string } | { id: string };
  displayName: { sv: string; en: string };
  issuer: string;
  clientId: string;
  /** The client secret; a function so that logging or JSON of the config cannot show it. */
  clientSecret: () => string;
  userClaim: OidcUserClaim;
  strongAcr: string[];
  scopes: string[];
  postLogoutRedirect?: string;
}

export interface OidcConfigSources {
  /** The environment the secrets' variables are read from (`clientSecretEnv`). */
  env: Readonly<Record<string, string | undefined>>;
  /** Reads a secret file (`clientSecretFile`); throws when it cannot. */
  readFile: (path: string) => string;
  /** Whether plain-http issuers are allowed (`OIDC_ALLOW_INSECURE_HTTP`: tests, development). */
  allowInsecureHttp: boolean;
}

export const OIDC_KEY_PATTERN = /^[a-z0-9][a-z0-9-]{0,49}$/;
const CLAIM_NAME = /^[A-Za-z_][A-Za-z0-9_.:-]{0,99}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const FIELDS = new Set([
  'key',
  'organisationNumber',
  'organisationId',
  'displayName',
  'issuer',
  'clientId',
  'clientSecretEnv',
  'clientSecretFile',
  'userClaim',
  'strongAcr',
  'scopes',
  'postLogoutRedirect',
]);

/** A bad configuration: the message names the file, the entry and the field. */
export class OidcConfigError extends Error {}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

function stringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every(nonEmptyString);
}

function url(value: unknown, allowHttp: boolean): URL | null {
  if (!nonEmptyString(value)) return null;
  try {
    const parsed = new URL(value);
    if (parsed.protocol === 'https:') return parsed;
    return allowHttp && parsed.protocol === 'http:' ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * Parses and checks the providers file's text. Throws one `OidcConfigError` listing every problem,
 * each as `<file>: provider <n> ("<key>"): <field>: <what is wrong>`. Secret values are never in a
 * message.
 */
export function parseOidcProviders(
  text: string,
  file: string,
  sources: OidcConfigSources,
): OidcProviderConfig[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new OidcConfigError(
      `OIDC_PROVIDERS_FILE ${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (!Array.isArray(data))
    throw new OidcConfigError(`OIDC_PROVIDERS_FILE ${file}: must be a JSON list of providers`);

  const problems: string[] = [];
  const providers: OidcProviderConfig[] = [];
  const keys = new Set<string>();
  data.forEach((entry: unknown, index) => {
    const label = `provider ${index + 1}${isRecord(entry) && nonEmptyString(entry['key']) ? ` ("${entry['key']}")` : ''}`;
    const bad = (field: string, what: string) => problems.push(`${label}: ${field}: ${what}`);
    if (!isRecord(entry)) {
      problems.push(`${label}: must be an object`);
      return;
    }
    const before = problems.length;
    for (const field of Object.keys(entry))
      if (!FIELDS.has(field)) bad(field, 'unknown field (a typo?)');

    const key = entry['key'];
    if (typeof key !== 'string' || !OIDC_KEY_PATTERN.test(key))
      bad('key', 'required: lower-case letters, digits and -, at most 50 (it is part of a URL)');
    else if (keys.has(key)) bad('key', 'used by an earlier provider');
    else keys.add(key);

    const number = entry['organisationNumber'];
    const id = entry['organisationId'];
    let organisation: OidcProviderConfig['organisation'] | null = null;
    if ((number === undefined) === (id === undefined))
      bad('organisationNumber', 'give exactly one of organisationNumber and organisationId');
    else if (number !== undefined) {
      if (typeof number !== 'string' || !isOrganisationNumber(number))
        bad('organisationNumber', 'not a Swedish organisation number (NNNNNN-NNNN)');
      else organisation = { organisationNumber: normaliseOrganisationNumber(number) };
    } else if (typeof id !== 'string' || !UUID.test(id)) bad('organisationId', 'not a UUID');
    else organisation = { id: id.toLowerCase() };

    const names = entry['displayName'];
    if (!isRecord(names) || !nonEmptyString(names['sv']) || !nonEmptyString(names['en']))
      bad('displayName', 'required: { "sv": "…", "en": "…" }, both non-empty');

    const issuer = url(entry['issuer'], sources.allowInsecureHttp);
    if (!issuer)
      bad(
        'issuer',
        sources.allowInsecureHttp
          ? 'required: an http(s) URL'
          : 'required: an https URL (plain http only with OIDC_ALLOW_INSECURE_HTTP, in tests)',
      );

    if (!nonEmptyString(entry['clientId'])) bad('clientId', 'required');

    let secret: string | null = null;
    const secretEnv = entry['clientSecretEnv'];
    const secretFile = entry['clientSecretFile'];
    if ((secretEnv === undefined) === (secretFile === undefined))
      bad('clientSecretEnv', 'give exactly one of clientSecretEnv and clientSecretFile');
    else if (secretEnv !== undefined) {
      if (typeof secretEnv !== 'string' || !ENV_NAME.test(secretEnv))
        bad('clientSecretEnv', 'not an environment variable name');
      else if (!nonEmptyString(sources.env[secretEnv]))
        bad('clientSecretEnv', `environment variable ${secretEnv} is not set`);
      else secret = (sources.env[secretEnv] ?? '').trim();
    } else if (!nonEmptyString(secretFile)) bad('clientSecretFile', 'not a path');
    else {
      try {
        secret = sources.readFile(secretFile).trim();
        if (!secret) bad('clientSecretFile', `${secretFile} is empty`);
      } catch {
        bad('clientSecretFile', `${secretFile} cannot be read`);
      }
    }

    const userClaim = entry['userClaim'];
    if (typeof userClaim !== 'string' || !CLAIM_NAME.test(userClaim))
      bad('userClaim', 'required: "sub", "email" or the name of a claim such as "hsa_id"');

    const strongAcr = entry['strongAcr'] ?? [];
    if (!stringList(strongAcr))
      bad('strongAcr', 'a list of acr values (may be empty: no sign-in counts as strong)');

    const scopes = entry['scopes'] ?? ['openid'];
    if (!stringList(scopes) || !scopes.includes('openid'))
      bad('scopes', 'a list of scopes that includes "openid"');
    else if (scopes.some((s) => /\s/.test(s))) bad('scopes', 'one scope per list item');

    const logout = entry['postLogoutRedirect'];
    if (logout !== undefined && !url(logout, sources.allowInsecureHttp))
      bad('postLogoutRedirect', 'an http(s) URL (https unless OIDC_ALLOW_INSECURE_HTTP)');

    if (problems.length > before || !organisation || !issuer || secret === null) return;
    const clientSecret = secret;
    providers.push({
      key: key as string,
      organisation,
      displayName: {
        sv: (names as { sv: string }).sv.trim(),
        en: (names as { en: string }).en.trim(),
      },
      // As written: openid-client compares it with the discovered issuer exactly.
      issuer: entry['issuer'] as string,
      clientId: (entry['clientId'] as string).trim(),
      clientSecret: () => clientSecret,
      userClaim: userClaim as string,
      strongAcr: [...(strongAcr as string[])],
      scopes: [...(scopes as string[])],
      ...(logout === undefined ? {} : { postLogoutRedirect: logout as string }),
    });
  });
  if (problems.length)
    throw new OidcConfigError(
      `OIDC_PROVIDERS_FILE ${file}:\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
  return providers;
}
