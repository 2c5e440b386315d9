// Reading the grant from the API: each list is fetched once per session and kept in memory until an
// action changes it (invalidate) or the person asks for fresh figures. The joins (per recipient, per
// pot) are made here, from the API's own lists, the way the demo's summary reads them back.

import { get } from './api.js';
import { config } from './auth.js';

const cache = new Map();
const CHOSEN = 'bidrag.konsol.statsbidrag'; // the grant chosen in this tab: an id, no secret
let chosen = null;

function stored() {
  try {
    return sessionStorage.getItem(CHOSEN);
  } catch (e) {
    return null;
  }
}

/** The grant the console shows: the one chosen in this tab, else the one config.js names. */
export function grantId() {
  if (chosen === null) {
    chosen = stored() || config().grantId;
  }
  return chosen;
}

/** Shows another grant from now on (this tab only); every list read for the previous grant is dropped. */
export function chooseGrant(id) {
  chosen = id;
  try {
    sessionStorage.setItem(CHOSEN, id);
  } catch (e) {
    // private mode: the choice lasts until the page is reloaded
  }
  invalidate();
}

function g() {
  return `/grants/${encodeURIComponent(grantId())}`;
}

/** name → path of the agency's read routes the views use. */
export const ROUTES = {
  grants: () => '/grants',
  grant: () => g(),
  allocations: () => `${g()}/allocations`,
  requisitions: () => `${g()}/requisitions`,
  redistribution: () => `${g()}/redistribution`,
  payments: () => `${g()}/payments`,
  paymentFiles: () => `${g()}/payment-files`,
  batches: () => `${g()}/payout-batches`,
  reports: () => `${g()}/reports`,
  invoices: () => `${g()}/invoices`,
  emails: () => `${g()}/emails`,
  nonReporters: () => `${g()}/non-reporters`,
  proposals: () => `${g()}/proposals`,
  suppressions: () => '/email/suppressions',
  deadLetters: () => '/operations/dead-letters',
};

export function grantPath() {
  return g();
}

/** "awaiting-attestation" (the API's code) → "AWAITING_ATTESTATION" (the console's key). */
function stateKey(state) {
  return String(state || '').toUpperCase().replace(/-/g, '_');
}

/**
 * A payout batch as the views read it: the API gives a count in `orders` (the orders themselves come
 * with GET …/payout-batches/{id} as `paymentOrders`), the decision as `approval`/`rejection`, and the
 * payment file as a link; the views read {count, orders[], decidedBy, decidedAt, reason, paymentFile}.
 */
export function batchView(b) {
  const decision = b.approval || b.rejection || null;
  const list = Array.isArray(b.paymentOrders) ? b.paymentOrders : (Array.isArray(b.orders) ? b.orders : null);
  const fileHref = b.links && b.links.paymentFile;
  return {
    ...b,
    state: stateKey(b.state),
    count: typeof b.orders === 'number' ? b.orders : (b.count ?? (list ? list.length : 0)),
    orders: list,
    decidedBy: b.decidedBy || (decision && decision.by) || null,
    decidedAt: b.decidedAt || (decision && decision.at) || null,
    reason: b.reason || (b.rejection && b.rejection.reason) || null,
    paymentFile: b.paymentFile || (fileHref ? { runId: fileHref.split('/').pop(), href: fileHref } : null),
  };
}

/**
 * A proposal as the views read it: the API's {id, state "awaiting-attestation", decision{by, at,
 * reason}, links{approve, reject}} → {proposalId, state AWAITING_ATTESTATION, decidedBy, decidedAt}.
 */
export function proposalView(p) {
  const d = p.decision || null;
  return {
    ...p,
    proposalId: p.proposalId || p.id,
    state: stateKey(p.state),
    decidedBy: p.decidedBy || (d && d.by) || null,
    decidedAt: p.decidedAt || (d && d.at) || null,
  };
}

const VIEWS = {
  batches: (d) => ({ ...d, batches: (d.batches || []).map(batchView) }),
  proposals: (d) => ({ ...d, staleAfterDays: d.staleAfterDays ?? d.staleAfterWorkingDays, proposals: (d.proposals || []).map(proposalView) }),
};

/**
 * The lists the API answers a page at a time (name → the field with the items): every page is read, 1 000 items
 * at a time, following each page's `next`, and the items joined, so that the views and their joins see all of
 * them (10 000 payment orders: ten requests); the first page's other fields (the totals) are kept.
 */
const PAGED = { payments: 'orders' };
const MAX_PAGES = 1000;

async function getAll(name) {
  const field = PAGED[name];
  const first = await get(`${ROUTES[name]()}?limit=1000`);
  if (!first.ok || !first.data) {
    return first;
  }
  const items = [...(first.data[field] || [])];
  let page = first.data;
  for (let n = 1; page.next && n < MAX_PAGES; n += 1) {
    const r = await get(`${ROUTES[name]()}?limit=1000&cursor=${encodeURIComponent(page.next)}`);
    if (!r.ok || !r.data) {
      return r;
    }
    items.push(...(r.data[field] || []));
    page = r.data;
  }
  return { ...first, data: { ...first.data, [field]: items, count: items.length, next: null, links: undefined } };
}

/**
 * One list: {ok, data, missing, problem, status, network}. The redistribution not yet recorded (404
 * problem) is ok with data null.
 */
