// Where the console's tests run: against the stub (default), or against the real local stack when the
// Java side sets the environment:
//   BIDRAG_CONSOLE_SITE_URL  the site's origin, serving web/site with /config.js and /konsol/config.js
//   BIDRAG_API_URL           the API's origin
//   BIDRAG_ISSUER_URL        the local OpenID Connect issuer (its sign-in page has the stub's form fields)
//   BIDRAG_SUMMARY_JSON      optional: the demo's summary.json; the overview is then also compared with it
// In real mode the stack must be a played year with something unpaid (see web/console.md); tests that
// need the stub's controls (another scenario, missing routes) skip.

import crypto from 'node:crypto';
import { startConsoleStub } from './stub.mjs';

export const REAL = Boolean(process.env.BIDRAG_CONSOLE_SITE_URL);
export const CLIENT_ID = process.env.BIDRAG_CONSOLE_CLIENT_ID || 'bidrag-konsol';

/**
 * A token from the provider for a test person, by the same authorization code flow with PKCE the
 * console uses, driven from node (the sign-in page's form: person, roles, action=login).
 */
export async function tokenFor(world, person, roles = []) {
  const d = await (await fetch(`${world.issuerUrl}/.well-known/openid-configuration`)).json();
  const verifier = crypto.randomBytes(32).toString('base64url');
  const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
  const redirect = `${world.siteUrl}/konsol/`;
  const params = new URLSearchParams({
    response_type: 'code', client_id: CLIENT_ID, redirect_uri: redirect, scope: 'openid profile', state: 's', nonce: 'n',
    code_challenge: challenge, code_challenge_method: 'S256',
  });
  const form = new URLSearchParams(params);
  form.set('person', person);
  roles.forEach((r) => form.append('roles', r));
  form.set('action', 'login');
  const res = await fetch(new URL(d.authorization_endpoint).href, {
    method: 'POST', body: form, redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  const code = new URL(res.headers.get('location')).searchParams.get('code');
  const t = await fetch(d.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirect, client_id: CLIENT_ID, code_verifier: verifier }),
  });
  return (await t.json()).access_token;
}

export async function createWorld(opts = {}) {
  if (REAL) {
    const siteUrl = process.env.BIDRAG_CONSOLE_SITE_URL.replace(/\/+$/, '');
    return {
      real: true,
      siteUrl,
      apiUrl: (process.env.BIDRAG_API_URL || siteUrl).replace(/\/+$/, ''),
      issuerUrl: process.env.BIDRAG_ISSUER_URL.replace(/\/+$/, ''),
      canControl: false,
      async reset() { return false; },
      async close() {},
    };
  }
  const stub = await startConsoleStub({ scenario: opts.scenario || 'played-year', recipients: opts.recipients || 0 });
  return {
    real: false,
    siteUrl: stub.siteUrl,
    apiUrl: stub.apiUrl,
    issuerUrl: stub.issuerUrl,
    canControl: true,
    stub,
    async reset(o = {}) {
      await stub.reset(o);
      return true;
    },
    close: () => stub.close(),
  };
}

/** GET from the API as a person (for the tests' own view of the data). */
export async function apiGet(world, token, path, accept = 'application/json') {
  const res = await fetch(world.apiUrl + path, { headers: { Authorization: `Bearer ${token}`, Accept: accept } });
  return { status: res.status, body: accept === 'application/json' ? await res.json().catch(() => null) : await res.text() };
}
