// A real OpenID provider for the tests (oidc-provider, panva), run as a child process because it
// is ESM-only. Usage: node oidc-provider.mjs <config.json>
// config: { clients: [{ client_id, client_secret, redirect_uris, post_logout_redirect_uris }],
//           accounts: [{ id, password, acr?, claims: { hsa_id?, email?, … } }],
//           shortCodeAccounts?: [id] }   (their authorization codes live 1 s: an expired code)
// Listens on 127.0.0.1 with the issuer http://localhost:<port> (another site than 127.0.0.1), and
// prints `OIDC provider listening on http://localhost:<port>` when ready.
// Its login page is a plain form of its own (no script), so a test sets each account's `acr`.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const accounts = new Map(config.accounts.map((a) => [a.id, a]));
const shortCode = new Set(config.shortCodeAccounts ?? []);

let handler = (_req, res) => {
  res.statusCode = 503;
  res.end();
};
const server = createServer((req, res) => handler(req, res));
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const issuer = `http://localhost:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: config.clients.map((c) => ({
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    ...c,
  })),
  pkce: { required: () => true },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  // acr in every ID token, as the agencies' providers send it (oidc-provider otherwise includes it
  // only when the request asks for it); the scopes' claims on top.
  claims: {
    acr: null,
    auth_time: null,
    sid: null,
    iss: null,
    openid: ['sub', 'acr'],
    email: ['email'],
    hsa: ['hsa_id'],
  },
  scopes: ['openid', 'email', 'hsa'],
  acrValues: ['urn:samsyn:test:loa2', 'urn:samsyn:test:loa3'],
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: { enabled: true },
  },
  ttl: {
    AuthorizationCode: (_ctx, token) => (shortCode.has(token.accountId) ? 1 : 60),
  },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  // Consent is not asked: the test clients are the organisations' own applications.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email hsa');
    await grant.save();
    return grant;
  },
  async findAccount(_ctx, id) {
    const account = accounts.get(id);
    if (!account) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...account.claims }) };
  },
  renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = page(
      'Error',
      `<p id="error">${escape(out.error)}: ${escape(out.error_description ?? '')}</p>`,
    );
  },
});
provider.proxy = false;

function escape(s) {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;
}

function loginForm(uid, error) {
  return page(
    'Test identity provider',
    `${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${uid}/login">
<label>Login <input name="login" autocomplete="username" required autofocus></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button>
</form>
<p><a href="/interaction/${uid}/abort">Cancel</a></p>`,
  );
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

const oidc = provider.callback();
handler = async (req, res) => {
  const match = /^\/interaction\/([^/?]+)(\/login|\/abort)?(?:\?.*)?$/.exec(req.url ?? '');
  if (!match) return oidc(req, res);
  try {
    const [, uid, action] = match;
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error('interaction mismatch');
    if (action === '/abort') {
      return await provider.interactionFinished(req, res, {
        error: 'access_denied',
        error_description: 'End-User aborted interaction',
      });
    }
    if (action === '/login' && req.method === 'POST') {
      const form = await readForm(req);
      const account = accounts.get(form.get('login') ?? '');
      if (!account || account.password !== form.get('password')) {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        return res.end(loginForm(uid, 'Wrong login or password'));
      }
      return await provider.interactionFinished(
        req,
        res,
        { login: { accountId: account.id, ...(account.acr ? { acr: account.acr } : {}) } },
        { mergeWithLastSubmission: false },
      );
    }
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    res.end(loginForm(uid));
  } catch (error) {
    res.statusCode = 400;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(page('Error', `<p id="error">${escape(error.message)}</p>`));
  }
};

process.stdout.write(`OIDC provider listening on ${issuer}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
