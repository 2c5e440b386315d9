// Where the tests run: against the node stub (the default), or against the real local stack when a
// Java test sets BIDRAG_SITE_URL. The tests ask the world for links of a kind; the real stack can
// give only what the Java test prepared, and the tests skip what it cannot give.
//
// Real-stack mode (all set by the Java test):
//   BIDRAG_SITE_URL       the site's origin, e.g. http://127.0.0.1:8080 (serving site/)
//   BIDRAG_API_URL        the API's origin, e.g. http://127.0.0.1:3000
//   BIDRAG_LINKS          personal links of recipients that received money and have not reported, before
//                         the deadline, separated by spaces, commas or new lines; each test that needs a
//                         fresh recipient takes the next one that the API still calls fresh (about 25
//                         are used by a full run)
//   BIDRAG_SES_STORE_URL  the SES emulator's store, e.g. http://127.0.0.1:8025/store
//   optional: BIDRAG_LINK_LATE (deadline passed, not reported), BIDRAG_LINK_CLOSED (deadline passed,
//   reported), BIDRAG_LINK_EXPIRED, BIDRAG_LINK_REVOKED, BIDRAG_LINK_NOTHING (received nothing)
// Stub mode: BIDRAG_STUB_SAME_ORIGIN=1 serves the API on the site's origin (default: another origin).

import { startStub } from '../stub-api.mjs';
import { readMailbox } from './mail.mjs';

export const REAL = Boolean(process.env.BIDRAG_SITE_URL);

function tokenOf(link) {
  return decodeURIComponent(new URL(link).hash.slice(1));
}

/** A token with its signature changed in the middle (a tampered link). */
export function tamper(link) {
  const u = new URL(link);
  const token = tokenOf(link);
  const i = token.length - 12;
  const c = token.charAt(i) === 'A' ? 'B' : 'A';
  u.hash = token.slice(0, i) + c + token.slice(i + 1);
  return u.toString();
}

async function api(apiUrl, token, method, path, body) {
  const res = await fetch(apiUrl + path, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: await res.json().catch(() => null), headers: res.headers };
}

/** Submits a first report through the API (not the page), using up all the money but 1 000 kr. */
export async function reportThroughApi(apiUrl, link) {
  const token = tokenOf(link);
  const form = (await api(apiUrl, token, 'GET', '/reports/form')).body;
  const usedPerArea = {};
  let left = form.received - Math.min(1000, form.received);
  form.areas.forEach((a, i) => {
    const v = i === form.areas.length - 1 ? left : Math.floor(left / (form.areas.length - i));
    usedPerArea[String(a.number)] = v;
    left -= v;
  });
  const used = Object.values(usedPerArea).reduce((s, v) => s + v, 0);
  const res = await api(apiUrl, token, 'POST', '/reports', {
    usedPerArea, unspent: form.received - used, account: 'Testdata: inskickad av testet före besöket.',
    separateAccounting: true, reporter: { name: 'Test Testsson', email: 'test.testsson@example.com' },
  });
  if (res.status !== 201 && res.status !== 200) {
    throw new Error(`POST /reports: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body;
}

export async function createWorld() {
  if (REAL) {
    const site = process.env.BIDRAG_SITE_URL.replace(/\/+$/, '');
    const apiUrl = (process.env.BIDRAG_API_URL || site).replace(/\/+$/, '');
    const fresh = String(process.env.BIDRAG_LINKS || process.env.BIDRAG_LINK || '').split(/[\s,]+/).filter(Boolean);
    const store = process.env.BIDRAG_SES_STORE_URL || null;
    // Each test file runs in its own process over the same list: a link is taken when the API says it
    // still works and has no report (one only opened by an earlier file is fine to use again).
    const takeFresh = async () => {
      while (fresh.length) {
        const link = fresh.shift();
        const res = await api(apiUrl, tokenOf(link), 'GET', '/reports/form').catch(() => null);
        if (res && res.status === 200 && res.body && res.body.report === null && !res.body.late) {
          return link;
        }
      }
      return null;
    };
    return {
      real: true,
      siteUrl: site,
      apiUrl,
      sameOrigin: new URL(site).origin === new URL(apiUrl).origin,
      canControl: false,
      /** A link of a kind, or null when this world cannot give one (the test then skips). */
      async link(kind) {
        switch (kind) {
          case 'fresh':
          case 'fresh-8':
            return takeFresh();
          case 'reported': {
            const l = await takeFresh();
            if (l) {
              await reportThroughApi(apiUrl, l);
            }
            return l;
          }
          case 'tampered': {
            const l = await takeFresh();
            return l && tamper(l);
          }
          default:
            return process.env[`BIDRAG_LINK_${kind.toUpperCase()}`] || null;
        }
      },
      mails: store ? () => readMailbox(store) : null,
      sesStoreUrl: store,
      apiRequests: null,
      async close() {},
    };
  }
  const stub = await startStub({ sameOrigin: process.env.BIDRAG_STUB_SAME_ORIGIN === '1', linkRequestWindowSeconds: 600 });
  const kinds = {
    fresh: {},
    'fresh-8': { areas: 8 },
    reported: { report: true },
    late: { late: true },
    closed: { late: true, report: true, submittedAt: '2026-03-20T09:00:00Z' },
    expired: { link: 'expired' },
    revoked: { link: 'revoked' },
    tampered: { link: 'tampered' },
    nothing: { received: 0 },
  };
  return {
    real: false,
    siteUrl: stub.siteUrl,
    apiUrl: stub.apiUrl,
    sameOrigin: stub.sameOrigin,
    canControl: true,
    stub,
    async link(kind, extra = {}) {
      if (!kinds[kind]) {
        throw new Error(`no such kind of link: ${kind}`);
      }
      return stub.newRecipient({ ...kinds[kind], ...extra }).link;
    },
    mails: async () => readMailbox(stub.sesUrl),
    sesStoreUrl: `${stub.sesUrl}/store`,
    apiRequests: stub.requests,
    close: () => stub.close(),
  };
}
