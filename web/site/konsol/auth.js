// Signing in: OpenID Connect authorization code flow with PKCE (S256) for a public client.
// Tokens live in this module's memory only: never in localStorage, sessionStorage, a cookie or a URL.
// During the redirect to the identity provider and back, sessionStorage holds the PKCE verifier, the
// state, the nonce and the page to return to (no token); they are removed as soon as the answer
// comes back. A reload therefore signs in again: a mark in sessionStorage (no secret, only "this tab
// was signed in") makes that automatic, and the provider's own session makes it quick.

const PENDING = 'bidrag.konsol.inloggning'; // {state, verifier, nonce, returnTo, at} during the redirect only
const SIGNED_IN = 'bidrag.konsol.inloggad'; // "1" while this tab is signed in (no secret)
const TIMEOUT_MS = 20000;

let settings = null;
let discovery = null;
let session = null; // {accessToken, expiresAt, refreshToken, claims}
let refreshTimer = null;
const listeners = new Set();

/** The console's settings from /konsol/config.js. */
export function config() {
  if (!settings) {
    const c = window.BIDRAG_KONSOL || {};
    settings = {
      issuer: String(c.issuer || '').replace(/\/+$/, ''),
      clientId: String(c.clientId || ''),
      grantId: String(c.grantId || ''),
      scope: String(c.scope || 'openid profile'),
      authorizeParams: c.authorizeParams && typeof c.authorizeParams === 'object' ? c.authorizeParams : {},
      environment: String(c.environment || ''),
    };
  }
  return settings;
}

/** Where the provider sends the browser back to: the console's own address, registered with the provider. */
export function redirectUri() {
  return `${location.origin}/konsol/`;
}

function b64url(bytes) {
  let s = '';
  bytes.forEach((b) => { s += String.fromCharCode(b); });
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function random(n = 32) {
  return b64url(crypto.getRandomValues(new Uint8Array(n)));
}

async function challengeOf(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return b64url(new Uint8Array(digest));
}

/** The claims of a JWT, unverified (the API verifies; the console only reads who is signed in). */
export function claimsOf(jwt) {
  try {
    const part = String(jwt).split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(atob(part).split('').map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''));
    return JSON.parse(json);
  } catch (e) {
    return null;
  }
}

class SignInError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

async function getDiscovery() {
  if (discovery) {
    return discovery;
  }
  const { issuer } = config();
  if (!issuer) {
    throw new SignInError('not-configured', 'Inloggningen är inte inställd för den här installationen (issuer saknas i /konsol/config.js).');
  }
  let res;
  try {
    res = await fetch(`${issuer}/.well-known/openid-configuration`, {
      credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer', signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (e) {
    throw new SignInError('unreachable', 'Inloggningstjänsten svarar inte.');
  }
  const d = res.ok ? await res.json().catch(() => null) : null;
  if (!d || String(d.issuer || '').replace(/\/+$/, '') !== issuer || !d.authorization_endpoint || !d.token_endpoint) {
    throw new SignInError('bad-discovery', 'Inloggningstjänstens beskrivning (openid-configuration) går inte att använda.');
  }
  discovery = d;
  return d;
}

/** Sends the browser to the provider's sign-in; comes back to returnTo (a path with query, no fragment). */
export async function signIn(returnTo) {
  const d = await getDiscovery();
  const c = config();
  const verifier = random(48);
  const pending = {
    state: random(), nonce: random(), verifier, returnTo: safeReturn(returnTo), at: Date.now(),
  };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: c.clientId,
    redirect_uri: redirectUri(),
    scope: c.scope,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await challengeOf(verifier),
    code_challenge_method: 'S256',
  });
  for (const [k, v] of Object.entries(c.authorizeParams)) {
    params.set(k, String(v));
  }
  location.assign(`${d.authorization_endpoint}${d.authorization_endpoint.includes('?') ? '&' : '?'}${params}`);
}

function safeReturn(returnTo) {
  const t = String(returnTo || '/konsol/');
  return t.startsWith('/konsol/') ? t.split('#')[0] : '/konsol/';
}

/**
 * If this page is the provider's answer (?code&state or ?error), finishes signing in. Returns
 * {done: false} when it is not an answer, {done: true, returnTo} when signed in; throws SignInError.
 */
