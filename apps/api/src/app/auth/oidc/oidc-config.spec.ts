import { type OidcConfigSources, OidcConfigError, parseOidcProviders } from './oidc-config';

const FILE = '/etc/samsyn/oidc.json';
const SECRET = 'the-client-secret-value';

const sources: OidcConfigSources = {
  env: { OIDC_REGION_SECRET: SECRET },
  readFile: (path) => {
    if (path === '/run/secrets/police') return `${SECRET}\n`;
    if (path === '/run/secrets/empty') return '\n';
    throw new Error('ENOENT');
  },
  allowInsecureHttp: false,
};

const REGION = {
  key: 'region-orebro',
  organisationNumber: '232100-0164',
  displayName: { sv: 'SITHS (Inera)', en: 'SITHS (Inera)' },
  issuer: 'https://idp.inera.example/oidc',
  clientId: 'samsyn-region',
  clientSecretEnv: 'OIDC_REGION_SECRET',
  userClaim: 'employeeHsaId',
  strongAcr: ['http://id.elegnamnden.se/loa/1.0/loa3'],
  scopes: ['openid', 'profile'],
  postLogoutRedirect: 'https://samsyn.example/logga-in',
};

function parse(entries: unknown, options: Partial<OidcConfigSources> = {}) {
  return parseOidcProviders(JSON.stringify(entries), FILE, { ...sources, ...options });
}

