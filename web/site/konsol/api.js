// The console's API client: the signed-in person's access token in the Authorization header (never
// in a URL), JSON in and out, problem+json read into {code, title, detail, errors[]}. A route the API
// does not have (API Gateway's own 404 {"message": "Not Found"}, or 405) is reported as missing, so a
// view can say so in Swedish instead of breaking.

import { accessToken, expire } from './auth.js';

const TIMEOUT_MS = 30000;
let onUnauthorized = () => {};

/** The API's base URL from /config.js ("" = the same origin as the page). */
export function apiBase() {
  const cfg = window.BIDRAG_CONFIG || {};
  return String(cfg.apiBase || '').replace(/\/+$/, '');
}

/** What happens when the API says 401 (the page offers to sign in again). */
export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn;
}

/** The last part of a problem type: "urn:bidrag:problem:four-eyes" → "four-eyes". */
export function problemCode(type) {
  return String(type || '').split(/[:/#]/).filter(Boolean).pop() || '';
}

/** A random Idempotency-Key for one attempt of an action (kept when the same attempt is retried). */
export function idempotencyKey() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/**
 * One call. opts: body (JSON), headers, accept ('json' default | 'text' | 'blob').
 * Returns {ok, status, data, problem, missing, network, headers}.
 */
export async function call(method, path, opts = {}) {
  const token = accessToken();
  if (!token) {
    onUnauthorized();
    return { ok: false, status: 401, data: null, problem: { code: 'unauthorized', title: '', detail: '', errors: [] }, missing: false, network: false };
  }
  const headers = {
    Accept: opts.acceptHeader || 'application/json, application/problem+json',
    Authorization: `Bearer ${token}`,
    ...(opts.headers || {}),
  };
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let res;
  try {
    res = await fetch(apiBase() + path, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      mode: 'cors',
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (e) {
    return { ok: false, status: 0, data: null, problem: null, missing: false, network: true };
  }
  const type = (res.headers.get('Content-Type') || '').toLowerCase();
  if (res.ok) {
    let data = null;
    if (res.status !== 204) {
      if (opts.accept === 'blob') {
        data = await res.blob();
      } else if (opts.accept === 'text') {
        data = await res.text();
      } else {
        data = await res.json().catch(() => null);
      }
    }
    return { ok: true, status: res.status, data, problem: null, missing: false, network: false, headers: res.headers };
  }
  const json = await res.json().catch(() => null);
  const isProblem = type.includes('problem+json') || (json && typeof json.type === 'string');
  if (res.status === 401) {
    expire();
    onUnauthorized();
  }
  const missing = !isProblem && (res.status === 404 || res.status === 405);
  const p = isProblem && json ? json : {};
  return {
    ok: false,
    status: res.status,
    data: null,
    missing,
    network: false,
    headers: res.headers,
    problem: {
      code: isProblem ? problemCode(p.type) : (missing ? 'route-missing' : `http-${res.status}`),
      title: typeof p.title === 'string' ? p.title : '',
      detail: typeof p.detail === 'string' ? p.detail : (json && typeof json.message === 'string' ? json.message : ''),
      errors: Array.isArray(p.errors) ? p.errors.filter((e) => e && typeof e.field === 'string') : [],
      raw: p,
    },
  };
}

export const get = (path, opts) => call('GET', path, opts);
export const post = (path, body, opts = {}) => call('POST', path, { ...opts, body });
export const put = (path, body, opts = {}) => call('PUT', path, { ...opts, body });
export const del = (path, opts) => call('DELETE', path, opts);
