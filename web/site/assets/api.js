// The reporting API: every call carries the personal link's token in the Authorization header,
// never in a URL. Answers are normalised to {status, data, problem, network}.

const TIMEOUT_MS = 20000;

/** The API's base URL from config.js ("" = the same origin as the page). */
export function apiBase() {
  const cfg = window.BIDRAG_CONFIG || {};
  return String(cfg.apiBase || '').replace(/\/+$/, '');
}

/** The last part of a problem type: "urn:bidrag:problem:invalid-link" → "invalid-link". */
export function problemCode(type) {
  const t = String(type || '');
  return t.split(/[:/#]/).filter(Boolean).pop() || '';
}

function retryAfterSeconds(res, body) {
  const h = res.headers.get('Retry-After');
  if (h && /^\d+$/.test(h.trim())) {
    return Number(h.trim());
  }
  if (h) {
    const when = Date.parse(h);
    if (!Number.isNaN(when)) {
      return Math.max(0, Math.round((when - Date.now()) / 1000));
    }
  }
  return body && Number.isFinite(body.retryAfter) ? body.retryAfter : null;
}

async function call(token, method, path, body) {
  const headers = { Accept: 'application/json, application/problem+json', Authorization: `Bearer ${token}` };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let res;
  try {
    res = await fetch(apiBase() + path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      mode: 'cors', credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (e) {
    return { status: 0, network: true, data: null, problem: null };
  }
  let json = null;
  try {
    json = await res.json();
  } catch (e) {
    json = null;
  }
  if (res.ok) {
    return { status: res.status, data: json, problem: null, network: false };
  }
  const p = json && typeof json === 'object' ? json : {};
  return {
    status: res.status,
    data: null,
    network: false,
    problem: {
      code: problemCode(p.type),
      reason: typeof p.reason === 'string' ? p.reason : null,
      errors: Array.isArray(p.errors) ? p.errors.filter((e) => e && typeof e.field === 'string') : [],
      retryAfter: retryAfterSeconds(res, p),
    },
  };
}

export const api = {
  form: (token) => call(token, 'GET', '/reports/form'),
  submit: (token, report) => call(token, 'POST', '/reports', report),
  requestLink: (token) => call(token, 'POST', '/reports/link-requests'),
};