export async function completeSignIn() {
  const q = new URLSearchParams(location.search);
  if (!q.has('state') || !(q.has('code') || q.has('error'))) {
    return { done: false };
  }
  const raw = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING);
  // the code leaves the address bar (and so any later Referer, history entry or screenshot) at once
  history.replaceState(null, '', '/konsol/');
  const pending = raw ? JSON.parse(raw) : null;
  if (!pending || pending.state !== q.get('state')) {
    throw new SignInError('state', 'Inloggningssvaret hör inte till den här inloggningen. Logga in igen.');
  }
  if (q.has('error')) {
    const code = q.get('error');
    throw new SignInError(code, code === 'access_denied' ? 'Inloggningen avbröts.' : `Inloggningen misslyckades (${code}).`);
  }
  const d = await getDiscovery();
  const c = config();
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code: q.get('code'),
    redirect_uri: redirectUri(),
    client_id: c.clientId,
    code_verifier: pending.verifier,
  });
  const tokens = await tokenRequest(d, body);
  const claims = claimsOf(tokens.id_token);
  if (!claims || String(claims.iss || '').replace(/\/+$/, '') !== c.issuer
    || !(Array.isArray(claims.aud) ? claims.aud.includes(c.clientId) : claims.aud === c.clientId)
    || claims.nonce !== pending.nonce || !(Number(claims.exp) * 1000 > Date.now())) {
    throw new SignInError('id-token', 'Inloggningstjänstens svar kunde inte godtas (id-token).');
  }
  accept(tokens, claims);
  sessionStorage.setItem(SIGNED_IN, '1');
  history.replaceState(null, '', pending.returnTo);
  return { done: true, returnTo: pending.returnTo };
}

async function tokenRequest(d, body) {
  let res;
  try {
    res = await fetch(d.token_endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body,
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (e) {
    throw new SignInError('unreachable', 'Inloggningstjänsten svarar inte.');
  }
  const json = await res.json().catch(() => null);
  if (!res.ok || !json || !json.access_token) {
    const code = json && json.error ? json.error : `http-${res.status}`;
    throw new SignInError(code, `Inloggningen kunde inte slutföras (${code}).`);
  }
  return json;
}

function accept(tokens, idClaims) {
  const expiresIn = Number(tokens.expires_in) > 0 ? Number(tokens.expires_in) : 300;
  const accessClaims = claimsOf(tokens.access_token) || {};
  session = {
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token || (session && session.refreshToken) || null,
    expiresAt: Date.now() + expiresIn * 1000,
    claims: { ...accessClaims, ...(idClaims || (session && session.claims) || {}) },
  };
  clearTimeout(refreshTimer);
  if (session.refreshToken) {
    refreshTimer = setTimeout(refresh, Math.max(5000, expiresIn * 1000 - 60000));
  }
  listeners.forEach((fn) => fn());
}

async function refresh() {
  if (!session || !session.refreshToken) {
    return;
  }
  try {
    const d = await getDiscovery();
    const tokens = await tokenRequest(d, new URLSearchParams({
      grant_type: 'refresh_token', refresh_token: session.refreshToken, client_id: config().clientId,
    }));
    accept(tokens, tokens.id_token ? claimsOf(tokens.id_token) : null);
  } catch (e) {
    // the next API call gets 401 and the page offers to sign in again
  }
}

/** The access token for the API's Authorization header, or null when not signed in (or expired). */
export function accessToken() {
  return session && Date.now() < session.expiresAt ? session.accessToken : null;
}

/** Whether this tab was signed in before a reload (then signing in again is automatic). */
export function wasSignedIn() {
  return sessionStorage.getItem(SIGNED_IN) === '1';
}

/** Who is signed in: {name, subject, orgnr, roles[]}, or null. */
export function user() {
  if (!session) {
    return null;
  }
  const c = session.claims;
  const roles = Array.isArray(c.roles) ? c.roles : String(c.roles || c.role || '').split(/[\s,]+/).filter(Boolean);
  return { name: c.name || c.preferred_username || c.sub, subject: c.sub, orgnr: c.orgnr || '', roles };
}

/** Forgets the session (an API call said 401): the page offers to sign in again. */
export function expire() {
  session = null;
  clearTimeout(refreshTimer);
}

/** Calls fn when tokens change. */
export function onChange(fn) {
  listeners.add(fn);
}

/**
 * Signs out: forgets the tokens in memory, then asks the provider to end its session (RP-initiated
 * logout with client_id and post_logout_redirect_uri: no token in the URL) and come back.
 */
export async function signOut() {
  session = null;
  clearTimeout(refreshTimer);
  sessionStorage.removeItem(SIGNED_IN);
  sessionStorage.removeItem(PENDING);
  const back = `${location.origin}/konsol/?utloggad=1`;
  let d = null;
  try {
    d = await getDiscovery();
  } catch (e) {
    d = null;
  }
  if (d && d.end_session_endpoint) {
    const params = new URLSearchParams({ client_id: config().clientId, post_logout_redirect_uri: back });
    location.assign(`${d.end_session_endpoint}${d.end_session_endpoint.includes('?') ? '&' : '?'}${params}`);
  } else {
    location.assign(back);
  }
}

export { SignInError };