/** The message of the error a bad file raises (fails the test when it parses). */
function problem(entries: unknown, options: Partial<OidcConfigSources> = {}): string {
  try {
    parse(entries, options);
  } catch (error) {
    expect(error).toBeInstanceOf(OidcConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be refused');
}

const withField = (field: string, value: unknown) => [{ ...REGION, [field]: value }];
const without = (field: string) => {
  const copy: Record<string, unknown> = { ...REGION };
  delete copy[field];
  return [copy];
};

describe('parseOidcProviders', () => {
  it('reads a good entry, with the secret from the environment or a file, defaults filled in', () => {
    const [region, police] = parse([
      REGION,
      {
        key: 'polisen',
        organisationId: '0F8FAD5B-D9CB-469F-A165-70867728950E',
        displayName: { sv: 'Polisens inloggning', en: 'Police sign-in' },
        issuer: 'https://login.polisen.example',
        clientId: 'samsyn',
        clientSecretFile: '/run/secrets/police',
        userClaim: 'sub',
      },
    ]);
    expect(region).toMatchObject({
      key: 'region-orebro',
      organisation: { organisationNumber: '232100-0164' },
      userClaim: 'employeeHsaId',
      strongAcr: ['http://id.elegnamnden.se/loa/1.0/loa3'],
      scopes: ['openid', 'profile'],
    });
    expect(region.clientSecret()).toBe(SECRET);
    expect(police).toMatchObject({
      organisation: { id: '0f8fad5b-d9cb-469f-a165-70867728950e' },
      strongAcr: [],
      scopes: ['openid'],
    });
    expect(police.clientSecret()).toBe(SECRET);
    expect(police.postLogoutRedirect).toBeUndefined();
  });

  it('never shows the secret when the configuration is logged or serialised', () => {
    const [region] = parse([REGION]);
    expect(JSON.stringify(region)).not.toContain(SECRET);
  });

  it('accepts an empty list (no provider offered)', () => {
    expect(parse([])).toEqual([]);
  });

  it('refuses what is not a JSON list, naming the file', () => {
    expect(() => parseOidcProviders('{ nope', FILE, sources)).toThrow(
      `OIDC_PROVIDERS_FILE ${FILE}: not valid JSON`,
    );
    expect(problem({ providers: [] })).toBe(
      `OIDC_PROVIDERS_FILE ${FILE}: must be a JSON list of providers`,
    );
    expect(problem(['x'])).toContain('provider 1: must be an object');
  });

  it.each([
    ['key', withField('key', 'Region Örebro'), 'key: required'],
    ['key (missing)', without('key'), 'provider 1: key: required'],
    [
      'organisationNumber',
      withField('organisationNumber', '232100-0165'),
      'organisationNumber: not a Swedish organisation number',
    ],
    [
      'organisation (neither)',
      without('organisationNumber'),
      'organisationNumber: give exactly one of organisationNumber and organisationId',
    ],
    [
      'organisation (both)',
      withField('organisationId', '0f8fad5b-d9cb-469f-a165-70867728950e'),
      'organisationNumber: give exactly one',
    ],
    [
      'organisationId',
      [{ ...without('organisationNumber')[0], organisationId: '42' }],
      'organisationId: not a UUID',
    ],
    ['displayName', withField('displayName', { sv: 'SITHS' }), 'displayName: required'],
    ['issuer', withField('issuer', 'not a url'), 'issuer: required: an https URL'],
    [
      'issuer (http)',
      withField('issuer', 'http://idp.example'),
      'issuer: required: an https URL (plain http only with OIDC_ALLOW_INSECURE_HTTP',
    ],
    ['clientId', withField('clientId', ' '), 'clientId: required'],
    [
      'clientSecretEnv (unset)',
      withField('clientSecretEnv', 'OIDC_MISSING'),
      'clientSecretEnv: environment variable OIDC_MISSING is not set',
    ],
    [
      'clientSecretEnv (name)',
      withField('clientSecretEnv', 'not a name'),
      'clientSecretEnv: not an environment variable name',
    ],
    [
      'clientSecret (both)',
      withField('clientSecretFile', '/run/secrets/police'),
      'clientSecretEnv: give exactly one of clientSecretEnv and clientSecretFile',
    ],
    ['clientSecret (neither)', without('clientSecretEnv'), 'clientSecretEnv: give exactly one'],
    [
      'clientSecretFile (unreadable)',
      [{ ...without('clientSecretEnv')[0], clientSecretFile: '/run/secrets/none' }],
      'clientSecretFile: /run/secrets/none cannot be read',
    ],
    [
      'clientSecretFile (empty)',
      [{ ...without('clientSecretEnv')[0], clientSecretFile: '/run/secrets/empty' }],
      'clientSecretFile: /run/secrets/empty is empty',
    ],
    ['userClaim', withField('userClaim', 'hsa id'), 'userClaim: required'],
    ['userClaim (missing)', without('userClaim'), 'userClaim: required'],
    ['strongAcr', withField('strongAcr', 'loa3'), 'strongAcr: a list of acr values'],
    ['scopes', withField('scopes', ['profile']), 'scopes: a list of scopes that includes "openid"'],
    [
      'scopes (joined)',
      withField('scopes', ['openid', 'profile email']),
      'scopes: one scope per list item',
    ],
    [
      'postLogoutRedirect',
      withField('postLogoutRedirect', 'javascript:alert(1)'),
      'postLogoutRedirect: an http(s) URL',
    ],
    ['an unknown field', withField('clientSecrt', 'x'), 'clientSecrt: unknown field (a typo?)'],
  ])('names the field of a bad %s', (_, entries, message) => {
    const text = problem(entries);
    expect(text).toContain(`OIDC_PROVIDERS_FILE ${FILE}:`);
    expect(text).toContain(message);
    expect(text).not.toContain(SECRET);
  });

  it('names the entry by position and key, and lists every problem at once', () => {
    const text = problem([REGION, { ...REGION, clientId: '', issuer: 'ftp://x' }]);
    expect(text).toContain('provider 2 ("region-orebro"): key: used by an earlier provider');
    expect(text).toContain('provider 2 ("region-orebro"): clientId: required');
    expect(text).toContain('provider 2 ("region-orebro"): issuer: required');
  });

  it('allows plain http issuers only when the test/development switch is on', () => {
    const entries = withField('issuer', 'http://localhost:4000');
    expect(problem(entries)).toContain('issuer:');
    expect(parse(entries, { allowInsecureHttp: true })[0].issuer).toBe('http://localhost:4000');
  });
});