export function load(name) {
  if (!cache.has(name)) {
    const p = (PAGED[name] ? getAll(name) : get(ROUTES[name]())).then((r) => {
      if (name === 'redistribution' && !r.ok && r.status === 404 && !r.missing) {
        return { ...r, ok: true, data: null, notRecorded: true };
      }
      if (!r.ok) {
        cache.delete(name); // a failure is not kept: the next view asks again
      }
      return r.ok && r.data && VIEWS[name] ? { ...r, data: VIEWS[name](r.data) } : r;
    });
    cache.set(name, p);
  }
  return cache.get(name);
}

/** Several lists at once: {name: result}. */
export async function loadAll(names) {
  const results = await Promise.all(names.map((n) => load(n)));
  const out = {};
  names.forEach((n, i) => { out[n] = results[i]; });
  return out;
}

/** Forgets lists (after an action changed them); no names = everything. */
export function invalidate(...names) {
  if (!names.length) {
    cache.clear();
  }
  names.forEach((n) => cache.delete(n));
}

const sum = (xs) => xs.reduce((s, x) => s + x, 0);

/**
 * Per pot: allocated, requisitioned, redistributed, paid, unallocated (as the demo's summary counts
 * them): paid = the payment orders split over pots by the requisition's split or the share's extras;
 * unallocated = what the recorded redistribution left (null before it is recorded).
 */
export function potFigures({ allocations, requisitions, redistribution, payments }) {
  const reqPots = new Map((requisitions.requisitions || []).map((q) => [q.recipientId, q.pots || {}]));
  const sharePots = new Map();
  for (const s of (redistribution && redistribution.shares) || []) {
    const split = {};
    s.extras.forEach((x) => { split[x.potId] = (split[x.potId] || 0) + x.amount; });
    sharePots.set(s.recipientId, split);
  }
  const paidPerPot = {};
  for (const o of (payments && payments.orders) || []) {
    const split = o.kind === 'requisition' ? reqPots.get(o.recipientId) : sharePots.get(o.recipientId);
    Object.entries(split || {}).forEach(([pot, a]) => { paidPerPot[pot] = (paidPerPot[pot] || 0) + a; });
  }
  const reqByPot = new Map((requisitions.pots || []).map((p) => [p.potId, p]));
  const redByPot = new Map(((redistribution && redistribution.pots) || []).map((p) => [p.potId, p]));
  const pots = allocations.pots.map((p) => ({
    potId: p.id,
    title: p.title,
    recipientKind: p.recipientKind,
    amount: p.amount,
    allocated: p.allocated,
    requisitioned: reqByPot.has(p.id) ? reqByPot.get(p.id).requisitioned : 0,
    redistributed: redByPot.has(p.id) ? redByPot.get(p.id).redistributed : 0,
    paid: paidPerPot[p.id] || 0,
    unallocated: redByPot.has(p.id) ? redByPot.get(p.id).remainder : null,
  }));
  const total = {
    potId: 'total',
    allocated: sum(pots.map((p) => p.allocated)),
    requisitioned: sum(pots.map((p) => p.requisitioned)),
    redistributed: sum(pots.map((p) => p.redistributed)),
    paid: sum(pots.map((p) => p.paid)),
    unallocated: pots.every((p) => p.unallocated !== null) ? sum(pots.map((p) => p.unallocated)) : null,
  };
  return { pots, total };
}

/**
 * One row per recipient role: the allocation joined with the requisition, the redistributed share,
 * the payment orders, the reporting status and the invoices (net of credit notes).
 */
export function recipientRows({ allocations, requisitions, redistribution, payments, reports, invoices }) {
  const req = new Map((requisitions.requisitions || []).map((q) => [q.recipientId, q]));
  const share = new Map(((redistribution && redistribution.shares) || []).map((s) => [s.recipientId, s.total]));
  const paid = new Map();
  for (const o of (payments && payments.orders) || []) {
    paid.set(o.recipientId, (paid.get(o.recipientId) || 0) + o.amount);
  }
  const rep = new Map(((reports && reports.recipients) || []).map((r) => [r.recipientId, r]));
  const inv = new Map();
  for (const i of (invoices && invoices.invoices) || []) {
    const e = inv.get(i.recipientId) || { net: 0, outstanding: 0, dueDates: [] };
    e.net += i.type === 'credit-note' ? -i.amount : i.amount;
    if (i.type !== 'credit-note' && i.outstanding > 0) {
      e.outstanding += i.outstanding;
      e.dueDates.push(i.dueDate);
    }
    inv.set(i.recipientId, e);
  }
  return allocations.allocations.map((a) => {
    const q = req.get(a.recipientId);
    const r = rep.get(a.recipientId);
    const i = inv.get(a.recipientId);
    return {
      id: a.recipientId,
      name: a.name,
      code: a.code,
      kind: a.kind,
      region: a.region,
      regionCode: a.regionCode,
      orgnr: a.orgnr || '',
      allocated: a.total,
      requisitioned: q && q.status !== 'withdrawn' ? q.amount : 0,
      requisitionStatus: q ? q.status : 'none',
      redistributed: share.get(a.recipientId) || 0,
      paid: paid.get(a.recipientId) || 0,
      reportStatus: r ? r.status : 'none',
      invoiced: i ? i.net : 0,
      outstanding: i ? i.outstanding : 0,
      earliestDue: i && i.dueDates.length ? i.dueDates.sort()[0] : null,
    };
  });
}
