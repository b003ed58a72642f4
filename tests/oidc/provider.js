// A real OpenID provider for the sign-in tests: the certified `oidc-provider` package.
//
//   node tests/oidc/provider.js PORT SETUP.json
//
// SETUP.json (written by tests/oidc_provider.py) holds the issuer URL, the signing keys (a JWKS
// with private parts, so the tests can sign tokens with the same key), the test client and the
// test users. The provider listens on 127.0.0.1:PORT; the issuer may be another address that
// forwards to it. Its sign-in page is a plain HTML form (e-mail address and password) with a
// Cancel button that ends the sign-in with `access_denied`; consent is given without a page.
// It prints "listening" once it accepts connections and stops on SIGTERM.

import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Provider } from 'oidc-provider';

const [port, setupFile] = process.argv.slice(2);
if (!port || !setupFile) {
  console.error('usage: node provider.js PORT SETUP.json');
  process.exit(2);
}
const setup = JSON.parse(readFileSync(setupFile, 'utf8'));
const users = new Map(setup.users.map((user) => [user.email, user]));

const provider = new Provider(setup.issuer, {
  clients: [
    {
      client_id: setup.client.client_id,
      client_secret: setup.client.client_secret,
      redirect_uris: setup.client.redirect_uris,
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  jwks: setup.jwks,
  cookies: { keys: [setup.cookie_key] },
  pkce: { required: () => true },
  // The claims of the requested scopes in the ID token too, as identity providers commonly
  // configure it for sign-in (Entra ID's and Okta's group claims are in the ID token).
  conformIdTokenClaims: false,
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'groups', 'employee_id'],
  },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, sub) {
    const user = [...users.values()].find((candidate) => candidate.sub === sub);
    if (!user) return undefined;
    return {
      accountId: sub,
      async claims() {
        return {
          sub,
          email: user.email,
          email_verified: true,
          name: user.name,
          groups: user.groups,
          employee_id: user.employee_id,
        };
      },
    };
  },
});
provider.on('server_error', (ctx, error) => console.error('server_error', error));

const page = (uid, message) => `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Test identity provider</title></head>
<body><main><h1>Test identity provider</h1>
${message ? `<p role="alert">${message}</p>` : ''}
<form method="post" action="/interaction/${uid}">
<label for="email">E-mail address</label> <input id="email" name="email" type="email" required>
<label for="password">Password</label> <input id="password" name="password" type="password" required>
<button type="submit" name="action" value="sign-in">Sign in to the test provider</button>
<button type="submit" name="action" value="cancel" formnovalidate>Cancel</button>
</form></main></body></html>`;

async function form(request) {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

async function consent(request, response, details) {
  const { prompt, params, session } = details;
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
  if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
  const grantId = await grant.save();
  const result = { consent: details.grantId ? {} : { grantId } };
  await provider.interactionFinished(request, response, result, { mergeWithLastSubmission: true });
}

async function interaction(request, response, uid) {
  const details = await provider.interactionDetails(request, response);
  if (details.prompt.name === 'consent') {
    await consent(request, response, details);
    return;
  }
  if (request.method === 'GET') {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(page(uid, ''));
    return;
  }
  const fields = await form(request);
  if (fields.get('action') === 'cancel') {
    const result = { error: 'access_denied', error_description: 'The person cancelled sign-in' };
    await provider.interactionFinished(request, response, result, { mergeWithLastSubmission: false });
    return;
  }
  const user = users.get(String(fields.get('email') || '').toLowerCase());
  if (!user || user.password !== fields.get('password')) {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(page(uid, 'Unknown e-mail address or wrong password.'));
    return;
  }
  const result = { login: { accountId: user.sub } };
  await provider.interactionFinished(request, response, result, { mergeWithLastSubmission: false });
}

const handle = provider.callback();
const server = createServer((request, response) => {
  const match = /^\/interaction\/([^/?]+)$/.exec(new URL(request.url, 'http://x').pathname);
  if (!match) {
    handle(request, response);
    return;
  }
  interaction(request, response, match[1]).catch((error) => {
    console.error('interaction failed', error);
    response.writeHead(400, { 'content-type': 'text/plain' });
    response.end(`interaction failed: ${error.message}`);
  });
});
server.listen(Number(port), '127.0.0.1', () => console.log('listening'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
