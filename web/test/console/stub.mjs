// A stand-in for everything the agency's console talks to, for developing and testing it without the
// Java stack: the site (web/site, with the production security headers), Bidrag's JSON API as the
// console uses it, and an OpenID Connect provider (discovery, a sign-in page where one picks a test
// person and agency roles, a token endpoint that verifies PKCE S256, JWKS, sign-out).
//
// ALL DATA HERE IS TEST DATA. The played year comes from fixtures/played-year.json.gz: the API's own
// answers after `./bidrag demo` (seed 2025; see fixtures/capture.mjs) — the 2025 allocation computed
// from the repository's inputs (two of them illustrative) and the demo's seeded mix of requisitions,
// reports and invoices. On top of it the stub adds, and marks with "stub": three redistribution shares
// still unpaid, two bounced registry addresses, a few representatives, two messages in a dead-letter
// queue, proposals awaiting attestation, and the payout batches and audit trail of the four-eyes API
// (whose shapes are assumptions until that API lands: see web/console.md).
//
//   node test/console/stub.mjs [--port 8090] [--api-port 8091] [--issuer-port 8092]
//        [--scenario played-year|after-deadline] [--recipients N] [--missing "GET /grants/{g}/audit,..."]
//
// prints the console's address and the test persons.

import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SITE_DIR = path.resolve(HERE, '../../site');
const FIXTURE = path.join(HERE, 'fixtures', 'played-year.json.gz');
export const GRANT_ID = 'god-och-nara-vard-2025';
export const AGENCY_ORGNR = '2021000555';
export const CLIENT_ID = 'bidrag-konsol';
export const AUDIENCE = 'bidrag';
const G = `/grants/${GRANT_ID}`;
/** The next year's grant of the scenario 'two-grants' (the stub serves it the 2025 year's figures under its own id). */
export const NEXT_GRANT_ID = 'god-och-nara-vard-2026-exempel';
const NEXT = `/grants/${NEXT_GRANT_ID}`;
const NEXT_TITLE = 'EXEMPEL: Statsbidrag för utveckling av en god och nära vård 2026 (inte ett beslut; demonstrerar ett andra bidragsår)';

/** The test persons of the stub's sign-in page (test data). */
export const PERSONS = [
  { sub: 'hanna', name: 'Hanna Handläggare', roles: ['handlaggare'] },
  { sub: 'arvid', name: 'Arvid Attestant', roles: ['attestant'] },
  { sub: 'disa', name: 'Disa Dubbelroll', roles: ['handlaggare', 'attestant'] },
  { sub: 'olle', name: 'Olle Utan Roll', roles: [] },
];
const ROLES = [['handlaggare', 'Handläggare'], ['attestant', 'Attestant']];

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml',
};

const clone = (x) => JSON.parse(JSON.stringify(x));
const b64url = (buf) => Buffer.from(buf).toString('base64url');

function problem(status, code, title, detail, extra = {}) {
  return { status, problem: true, body: { type: `urn:bidrag:problem:${code}`, title, status, detail, ...extra } };
}
const forbidden = (detail) => problem(403, 'forbidden', 'Not allowed', detail);
const notFound = (field, detail) => problem(404, 'not-found', 'Not found', detail, field ? { errors: [{ field, pointer: `/${field}`, detail }] } : {});
const conflict = (code, detail) => problem(409, code, 'Conflict with the current state', detail);
function invalid(errors) {
  return problem(422, 'validation-failed', 'The request has fields that are not valid',
    errors.length === 1 ? `${errors[0].field}: ${errors[0].detail}` : `${errors.length} fields are not valid`,
    { errors: errors.map((e) => ({ field: e.field, pointer: `/${e.field.replace(/\./g, '/')}`, detail: e.detail })) });
}
const ok = (body, status = 200, headers = {}) => ({ status, body, headers });

/** A deterministic random number generator (mulberry32), so every run has the same test data. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function addDays(iso, days) {
  const d = new Date(`${iso.slice(0, 10)}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function stockholmDate(instant) {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

export function loadPlayedYear() {
  return JSON.parse(zlib.gunzipSync(fs.readFileSync(FIXTURE)).toString('utf8'));
}

function removeTransactions(xml, orderIds) {
  let out = xml;
  for (const id of orderIds) {
    out = out.replace(new RegExp(`<CdtTrfTxInf><PmtId><InstrId>${id}</InstrId>.*?</CdtTrfTxInf>`), '');
  }
  return out;
}

function pain001(runId, orders, createdAt) {
  const total = orders.reduce((s, o) => s + o.amount, 0);
  const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const local = new Date(createdAt).toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm' }).replace(' ', 'T');
  const party = `<Nm>Socialstyrelsen</Nm><Id><OrgId><Othr><Id>${AGENCY_ORGNR}</Id><SchmeNm><Cd>CINC</Cd></SchmeNm></Othr></OrgId></Id>`;
  const tx = orders.map((o) => `<CdtTrfTxInf><PmtId><InstrId>${o.orderId}</InstrId><EndToEndId>${o.orderId}</EndToEndId></PmtId>`
    + `<Amt><InstdAmt Ccy="SEK">${o.amount}.00</InstdAmt></Amt><Cdtr><Nm>${esc(o.name)}</Nm><Id><OrgId><Othr><Id>${o.orgnr}</Id>`
    + '<SchmeNm><Cd>CINC</Cd></SchmeNm></Othr></OrgId></Id></Cdtr><RmtInf><Ustrd>'
    + `${o.kind === 'requisition' ? 'Rekvisition' : 'Omfördelning'} ${o.recipientId}, Statsbidrag för utveckling av en god och nära vård 2025</Ustrd></RmtInf></CdtTrfTxInf>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"><CstmrCdtTrfInitn>`
    + `<GrpHdr><MsgId>${runId}</MsgId><CreDtTm>${local.slice(0, 19)}</CreDtTm><NbOfTxs>${orders.length}</NbOfTxs><CtrlSum>${total}.00</CtrlSum><InitgPty>${party}</InitgPty></GrpHdr>`
    + `<PmtInf><PmtInfId>${runId}</PmtInfId><PmtMtd>TRF</PmtMtd><NbOfTxs>${orders.length}</NbOfTxs><CtrlSum>${total}.00</CtrlSum>`
    + `<PmtTpInf><SvcLvl><Cd>NURG</Cd></SvcLvl></PmtTpInf><ReqdExctnDt>${local.slice(0, 10)}</ReqdExctnDt><Dbtr>${party}</Dbtr>`
    + '<DbtrAcct><Id><Othr><Id>50501055</Id><SchmeNm><Prtry>BGNR</Prtry></SchmeNm></Othr></Id><Ccy>SEK</Ccy></DbtrAcct>'
    + `<DbtrAgt><FinInstnId><Othr><Id>NOTPROVIDED</Id></Othr></FinInstnId></DbtrAgt><ChrgBr>SLEV</ChrgBr>${tx}</PmtInf></CstmrCdtTrfInitn></Document>`;
}

/** A minimal one-page PDF saying what the invoice is (the real one is made by PDFBox). */
function invoicePdf(inv) {
  const text = `Faktura ${inv.number} (testdata fran stubben) ${inv.amount} kr`;
  const content = `BT /F1 14 Tf 72 760 Td (${text}) Tj ET`;
  const objs = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'];
  let pdf = '%PDF-1.4\n';
  const offsets = [];
  objs.forEach((o, i) => { offsets.push(pdf.length); pdf += `${i + 1} 0 obj\n${o}\nendobj\n`; });
  const xref = pdf.length;
  pdf += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/**
 * The world the API shows. scenario 'played-year' (clock 15 April 2026: everything after the reporting
 * deadline) or 'after-deadline' (clock 18 April 2025 01:00: requisitions closed, nothing redistributed or
 * paid yet). synthetic: extra made-up recipients for measuring the table (0 = the real 311).
 */
export function buildWorld({ scenario = 'played-year', synthetic = 0 } = {}) {
  const d = loadPlayedYear();
  const r = clone(d.routes);
  const w = {
    scenario,
    now: scenario === 'after-deadline' ? '2025-04-17T23:00:00Z' : '2026-04-15T07:30:00Z',
    grant: r[G],
    allocations: r[`${G}/allocations`],
    requisitions: r[`${G}/requisitions`],
    redistribution: r[`${G}/redistribution`],
    orders: r[`${G}/payments`].orders,
    files: r[`${G}/payment-files`].files,
    fileXml: {},
    reports: r[`${G}/reports`].recipients,
    invoices: r[`${G}/invoices`].invoices,
    emails: r[`${G}/emails`].emails,
    nonReporters: r[`${G}/non-reporters`],
    suppressions: [],
    ombud: clone(d.ombud),
    delegates: {},
    payoutAccounts: {},
    batches: [],
    proposals: [],
    audit: [],
    deadLetters: [
      { name: 'EmailDeadLetterQueue', source: 'E-postkön (utskick av e-post)', depth: 0, oldestAt: null, redrivable: true },
      { name: 'PaymentDeadLetterQueue', source: 'Betalkön (betalfiler)', depth: 0, oldestAt: null, redrivable: true },
      { name: 'InvoicingDeadLetterQueue', source: 'Faktureringskön', depth: 0, oldestAt: null, redrivable: true },
      { name: 'SesEventDeadLetterQueue', source: 'Studsar och klagomål från SES', depth: 0, oldestAt: null, redrivable: true },
      { name: 'ScheduleDeadLetterQueue', source: 'Schemalagda körningar', depth: 0, oldestAt: null, redrivable: false },
    ],
    counters: { batch: 0, proposal: 0, invoice: 0, audit: 0 },
    heldShares: new Set(),
    revoked: {},
  };
  for (const f of w.files) {
    w.fileXml[f.runId] = r[f.href];
  }
  w.counters.invoice = Math.max(...w.invoices.map((i) => Number(i.number)));
  const byId = new Map(w.allocations.allocations.map((a) => [a.recipientId, a]));
  w.allocationById = byId;
  const audit = (e) => {
    w.counters.audit += 1;
    w.audit.push({ sequence: e.sequence ?? 1, ...e, id: w.counters.audit });
  };
  w.addAudit = audit;

  // --- the audit trail as the real API records it (requisitions, payouts, reports, invoices, ombud)
  for (const o of Object.values(w.ombud)) {
    audit({ at: o.registeredAt, actor: o.registeredBy, action: 'ombud.registered', entity: `organisation/${o.orgnr}/ombud`, orgnr: o.orgnr, before: null, after: o });
  }
  const rnd = prng(2025);
  for (const q of w.requisitions.requisitions) {
    const entity = `requisition/${GRANT_ID}/${q.recipientId}`;
    const v1 = { ...q, status: 'accepted', version: 1, paidAt: undefined };
    audit({ at: q.submittedAt, actor: q.updatedBy, action: 'requisition.submitted', entity, sequence: 1, recipientId: q.recipientId, before: null, after: v1 });
    const lastAccepted = q.status === 'paid' ? q.version - 1 : q.version;
    let prev = v1;
    for (let v = 2; v <= lastAccepted; v += 1) {
      const at = new Date(Date.parse(q.submittedAt) + (Date.parse(q.updatedAt) - Date.parse(q.submittedAt)) * ((v - 1) / (lastAccepted - 1))).toISOString().replace(/\.\d+Z$/, 'Z');
      const next = { ...prev, version: v, amount: v === lastAccepted ? q.amount : Math.round(q.amount * (0.8 + 0.1 * rnd())), updatedAt: at };
      audit({ at, actor: q.updatedBy, action: 'requisition.amended', entity, sequence: v, recipientId: q.recipientId, before: prev, after: next });
      prev = next;
    }
    if (q.status === 'paid') {
      audit({ at: q.paidAt, actor: 'system:payout', action: 'requisition.paid', entity, sequence: q.version, recipientId: q.recipientId, before: { ...prev, amount: q.amount }, after: { ...q, orderId: `R-${q.recipientId}` } });
    }
  }
  for (const s of w.redistribution.shares.filter((x) => x.total > 0)) {
    audit({ at: w.redistribution.recordedAt, actor: 'system:payout', action: 'redistribution-share.paid', entity: `redistribution-share/${GRANT_ID}/${s.recipientId}`, recipientId: s.recipientId, sequence: 2, before: { status: 'unpaid', total: s.total }, after: { status: 'paid', total: s.total, orderId: `X-${s.recipientId}` } });
  }
  for (const rep of w.reports) {
    if (rep.report) {
      audit({ at: rep.report.submittedAt, actor: `${rep.orgnr}/reporter/report-link:${rep.report.reporter.email}`, action: rep.report.late ? 'report.submitted-late' : 'report.submitted', entity: `report/${GRANT_ID}/${rep.recipientId}`, recipientId: rep.recipientId, sequence: rep.report.version, before: null, after: rep.report });
    }
  }
  for (const inv of w.invoices) {
    audit({ at: inv.createdAt, actor: 'system:invoicing', action: `${inv.type}.issued`, entity: `invoice/${inv.number}`, recipientId: inv.recipientId, before: null, after: { number: inv.number, amount: inv.amount, reason: inv.reason } });
  }

  // --- the four-eyes history of the real payout run (stub: the batch the demo's run would have been)
  const run = w.files[0];
  w.batches.push({
    batchId: 'B-20250418-1', state: 'FILED', proposedBy: `${AGENCY_ORGNR}/handlaggare/handlaggare-demo`, proposedByName: 'Handläggare (demo)',
    proposedAt: '2025-04-18T05:40:00Z', decidedBy: `${AGENCY_ORGNR}/attestant/attestant-demo`, decidedByName: 'Attestant (demo)', decidedAt: '2025-04-18T05:55:00Z',
    orders: w.orders.map((o) => ({ orderId: o.orderId, recipientId: o.recipientId, name: o.name, orgnr: o.orgnr, kind: o.kind, amount: o.amount })),
    total: run.total, count: run.orders, runId: run.runId, paymentFile: { runId: run.runId, href: run.href },
  });

  // --- stub: three redistribution shares not yet paid (recipients that never reported)
  const held = ['kommun-0120', 'kommun-1060', 'kommun-1267'];
  for (const id of held) {
    const o = w.orders.find((x) => x.orderId === `X-${id}`);
    w.orders = w.orders.filter((x) => x !== o);
    w.heldShares.add(id);
    const nr = w.nonReporters.recipients.find((x) => x.recipientId === id);
    if (nr) {
      nr.received -= o.amount;
    }
    const rep = w.reports.find((x) => x.recipientId === id);
    if (rep) {
      rep.received -= o.amount;
    }
    w.audit = w.audit.filter((e) => e.entity !== `redistribution-share/${GRANT_ID}/${id}`);
  }
  w.fileXml[run.runId] = removeTransactions(w.fileXml[run.runId], held.map((id) => `X-${id}`));
  const filedTotal = w.orders.reduce((s, o) => s + o.amount, 0);
  Object.assign(run, { orders: w.orders.length, total: filedTotal });
  w.fileXml[run.runId] = w.fileXml[run.runId].replace(/<NbOfTxs>\d+<\/NbOfTxs>/g, `<NbOfTxs>${w.orders.length}</NbOfTxs>`).replace(/<CtrlSum>[\d.]+<\/CtrlSum>/g, `<CtrlSum>${filedTotal}.00</CtrlSum>`);
  Object.assign(w.batches[0], { orders: w.batches[0].orders.filter((o) => !held.some((id) => o.orderId === `X-${id}`)), total: filedTotal, count: w.orders.length });

  // --- stub: two bounced registry addresses (non-reporters): later mail to them is stopped
  for (const [id, at] of [['kommun-1442', '2026-02-02T07:00:05Z'], ['kommun-2161', '2026-03-11T07:00:04Z']]) {
    const rep = w.reports.find((x) => x.recipientId === id);
    w.suppressions.push({ address: rep.registryEmail, reason: 'bounce', at, messageId: `stub-${id}` });
    for (const e of w.emails) {
      if (e.to === rep.registryEmail && e.at > at) {
        e.state = 'suppressed';
      }
    }
    rep.status = 'undeliverable';
  }
  // --- stub: representatives invited by a few ombud, a payout account awaiting attestation
  const orgs = Object.keys(w.ombud);
  orgs.slice(0, 6).forEach((o, i) => {
    w.delegates[o] = [{ orgnr: o, subject: `rep-${o}`, role: i % 3 === 2 ? 'uppgiftssamordnare' : 'representant', name: `Representant ${i + 1} (testperson)`, invitedAt: '2025-02-10T09:00:00Z', invitedBy: `${o}/ombud/ombud-${o}`, version: 1 }];
  });
  for (const o of orgs) {
    w.payoutAccounts[o] = { orgnr: o, bankgiro: `${String(5000 + (Number(o.slice(-4)) % 4000)).padStart(4, '0')}-${o.slice(-4)}`, state: 'APPROVED', submittedBy: `${o}/ombud/ombud-${o}`, submittedAt: '2025-02-05T09:00:00Z', decidedBy: `${AGENCY_ORGNR}/attestant/attestant-demo`, decidedAt: '2025-02-06T09:00:00Z' };
  }
  // --- stub: two messages in the e-mail dead-letter queue
  Object.assign(w.deadLetters[0], { depth: 2, oldestAt: '2026-04-14T07:00:03Z' });

  if (scenario === 'played-year' || scenario === 'two-grants') {
    const org = w.allocationById.get('kommun-1267');
    const pa = w.payoutAccounts[org.orgnr];
    w.counters.proposal += 1;
    w.proposals.push({ proposalId: `P-${w.counters.proposal}`, kind: 'payout-account', state: 'AWAITING_ATTESTATION', orgnr: org.orgnr, name: org.name, recipientId: org.recipientId, bankgiro: '5402-7781', previous: pa.bankgiro, reason: 'Nytt bankgiro anmält av ombudet.', proposedBy: `${org.orgnr}/ombud/ombud-${org.orgnr}`, proposedByName: `Ombud ${org.orgnr}`, proposedAt: '2026-04-14T12:10:00Z' });
    const open = w.invoices.find((i) => i.type === 'invoice' && i.status === 'open' && i.reason === 'unspent');
    w.counters.proposal += 1;
    w.proposals.push({ proposalId: `P-${w.counters.proposal}`, kind: 'waiver', state: 'AWAITING_ATTESTATION', recipientId: open.recipientId, name: open.debtor.name, invoiceNumber: open.number, amount: 1000, reason: 'Avrundning efter kontakt med kommunen (testdata).', proposedBy: `${AGENCY_ORGNR}/handlaggare/hanna`, proposedByName: 'Hanna Handläggare', proposedAt: '2026-03-30T10:00:00Z' });
  }

  if (scenario === 'after-deadline') {
    const decision = w.redistribution;
    w.previewDecision = { ...clone(decision), preview: true };
    delete w.previewDecision.recordedAt;
    delete w.previewDecision.recordedBy;
    delete w.previewDecision.decisionHash;
    w.redistribution = null;
    for (const q of w.requisitions.requisitions) {
      q.status = 'accepted';
      q.version -= 1;
      delete q.paidAt;
    }
    w.requisitions.totals = { ...w.requisitions.totals, accepted: w.requisitions.requisitions.length, paid: 0 };
    w.orders = [];
    w.files = [];
    w.batches = [];
    w.reports = [];
    w.invoices = [];
    w.emails = [];
    w.suppressions = [];
    w.nonReporters = { grant: GRANT_ID, listed: false, detail: 'the list is made by the daily invoicing run after the reporting deadline', recipients: [] };
    w.deadLetters.forEach((q) => Object.assign(q, { depth: 0, oldestAt: null }));
    w.heldShares.clear();
    w.audit = w.audit.filter((e) => e.at <= w.now);
  }

  if (synthetic > 0) {
    addSynthetic(w, synthetic);
  }
  return w;
}

/** Made-up recipients (for measuring the table with 10 000 rows): names say they are synthetic. */
function addSynthetic(w, n) {
  const rnd = prng(10000);
  const regions = w.allocations.allocations.filter((a) => a.kind === 'region');
  const extra = n - w.allocations.allocations.length;
  for (let i = 1; i <= extra; i += 1) {
    const reg = regions[i % regions.length];
    const id = `syntet-${String(i).padStart(5, '0')}`;
    const total = Math.round(500000 + rnd() * 20000000);
    const orgnr = `29${String(10000000 + i).slice(-8)}`;
    w.allocations.allocations.push({ recipientId: id, kind: 'kommun', code: String(9000 + i), name: `Syntetisk mottagare ${i} (testdata)`, region: reg.name, regionCode: reg.code, orgnr, pots: { 'kommun-care-and-population': total, 'kommun-rural': 0 }, total, explanation: [] });
    const amount = rnd() < 0.85 ? total : Math.round(total * rnd());
    w.requisitions.requisitions.push({ grantId: GRANT_ID, recipientId: id, kind: 'kommun', name: `Syntetisk mottagare ${i} (testdata)`, orgnr, status: 'paid', version: 2, amount, allocation: total, pots: { 'kommun-care-and-population': amount, 'kommun-rural': 0 }, submittedAt: '2025-03-03T09:00:00Z', updatedAt: '2025-03-03T09:00:00Z', updatedBy: `${orgnr}/ombud/x`, paidAt: '2025-04-18T06:00:00Z' });
    w.orders.push({ orderId: `R-${id}`, grantId: GRANT_ID, recipientId: id, orgnr, name: `Syntetisk mottagare ${i} (testdata)`, kind: 'requisition', amount, runId: 'syntet', status: 'filed', createdAt: '2025-04-18T06:00:00Z' });
    const statuses = ['reported', 'reported', 'reported', 'late', 'reminded', 'undeliverable'];
    w.reports.push({ recipientId: id, name: `Syntetisk mottagare ${i} (testdata)`, orgnr, received: amount, status: statuses[i % statuses.length], linkSent: true, remindersSent: i % 3, registryEmail: `registrator@${id}.example` });
  }
}

// ---------------------------------------------------------------------------------------------- tokens

function makeKeys() {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' });
  const kid = crypto.createHash('sha256').update(jwk.n).digest('base64url').slice(0, 16);
  return { privateKey, publicKey, kid, jwks: { keys: [{ ...jwk, kid, use: 'sig', alg: 'RS256' }] } };
}

function signJwt(keys, claims) {
  const head = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: keys.kid }));
  const body = b64url(JSON.stringify(claims));
  const sig = crypto.sign('RSA-SHA256', Buffer.from(`${head}.${body}`), keys.privateKey);
  return `${head}.${body}.${b64url(sig)}`;
}

function verifyJwt(keys, token, issuer) {
  const parts = String(token).split('.');
  if (parts.length !== 3) {
    return null;
  }
  const okSig = crypto.verify('RSA-SHA256', Buffer.from(`${parts[0]}.${parts[1]}`), keys.publicKey, Buffer.from(parts[2], 'base64url'));
  if (!okSig) {
    return null;
  }
  const c = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  if (c.iss !== issuer || c.aud !== AUDIENCE || !(c.exp * 1000 > Date.now())) {
    return null;
  }
  return c;
}

function escapeHtml(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// ---------------------------------------------------------------------------------------------- servers

/**
 * Starts the stub. Options: port, apiPort, issuerPort (0 = any), scenario, recipients (total rows,
 * synthetic beyond 311), missing (route keys answered as API Gateway answers an unknown route),
 * tokenSeconds (access token lifetime).
 */
export async function startConsoleStub(opts = {}) {
  const host = opts.host || '127.0.0.1';
  const keys = makeKeys();
  let world = buildWorld({ scenario: opts.scenario, synthetic: opts.recipients || 0 });
  const missing = new Set(opts.missing || []);
  const tokenSeconds = opts.tokenSeconds ?? 3600;
  const codes = new Map();
  const refreshTokens = new Map();
  const requests = [];
  let siteUrl = '';
  let apiUrl = '';
  let issuerUrl = '';
  const timers = new Set();

  const later = (ms, fn) => {
    const t = setTimeout(() => { timers.delete(t); fn(); }, ms);
    timers.add(t);
  };

  // ---------------------------------------------------------------- the OpenID Connect provider
  function discovery() {
    return {
      issuer: issuerUrl,
      authorization_endpoint: `${issuerUrl}/authorize`,
      token_endpoint: `${issuerUrl}/token`,
      jwks_uri: `${issuerUrl}/jwks.json`,
      end_session_endpoint: `${issuerUrl}/logout`,
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['none'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'profile'],
      claims_supported: ['sub', 'name', 'orgnr', 'roles'],
    };
  }

  function authorizePage(q, error) {
    const hidden = ['client_id', 'redirect_uri', 'state', 'nonce', 'code_challenge', 'code_challenge_method', 'scope', 'response_type']
      .map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(q.get(k) || '')}">`).join('\n');
    const persons = PERSONS.map((p, i) => `<div class="radio"><input class="radio-input" type="radio" id="person-${p.sub}" name="person" value="${p.sub}"${i === 0 ? ' checked' : ''}>`
      + `<label class="radio-label" for="person-${p.sub}">${escapeHtml(p.name)} <span class="hint-inline">(${p.roles.length ? p.roles.map((r) => ROLES.find((x) => x[0] === r)[1].toLowerCase()).join(' och ') : 'ingen roll'})</span></label></div>`).join('\n');
    const roles = ROLES.map(([v, t]) => `<div class="radio"><input class="radio-input" type="checkbox" id="roll-${v}" name="roles" value="${v}">`
      + `<label class="radio-label" for="roll-${v}">${t}</label></div>`).join('\n');
    return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Logga in – testinloggning för Bidrag</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/bidrag.css">
</head>
<body>
<a class="skip-link" href="#innehall">Till huvudinnehållet</a>
<header class="header"><div class="wrap"><span class="header-agency">Socialstyrelsen</span><span class="header-service">Testinloggning (inte på riktigt)</span></div></header>
<div class="wrap main">
<main id="innehall" class="column" tabindex="-1">
<h1 class="heading-l">Logga in i Bidrag</h1>
<div class="warning"><p>Det här är en testinloggning med påhittade personer. Välj vem du vill vara och vilka roller personen ska ha. I produktion loggar du in hos Socialstyrelsens inloggningstjänst.</p></div>
${error ? `<div class="error-summary" role="alert"><h2 class="error-summary-title">Det finns ett problem</h2><p>${escapeHtml(error)}</p></div>` : ''}
<form method="post" action="/authorize">
${hidden}
<fieldset class="fieldset field"><legend class="legend legend-m">Vem är du?</legend>
${persons}
</fieldset>
<fieldset class="fieldset field"><legend class="legend legend-m">Roller hos Socialstyrelsen</legend>
<p class="hint">Kryssa inte i något för att få personens vanliga roller.</p>
${roles}
</fieldset>
<button class="button" type="submit" name="action" value="login">Logga in</button>
<button class="button button-secondary" type="submit" name="action" value="cancel">Avbryt</button>
</form>
</main>
</div>
<footer class="footer"><div class="wrap"><ul class="footer-links"><li><a href="${escapeHtml(siteUrl)}/tillganglighet/">Tillgänglighetsredogörelse</a></li></ul><p>Testinloggning i Bidrags testmiljö.</p></div></footer>
</body>
</html>`;
  }

  function issuerCors(req, res) {
    const origin = req.headers.origin;
    if (origin && origin === new URL(siteUrl).origin) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
    }
  }

  function handleIssuer(req, res, body) {
    const url = new URL(req.url, issuerUrl);
    const send = (status, type, data, headers = {}) => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
      res.end(data);
    };
    const json = (status, obj) => send(status, 'application/json', JSON.stringify(obj));
    issuerCors(req, res);
    requests.push({ server: 'issuer', method: req.method, path: url.pathname, search: url.search, headers: { ...req.headers } });
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type');
      res.writeHead(204);
      return res.end();
    }
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, discovery());
    }
    if (url.pathname === '/jwks.json') {
      return json(200, keys.jwks);
    }
    if (url.pathname === '/bidrag.css') {
      return send(200, TYPES['.css'], fs.readFileSync(path.join(SITE_DIR, 'assets', 'bidrag.css')));
    }
    const pageHeaders = {
      'Content-Security-Policy': `default-src 'none'; style-src 'self'; img-src data:; form-action 'self' ${new URL(siteUrl).origin}; frame-ancestors 'none'; base-uri 'none'`,
      'Referrer-Policy': 'no-referrer',
    };
    const registered = `${siteUrl}/konsol/`;
    if (url.pathname === '/authorize') {
      const q = req.method === 'POST' ? new URLSearchParams(body) : url.searchParams;
      if (q.get('client_id') !== CLIENT_ID || q.get('redirect_uri') !== registered) {
        return send(400, 'text/html; charset=utf-8', authorizePage(q, 'Okänd klient eller återadress (client_id, redirect_uri).'), pageHeaders);
      }
      const back = (params) => {
        const u = new URL(registered);
        Object.entries(params).forEach(([k, v]) => u.searchParams.set(k, v));
        send(302, 'text/plain', '', { Location: u.toString(), 'Referrer-Policy': 'no-referrer' });
      };
      if (q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(q.get('code_challenge') || '')) {
        return back({ error: 'invalid_request', error_description: 'response_type=code and PKCE S256 are required', state: q.get('state') || '' });
      }
      if (req.method === 'GET') {
        return send(200, 'text/html; charset=utf-8', authorizePage(q), pageHeaders);
      }
      if (q.get('action') === 'cancel') {
        return back({ error: 'access_denied', state: q.get('state') || '' });
      }
      const person = PERSONS.find((p) => p.sub === q.get('person'));
      if (!person) {
        return send(400, 'text/html; charset=utf-8', authorizePage(q, 'Välj en person.'), pageHeaders);
      }
      const chosen = q.getAll('roles').filter((x) => ROLES.some((r) => r[0] === x));
      const code = crypto.randomBytes(24).toString('base64url');
      codes.set(code, {
        clientId: q.get('client_id'), redirectUri: q.get('redirect_uri'), challenge: q.get('code_challenge'), nonce: q.get('nonce') || null,
        scope: q.get('scope') || 'openid', person, roles: chosen.length ? chosen : person.roles, expires: Date.now() + 60000,
      });
      return back({ code, state: q.get('state') || '' });
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      const q = new URLSearchParams(body);
      const fail = (error, description) => json(400, { error, error_description: description });
      let grant;
      if (q.get('grant_type') === 'authorization_code') {
        const c = codes.get(q.get('code') || '');
        codes.delete(q.get('code') || '');
        if (!c || c.expires < Date.now()) {
          return fail('invalid_grant', 'unknown, used or expired code');
        }
        if (q.get('client_id') !== c.clientId || q.get('redirect_uri') !== c.redirectUri) {
          return fail('invalid_grant', 'client_id or redirect_uri differ from the authorization request');
        }
        const verifier = q.get('code_verifier') || '';
        if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)
          || crypto.createHash('sha256').update(verifier).digest('base64url') !== c.challenge) {
          return fail('invalid_grant', 'PKCE verification failed');
        }
        grant = c;
      } else if (q.get('grant_type') === 'refresh_token') {
        const c = refreshTokens.get(q.get('refresh_token') || '');
        refreshTokens.delete(q.get('refresh_token') || '');
        if (!c || q.get('client_id') !== c.clientId) {
          return fail('invalid_grant', 'unknown refresh token');
        }
        grant = { ...c, nonce: null };
      } else {
        return fail('unsupported_grant_type', 'authorization_code or refresh_token');
      }
      const now = Math.floor(Date.now() / 1000);
      const common = { iss: issuerUrl, sub: grant.person.sub, name: `${grant.person.name}`, orgnr: AGENCY_ORGNR, roles: grant.roles.join(' '), iat: now };
      const accessToken = signJwt(keys, { ...common, aud: AUDIENCE, client_id: CLIENT_ID, scope: grant.scope, exp: now + tokenSeconds, jti: crypto.randomUUID() });
      const idToken = signJwt(keys, { ...common, aud: CLIENT_ID, exp: now + tokenSeconds, ...(grant.nonce ? { nonce: grant.nonce } : {}) });
      const refresh = crypto.randomBytes(24).toString('base64url');
      refreshTokens.set(refresh, grant);
      return json(200, { access_token: accessToken, token_type: 'Bearer', expires_in: tokenSeconds, id_token: idToken, refresh_token: refresh, scope: grant.scope });
    }
    if (url.pathname === '/logout') {
      const target = url.searchParams.get('post_logout_redirect_uri');
      if (url.searchParams.get('client_id') === CLIENT_ID && target === `${siteUrl}/konsol/?utloggad=1`) {
        return send(302, 'text/plain', '', { Location: target });
      }
      return send(400, 'text/plain; charset=utf-8', 'Okänd återadress.');
    }
    return json(404, { error: 'not_found' });
  }

  // ---------------------------------------------------------------- the API
  function caller(req) {
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization || '');
    const c = m ? verifyJwt(keys, m[1], issuerUrl) : null;
    if (!c) {
      return null;
    }
    const roles = String(c.roles || '').split(/\s+/).filter(Boolean);
    return { subject: c.sub, name: c.name, orgnr: c.orgnr, roles, describe: `${c.orgnr}/${roles[0] || 'none'}/${c.sub}` };
  }
  const isAgency = (c) => c.orgnr === AGENCY_ORGNR && c.roles.some((r) => r === 'handlaggare' || r === 'attestant');
  const needAgency = (c) => (isAgency(c) ? null : forbidden(`this route is for the agency's handläggare and attestants; the token's roles are '${c.roles.join(' ')}'`));
  const needRole = (c, role, what) => (c.roles.includes(role) ? null : forbidden(`${what} needs the role ${role}; the token's roles are '${c.roles.join(' ')}'`));

  /** A page of the orders, as the API pages them: order-id order, ?limit= (1–1000, 200), ?cursor= (the last id); totals on the first. */
  function payments(q) {
    const limit = q.has('limit') ? Number(q.get('limit')) : 200;
    if (!/^[1-9][0-9]{0,3}$/.test(q.get('limit') ?? '200') || limit > 1000) {
      return problem(400, 'invalid-request', 'The request is not valid', 'limit: must be a whole number from 1 to 1000', { errors: [{ field: 'limit', pointer: '/limit', detail: 'must be a whole number from 1 to 1000' }] });
    }
    const after = q.has('cursor') ? Buffer.from(q.get('cursor'), 'base64url').toString() : null;
    if (after !== null && !/^[A-Z]-[A-Za-z0-9._-]{1,200}$/.test(after)) {
      return problem(400, 'invalid-request', 'The request is not valid', 'cursor: is not a cursor this route handed out', { errors: [{ field: 'cursor', pointer: '/cursor', detail: 'is not a cursor this route handed out' }] });
    }
    const sorted = [...world.orders].sort((a, b) => (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0));
    const rest = after === null ? sorted : sorted.filter((o) => o.orderId > after);
    const page = rest.slice(0, limit);
    const cursor = rest.length > limit ? b64url(page[page.length - 1].orderId) : null;
    const body = { grant: GRANT_ID, orders: page, count: page.length };
    if (after === null) {
      const totals = { orders: world.orders.length, amount: world.orders.reduce((s, o) => s + o.amount, 0) };
      for (const st of ['pending', 'sent', 'filed']) {
        const list = world.orders.filter((o) => o.status === st);
        totals[st] = { orders: list.length, amount: list.reduce((s, o) => s + o.amount, 0) };
      }
      body.totals = totals;
    }
    body.next = cursor;
    if (cursor) {
      body.links = { next: `${G}/payments?${q.has('limit') ? `limit=${limit}&` : ''}cursor=${cursor}` };
    }
    return ok(body);
  }

  function invoiceTotals(list) {
    const inv = list.filter((i) => i.type === 'invoice');
    const cn = list.filter((i) => i.type === 'credit-note');
    const invoiced = inv.reduce((s, i) => s + i.amount, 0);
    const credited = cn.reduce((s, i) => s + i.amount, 0);
    return { invoices: inv.length, invoiced, creditNotes: cn.length, credited, net: invoiced - credited, outstanding: inv.reduce((s, i) => s + i.outstanding, 0) };
  }

  function reportsOverview() {
    const totals = { recipients: world.reports.length };
    world.reports.forEach((r) => { totals[r.status] = (totals[r.status] || 0) + 1; });
    return { grant: GRANT_ID, totals, recipients: world.reports };
  }

  function grantJson() {
    return {
      ...world.grant,
      now: world.now,
      reporting: { dispatchDate: '2026-02-02', deadline: '2026-03-31', reminders: ['2026-03-11', '2026-03-26', '2026-04-01'] },
      invoicing: { paymentTermDays: 30, dailyRunAt: '07:30' },
      redistributionAt: '2025-04-18T02:00:00+02:00',
      payouts: { dailyRunAt: '06:00', requiresAttestation: true },
    };
  }

  function unpaid() {
    const out = [];
    for (const q of world.requisitions.requisitions) {
      if (q.status === 'accepted' && !(world.scenario === 'after-deadline' && !q.amount)) {
        out.push({ orderId: `R-${q.recipientId}`, recipientId: q.recipientId, name: q.name, orgnr: q.orgnr, kind: 'requisition', amount: q.amount });
      }
    }
    if (world.redistribution) {
      for (const s of world.redistribution.shares) {
        const paid = world.orders.some((o) => o.orderId === `X-${s.recipientId}`);
        if (s.total > 0 && !paid) {
          out.push({ orderId: `X-${s.recipientId}`, recipientId: s.recipientId, name: s.name, orgnr: s.orgnr, kind: 'redistribution', amount: s.total });
        }
      }
    }
    return out;
  }

  /** A batch as the API shows it (PaymentJson.batch): the orders as a count, the decision, links. */
  function batchJson(b) {
    const self = `${G}/payout-batches/${b.batchId}`;
    const decision = b.decidedAt ? { by: b.decidedBy, at: b.decidedAt } : null;
    return {
      batchId: b.batchId, state: b.state.toLowerCase().replace(/_/g, '-'), proposedBy: b.proposedBy, openedAt: b.proposedAt,
      proposedAt: b.proposedAt, orders: b.orders.length, total: b.total,
      ...(decision && b.state !== 'REJECTED' ? { approval: { approvalId: `A-${b.batchId}`, ...decision } } : {}),
      ...(decision && b.state === 'REJECTED' ? { rejection: { ...decision, reason: b.reason } } : {}),
      skipped: [],
      links: {
        self,
        ...(b.state === 'AWAITING_ATTESTATION' ? { approve: `${self}/approve`, reject: `${self}/reject` } : {}),
        ...(b.state === 'FILED' ? { paymentFile: `${G}/payment-files/${b.paymentFile ? b.paymentFile.runId : b.batchId}` } : {}),
      },
    };
  }

  function fileBatch(b) {
    if (b.state !== 'APPROVED') {
      return;
    }
    const at = new Date(Date.parse(world.now) + 60000).toISOString().replace(/\.\d+Z$/, 'Z');
    const runId = `${at.replace(/[-:]/g, '').slice(0, 15)}-${b.batchId.split('-').pop()}`;
    for (const o of b.orders) {
      world.orders.push({ ...o, grantId: GRANT_ID, runId, status: 'filed', createdAt: at });
      if (o.kind === 'requisition') {
        const q = world.requisitions.requisitions.find((x) => x.recipientId === o.recipientId);
        const before = clone(q);
        Object.assign(q, { status: 'paid', version: q.version + 1, paidAt: at });
        world.addAudit({ at, actor: 'system:payout', action: 'requisition.paid', entity: `requisition/${GRANT_ID}/${o.recipientId}`, recipientId: o.recipientId, sequence: q.version, before, after: { ...q, orderId: o.orderId } });
      } else {
        world.heldShares.delete(o.recipientId);
        world.addAudit({ at, actor: 'system:payout', action: 'redistribution-share.paid', entity: `redistribution-share/${GRANT_ID}/${o.recipientId}`, recipientId: o.recipientId, sequence: 2, before: { status: 'unpaid', total: o.amount }, after: { status: 'paid', total: o.amount, orderId: o.orderId } });
      }
    }
    const href = `${G}/payment-files/${runId}`;
    world.files.push({ runId, orders: b.orders.length, total: b.total, createdAt: at, sha256: crypto.createHash('sha256').update(runId).digest('hex'), href });
    world.fileXml[runId] = pain001(runId, b.orders, at);
    Object.assign(b, { state: 'FILED', runId, paymentFile: { runId, href } });
  }

  function recipientOf(id) {
    return world.allocationById.get(id);
  }

  function receivedOf(id) {
    return world.orders.filter((o) => o.recipientId === id).reduce((s, o) => s + o.amount, 0);
  }

  function netInvoiced(id) {
    return world.invoices.filter((i) => i.recipientId === id).reduce((s, i) => s + (i.type === 'invoice' ? i.amount : -i.amount), 0);
  }

  function issueInvoice(fields) {
    world.counters.invoice += 1;
    const number = String(world.counters.invoice);
    const today = stockholmDate(world.now);
    const body = digitsLuhn(number);
    const inv = {
      number, type: fields.type, grantId: GRANT_ID, grantTitle: world.grant.title, recipientId: fields.recipientId,
      debtor: fields.debtor, reason: fields.reason, description: fields.description, amount: fields.amount, currency: 'SEK',
      issueDate: today, dueDate: fields.type === 'invoice' ? addDays(today, 30) : null, ocr: fields.type === 'invoice' ? body : null,
      buyerReference: fields.buyerReference || '', credits: fields.credits || null, createdAt: world.now,
      credited: 0, outstanding: fields.type === 'invoice' ? fields.amount : 0, status: fields.type === 'invoice' ? 'open' : 'issued', mailed: true,
      ...(fields.type === 'invoice' ? { payTo: { bankgiro: '5050-1055', reference: body } } : {}),
      links: { self: `/invoices/${number}`, pdf: `/invoices/${number} (Accept: application/pdf)`, ubl: `/invoices/${number} (Accept: application/xml)` },
    };
    world.invoices.push(inv);
    world.addAudit({ at: world.now, actor: fields.actor, action: `${inv.type}.issued`, entity: `invoice/${number}`, recipientId: inv.recipientId, before: null, after: { number, amount: inv.amount, reason: inv.reason } });
    return inv;
  }

  function digitsLuhn(number) {
    const withLength = `${number}${(number.length + 2) % 10}`;
    let sum = 0;
    [...withLength].reverse().forEach((ch, i) => {
      let v = Number(ch) * (i % 2 === 0 ? 2 : 1);
      if (v > 9) {
        v -= 9;
      }
      sum += v;
    });
    return `${withLength}${(10 - (sum % 10)) % 10}`;
  }

  /** A proposal with the links the API gives (the route to approve or reject it, by kind). */
  function proposalJson(x) {
    const base = x.kind === 'recovery' ? `${G}/recoveries/${x.proposalId}`
      : x.kind === 'waiver' ? `/invoices/${x.invoiceNumber}/waivers/${x.proposalId}` : `/organisations/${x.orgnr}/payout-account`;
    return { ...x, links: { self: base, ...(x.state === 'AWAITING_ATTESTATION' ? { approve: `${base}/approve`, reject: `${base}/reject` } : {}) } };
  }

  function proposalDecide(p, c, approve, reason) {
    const at = world.now;
    Object.assign(p, { state: approve ? 'APPROVED' : 'REJECTED', decidedBy: c.describe, decidedByName: c.name, decidedAt: at, ...(reason ? { decisionReason: reason } : {}) });
    const out = { proposal: p };
    if (approve && p.kind === 'recovery') {
      const a = recipientOf(p.recipientId);
      const inv = issueInvoice({ type: 'invoice', recipientId: p.recipientId, debtor: { name: a.name, orgnr: a.orgnr, email: `registrator@${p.recipientId}.example.se` }, reason: 'recovery', description: `Återkrav: ${p.reason}`, amount: p.amount, buyerReference: p.buyerReference, actor: c.describe });
      p.invoiceNumber = inv.number;
      out.invoices = [inv];
    }
    if (approve && p.kind === 'waiver') {
      const inv = world.invoices.find((i) => i.number === p.invoiceNumber);
      const cn = issueInvoice({ type: 'credit-note', recipientId: inv.recipientId, debtor: inv.debtor, reason: 'waiver', description: `Eftergift: ${p.reason}`, amount: p.amount, credits: inv.number, actor: c.describe });
      inv.credited += p.amount;
      inv.outstanding -= p.amount;
      inv.status = inv.outstanding === 0 ? 'credited' : 'partly-credited';
      p.creditNote = cn.number;
      out.invoices = [cn];
    }
    if (approve && p.kind === 'payout-account') {
      Object.assign(world.payoutAccounts[p.orgnr], { bankgiro: p.bankgiro, state: 'APPROVED', decidedBy: c.describe, decidedAt: at });
    }
    world.addAudit({ at, actor: c.describe, action: `${p.kind}-proposal.${approve ? 'approved' : 'rejected'}`, entity: `proposal/${p.proposalId}`, recipientId: p.recipientId, orgnr: p.orgnr, before: { state: 'AWAITING_ATTESTATION' }, after: { state: p.state } });
    return out;
  }

  function routeKey(method, pathname) {
    return `${method} ${pathname.replace(G, '/grants/{g}')
      .replace(/\/allocations\/[^/]+$/, '/allocations/{id}').replace(/\/requisitions\/[^/]+$/, '/requisitions/{id}')
      .replace(/\/payment-files\/[^/]+$/, '/payment-files/{runId}').replace(/\/payout-batches\/[^/]+(\/|$)/, '/payout-batches/{id}$1')
      .replace(/\/recoveries\/[^/]+\/(approve|reject)$/, '/proposals/{id}/$1').replace(/^\/invoices\/\d+\/waivers\/[^/]+\/(approve|reject)$/, '/grants/{g}/proposals/{id}/$1')
      .replace(/^\/organisations\/\d+\/payout-account\/(approve|reject)$/, '/grants/{g}/proposals/{id}/$1')
      .replace(/\/reports\/[^/]+\/link-/, '/reports/{id}/link-')
      .replace(/^\/organisations\/\d+/, '/organisations/{orgnr}').replace(/^\/invoices\/\d+/, '/invoices/{n}')
      .replace(/^\/email\/suppressions\/.+$/, '/email/suppressions/{address}').replace(/\/dead-letters\/[^/]+\/redrive$/, '/dead-letters/{name}/redrive')}`;
  }

  function grantList() {
    const list = [{ id: GRANT_ID, title: world.grant.title, grantYear: 2025, total: world.grant.total, requisitionDeadline: '2025-04-17', reportingDeadline: '2026-03-31', links: { self: G } }];
    if (world.scenario === 'two-grants') {
      list.unshift({ id: NEXT_GRANT_ID, title: NEXT_TITLE, grantYear: 2026, total: world.grant.total, requisitionDeadline: '2026-04-16', reportingDeadline: '2027-03-31', links: { self: NEXT } });
    }
    return { grants: list };
  }

  function api(req, raw) {
    const url = new URL(req.url, 'http://stub');
    const next = world.scenario === 'two-grants' && (url.pathname === NEXT || url.pathname.startsWith(`${NEXT}/`));
    const p = next ? G + url.pathname.slice(NEXT.length) : url.pathname;
    const key = routeKey(req.method, p);
    if (missing.has(key)) {
      return { status: 404, body: { message: 'Not Found' }, plain: true };
    }
    const c = caller(req);
    if (!c) {
      return { status: 401, body: { message: 'Unauthorized' }, plain: true, headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } };
    }
    let body = null;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch (e) {
        return problem(400, 'invalid-request', 'The request is not valid', 'the body is not JSON');
      }
    }
    const agency = needAgency(c);
    let m;
    // ---- the grants, the grant and its allocation (any valid token may read)
    if (key === 'GET /grants') {
      return ok(grantList());
    }
    if (key === 'GET /grants/{g}') {
      return ok(next ? { ...grantJson(), id: NEXT_GRANT_ID, title: NEXT_TITLE, grantYear: 2026, requisitionDeadline: '2026-04-16' } : grantJson());
    }
    if (key === 'GET /grants/{g}/allocations') {
      return ok(world.allocations);
    }
    if (key === 'GET /grants/{g}/allocations/{id}') {
      const a = recipientOf(p.split('/').pop());
      return a ? ok(a) : notFound('recipientId', `no recipient ${p.split('/').pop()} in grant ${GRANT_ID}`);
    }
    if (agency) {
      return agency;
    }
    if (key === 'GET /grants/{g}/requisitions') {
      return ok(world.requisitions);
    }
    if (key === 'GET /grants/{g}/requisitions/{id}') {
      const id = p.split('/').pop();
      const q = world.requisitions.requisitions.find((x) => x.recipientId === id);
      if (!q) {
        return recipientOf(id) ? notFound(null, `${id} has no requisition for ${GRANT_ID}`) : notFound('recipientId', `no recipient ${id}`);
      }
      return ok(q, 200, { ETag: `"${q.version}"` });
    }
    // ---- redistribution
    if (key === 'POST /grants/{g}/redistribution:preview') {
      return ok(world.redistribution ? { ...clone(world.redistribution), preview: true } : world.previewDecision);
    }
    if (key === 'POST /grants/{g}/redistribution:run') {
      if (world.redistribution) {
        return ok(world.redistribution, 200, { Location: `${G}/redistribution` });
      }
      world.redistribution = { ...clone(world.previewDecision), recordedAt: world.now, recordedBy: c.describe, decisionHash: crypto.createHash('sha256').update('stub').digest('hex') };
      delete world.redistribution.preview;
      world.addAudit({ at: world.now, actor: c.describe, action: 'redistribution.recorded', entity: `redistribution/${GRANT_ID}`, before: null, after: { redistributed: world.redistribution.redistributed } });
      return ok(world.redistribution, 201, { Location: `${G}/redistribution` });
    }
    if (key === 'GET /grants/{g}/redistribution') {
      return world.redistribution ? ok(world.redistribution) : notFound(null, `the redistribution of ${GRANT_ID} has not been recorded yet`);
    }
    // ---- payments and the four-eyes payout batches
    if (key === 'GET /grants/{g}/payments') {
      return payments(url.searchParams);
    }
    if (key === 'GET /grants/{g}/payment-files') {
      return ok({ grant: GRANT_ID, files: world.files });
    }
    if (key === 'GET /grants/{g}/payment-files/{runId}') {
      const id = p.split('/').pop();
      return world.fileXml[id] ? { status: 200, text: world.fileXml[id], type: 'application/xml', headers: { 'Content-Disposition': `attachment; filename="pain001-${id}.xml"` } } : notFound('runId', `no payment file ${id}`);
    }
    if (key === 'GET /grants/{g}/payout-batches') {
      return ok({ grant: GRANT_ID, batches: world.batches.map(batchJson) });
    }
    if (key === 'GET /grants/{g}/payout-batches/{id}') {
      const b = world.batches.find((x) => x.batchId === decodeURIComponent(p.split('/').pop()));
      return b ? ok({ ...batchJson(b), paymentOrders: b.orders }) : notFound('batchId', 'no such payout batch');
    }
    if (key === 'POST /grants/{g}/payouts:run') {
      const deny = needRole(c, 'handlaggare', 'proposing a payout batch');
      if (deny) {
        return deny;
      }
      const orders = unpaid().filter((o) => !world.batches.some((b) => b.state === 'AWAITING_ATTESTATION' && b.orders.some((x) => x.orderId === o.orderId)));
      if (!orders.length) {
        return ok({ runId: null, ordered: 0, total: 0, resent: 0, skipped: 0, returned: 0 }); // as the API: nothing ordered
      }
      world.counters.batch += 1;
      const b = {
        batchId: `B-${stockholmDate(world.now).replace(/-/g, '')}-${world.counters.batch + 1}`, state: 'AWAITING_ATTESTATION',
        proposedBy: c.describe, proposedByName: c.name, proposedAt: world.now, orders, total: orders.reduce((s, o) => s + o.amount, 0), count: orders.length,
      };
      world.batches.push(b);
      world.addAudit({ at: world.now, actor: c.describe, action: 'payout-batch.proposed', entity: `payout-batch/${b.batchId}`, before: null, after: { state: b.state, total: b.total, count: b.count } });
      return ok({ runId: b.batchId, ordered: b.count, total: b.total, resent: 0, skipped: 0, returned: 0, state: 'awaiting-attestation' });
    }
    if ((m = /^(POST) \/grants\/\{g\}\/payout-batches\/\{id\}\/(approve|reject)$/.exec(key))) {
      const id = decodeURIComponent(p.split('/').slice(-2)[0]);
      const b = world.batches.find((x) => x.batchId === id);
      if (!b) {
        return notFound('batchId', `no payout batch ${id}`);
      }
      const deny = needRole(c, 'attestant', m[2] === 'approve' ? 'approving a payout batch' : 'rejecting a payout batch');
      if (deny) {
        return deny;
      }
      if (b.proposedBy.split('/').pop() === c.subject) {
        return problem(403, 'four-eyes', 'Not allowed', 'nobody approves or rejects their own proposal; another attestant decides');
      }
      if (b.state !== 'AWAITING_ATTESTATION') {
        return conflict('batch-decided', `batch ${id} is ${b.state}`);
      }
      if (m[2] === 'reject' && !(body && typeof body.reason === 'string' && body.reason.trim())) {
        return invalid([{ field: 'reason', detail: 'is required' }]);
      }
      Object.assign(b, { state: m[2] === 'approve' ? 'APPROVED' : 'REJECTED', decidedBy: c.describe, decidedByName: c.name, decidedAt: world.now, ...(m[2] === 'reject' ? { reason: body.reason.trim() } : {}) });
      world.addAudit({ at: world.now, actor: c.describe, action: `payout-batch.${m[2] === 'approve' ? 'approved' : 'rejected'}`, entity: `payout-batch/${b.batchId}`, before: { state: 'AWAITING_ATTESTATION' }, after: { state: b.state } });
      if (b.state === 'APPROVED') {
        later(opts.fileDelayMs ?? 600, () => fileBatch(b));
      }
      return ok({ ...batchJson(b), decidedNow: true });
    }
    // ---- reporting, e-mail
    if (key === 'GET /grants/{g}/reports') {
      return ok(reportsOverview());
    }
    if ((m = /^POST \/grants\/\{g\}\/reports\/\{id\}\/link-(revocations|resends)$/.exec(key))) {
      const id = p.split('/')[4];
      const rep = world.reports.find((x) => x.recipientId === id);
      if (!rep) {
        return notFound('recipientId', `${id} has no reporting link (it received no money, or the links have not gone out)`);
      }
      if (m[1] === 'revocations') {
        world.revoked[id] = (world.revoked[id] || 0) + 1;
        world.addAudit({ at: world.now, actor: c.describe, action: 'report-link.revoked', entity: `report-link/${GRANT_ID}/${id}`, recipientId: id, before: null, after: { revokedAt: world.now } });
        return ok({ recipientId: id, sentTo: rep.registryEmail }, 202); // as the API: a new link goes out
      }
      if (world.suppressions.some((s) => s.address === rep.registryEmail)) {
        return conflict('address-suppressed', `${rep.registryEmail} is suppressed after a bounce; lift the suppression first`);
      }
      const jobId = `report-link:${id}:${Date.parse(world.now)}`;
      world.emails.push({ jobId, state: 'sent', to: rep.registryEmail, at: world.now, tags: { recipient: id, grant: GRANT_ID, purpose: 'report-link' } });
      world.addAudit({ at: world.now, actor: c.describe, action: 'report-link.resent', entity: `report-link/${GRANT_ID}/${id}`, recipientId: id, before: null, after: { sentTo: rep.registryEmail } });
      return ok({ recipientId: id, sentTo: rep.registryEmail, jobId }, 202);
    }
    if (key === 'GET /grants/{g}/emails') {
      return ok({ grant: GRANT_ID, emails: world.emails });
    }
    if (key === 'GET /email/suppressions') {
      return ok({ suppressions: world.suppressions });
    }
    if (key === 'DELETE /email/suppressions/{address}') {
      const address = decodeURIComponent(p.slice('/email/suppressions/'.length));
      const i = world.suppressions.findIndex((s) => s.address === address);
      if (i < 0) {
        return notFound('address', `${address} is not suppressed`);
      }
      world.suppressions.splice(i, 1);
      const rep = world.reports.find((x) => x.registryEmail === address);
      if (rep && rep.status === 'undeliverable') {
        rep.status = rep.remindersSent ? 'reminded' : 'sent';
      }
      world.addAudit({ at: world.now, actor: c.describe, action: 'suppression.lifted', entity: `suppression/${address}`, recipientId: rep ? rep.recipientId : undefined, before: { address }, after: null });
      return { status: 204 };
    }
    // ---- invoices, recoveries, waivers and their proposals
    if (key === 'GET /grants/{g}/invoices') {
      const rid = url.searchParams.get('recipientId');
      const list = rid ? world.invoices.filter((i) => i.recipientId === rid) : world.invoices;
      return ok({ grant: GRANT_ID, invoices: list, totals: invoiceTotals(list) });
    }
    if (key === 'GET /grants/{g}/non-reporters') {
      return ok(world.nonReporters);
    }
    if (key === 'GET /invoices/{n}') {
      const inv = world.invoices.find((i) => i.number === p.split('/')[2]);
      if (!inv) {
        return notFound('number', `no invoice ${p.split('/')[2]}`);
      }
      const accept = String(req.headers.accept || '');
      const file = `${inv.type === 'credit-note' ? 'kreditfaktura' : 'faktura'}-${inv.number}`;
      if (accept.includes('application/pdf')) {
        return { status: 200, binary: invoicePdf(inv), type: 'application/pdf', headers: { 'Content-Disposition': `inline; filename="${file}.pdf"` } };
      }
      if (accept.includes('application/xml')) {
        const d = loadPlayedYear();
        return { status: 200, text: d.sampleInvoiceUbl.replace(/2026000001/g, inv.number), type: 'application/xml; charset=utf-8', headers: { 'Content-Disposition': `attachment; filename="${file}.xml"` } };
      }
      return ok(inv);
    }
    if (key === 'POST /grants/{g}/recoveries' || key === 'POST /invoices/{n}/waivers') {
      const deny = needRole(c, 'handlaggare', 'proposing a recovery or a waiver');
      if (deny) {
        return deny;
      }
      if (!req.headers['idempotency-key']) {
        return problem(400, 'invalid-request', 'The request is not valid', 'Idempotency-Key: is required', { errors: [{ field: 'Idempotency-Key', pointer: '/Idempotency-Key', detail: 'is required' }] });
      }
      const errors = [];
      const b = body || {};
      let target;
      let max;
      if (key === 'POST /grants/{g}/recoveries') {
        target = recipientOf(b.recipientId);
        if (!target) {
          errors.push({ field: 'recipientId', detail: 'is not a recipient of this grant' });
        } else {
          max = receivedOf(target.recipientId) - netInvoiced(target.recipientId) - world.proposals.filter((x) => x.kind === 'recovery' && x.state === 'AWAITING_ATTESTATION' && x.recipientId === target.recipientId).reduce((s, x) => s + x.amount, 0);
        }
      } else {
        target = world.invoices.find((i) => i.number === p.split('/')[2] && i.type === 'invoice');
        if (!target) {
          return notFound('number', `no invoice ${p.split('/')[2]}`);
        }
        max = target.outstanding;
        if (b.amount === undefined || b.amount === null) {
          b.amount = max;
        }
      }
      if (!Number.isInteger(b.amount)) {
        errors.push({ field: 'amount', detail: 'must be whole kronor' });
      } else if (b.amount < 1) {
        errors.push({ field: 'amount', detail: 'must be at least 1 kr' });
      } else if (max !== undefined && b.amount > max) {
        errors.push({ field: 'amount', detail: `at most ${max} kr can be ${key.includes('waivers') ? 'waived (outstanding)' : 'reclaimed (received less what is already invoiced)'}` });
      }
      if (typeof b.reason !== 'string' || !b.reason.trim()) {
        errors.push({ field: 'reason', detail: 'is required' });
      } else if (b.reason.length > 500) {
        errors.push({ field: 'reason', detail: 'is longer than 500 characters' });
      }
      if (errors.length) {
        return invalid(errors);
      }
      world.counters.proposal += 1;
      const pr = key.includes('waivers')
        ? { proposalId: `P-${world.counters.proposal}`, kind: 'waiver', recipientId: target.recipientId, name: target.debtor.name, invoiceNumber: target.number, amount: b.amount, reason: b.reason.trim() }
        : { proposalId: `P-${world.counters.proposal}`, kind: 'recovery', recipientId: target.recipientId, name: target.name, amount: b.amount, reason: b.reason.trim(), buyerReference: b.buyerReference || '' };
      Object.assign(pr, { state: 'AWAITING_ATTESTATION', proposedBy: c.describe, proposedByName: c.name, proposedAt: world.now });
      world.proposals.push(pr);
      world.addAudit({ at: world.now, actor: c.describe, action: `${pr.kind}-proposal.proposed`, entity: `proposal/${pr.proposalId}`, recipientId: pr.recipientId, before: null, after: { amount: pr.amount, reason: pr.reason } });
      return ok({ created: false, proposal: proposalJson(pr), invoices: [] }, 202, { Location: proposalJson(pr).links.self });
    }
    if (key === 'GET /grants/{g}/proposals') {
      let list = world.proposals;
      if (url.searchParams.get('stale') === 'true') {
        list = list.filter((x) => x.state === 'AWAITING_ATTESTATION' && Date.parse(world.now) - Date.parse(x.proposedAt) > 7 * 86400000);
      }
      return ok({ grant: GRANT_ID, staleAfterDays: 7, proposals: list.map(proposalJson) });
    }
    if ((m = /^POST \/grants\/\{g\}\/proposals\/\{id\}\/(approve|reject)$/.exec(key))) {
      const pr = world.proposals.find((x) => proposalJson(x).links[m[1]] === p);
      const id = pr ? pr.proposalId : p;
      if (!pr) {
        return notFound('proposalId', `no proposal ${id}`);
      }
      const deny = needRole(c, 'attestant', 'deciding a proposal');
      if (deny) {
        return deny;
      }
      if (pr.proposedBy.split('/').pop() === c.subject) {
        return problem(403, 'four-eyes', 'Not allowed', 'nobody approves or rejects their own proposal; another attestant decides');
      }
      if (pr.state !== 'AWAITING_ATTESTATION') {
        return conflict('proposal-decided', `proposal ${id} is ${pr.state}`);
      }
      if (m[1] === 'reject' && !(body && typeof body.reason === 'string' && body.reason.trim())) {
        return invalid([{ field: 'reason', detail: 'is required' }]);
      }
      return ok(proposalDecide(pr, c, m[1] === 'approve', body && body.reason));
    }
    // ---- audit
    if (key === 'GET /grants/{g}/audit') {
      const q = url.searchParams;
      const rid = q.get('recipient') || q.get('recipientId');
      const orgnr = rid && recipientOf(rid) ? recipientOf(rid).orgnr : null;
      let list = world.audit.filter((e) => (!rid || e.recipientId === rid || (orgnr && e.orgnr === orgnr))
        && (!q.get('entity') || e.entity.startsWith(q.get('entity')))
        && (!q.get('actor') || String(e.actor).includes(q.get('actor')))
        && (!q.get('from') || e.at >= q.get('from')) && (!q.get('to') || e.at <= q.get('to')));
      list = [...list].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id - b.id));
      const offset = q.get('cursor') ? Number(Buffer.from(q.get('cursor'), 'base64url').toString()) : 0;
      const size = 25;
      const page = list.slice(offset, offset + size).map(({ id, recipientId, orgnr: o, ...e }) => e);
      const next = offset + size < list.length ? Buffer.from(String(offset + size)).toString('base64url') : null;
      return ok({ grant: GRANT_ID, entries: page, next });
    }
    // ---- organisations: ombud, representatives, payout account
    if ((m = /^\/organisations\/(\d+)\/(ombud|delegates|payout-account)$/.exec(p))) {
      const o = m[1];
      if (m[2] === 'ombud' && req.method === 'PUT') {
        const deny = needRole(c, 'handlaggare', 'registering an ombud');
        if (deny) {
          return deny;
        }
        const b = body || {};
        const errors = [];
        if (typeof b.subject !== 'string' || !b.subject.trim()) {
          errors.push({ field: 'subject', detail: 'is required' });
        }
        if (typeof b.name !== 'string' || !b.name.trim()) {
          errors.push({ field: 'name', detail: 'is required' });
        }
        if (b.email !== undefined && b.email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(b.email)) {
          errors.push({ field: 'email', detail: 'is not an e-mail address' });
        }
        if (errors.length) {
          return invalid(errors);
        }
        const before = world.ombud[o] || null;
        const after = { orgnr: o, subject: b.subject.trim(), name: b.name.trim(), registeredAt: world.now, registeredBy: c.describe, version: before ? before.version + 1 : 1, ...(b.email ? { email: b.email } : {}) };
        world.ombud[o] = after;
        world.addAudit({ at: world.now, actor: c.describe, action: before ? 'ombud.replaced' : 'ombud.registered', entity: `organisation/${o}/ombud`, orgnr: o, before, after });
        return ok(after, before ? 200 : 201);
      }
      if (req.method !== 'GET') {
        return { status: 404, body: { message: 'Not Found' }, plain: true };
      }
      if (m[2] === 'ombud') {
        return world.ombud[o] ? ok(world.ombud[o]) : notFound('orgnr', `organisation ${o} has no registered ombud`);
      }
      if (m[2] === 'delegates') {
        return ok({ orgnr: o, delegates: world.delegates[o] || [] });
      }
      const pending = world.proposals.find((x) => x.kind === 'payout-account' && x.orgnr === o && x.state === 'AWAITING_ATTESTATION');
      return world.payoutAccounts[o] ? ok({ ...world.payoutAccounts[o], ...(pending ? { pending: { bankgiro: pending.bankgiro, proposalId: pending.proposalId, submittedAt: pending.proposedAt } } : {}) }) : notFound('orgnr', `organisation ${o} has no payout account`);
    }
    // ---- operations: dead-letter queues
    if (key === 'GET /operations/dead-letters') {
      return ok({ queues: world.deadLetters });
    }
    if (key === 'POST /operations/dead-letters/{name}/redrive') {
      const name = p.split('/').slice(-2)[0];
      const q = world.deadLetters.find((x) => x.name === name);
      if (!q) {
        return notFound('name', `no dead-letter queue ${name}`);
      }
      const moved = q.depth;
      Object.assign(q, { depth: 0, oldestAt: null });
      world.addAudit({ at: world.now, actor: c.describe, action: 'dead-letters.redriven', entity: `dead-letters/${name}`, before: { depth: moved }, after: { depth: 0 } });
      return ok({ name, moved }, 202);
    }
    return { status: 404, body: { message: 'Not Found' }, plain: true };
  }

  function apiCors(req, res) {
    const origin = req.headers.origin;
    if (origin && origin === new URL(siteUrl).origin) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Expose-Headers', 'ETag, Location, Retry-After, Content-Disposition');
      res.setHeader('Timing-Allow-Origin', origin);
    }
    res.setHeader('Vary', 'Origin');
    return origin === new URL(siteUrl).origin;
  }

  function handleApi(req, res, raw) {
    const url = new URL(req.url, 'http://stub');
    requests.push({ server: 'api', method: req.method, path: url.pathname, search: url.search, headers: { ...req.headers } });
    const allowed = apiCors(req, res);
    if (req.method === 'OPTIONS') {
      const method = req.headers['access-control-request-method'];
      const asked = String(req.headers['access-control-request-headers'] || '').toLowerCase().split(',').map((s) => s.trim()).filter(Boolean);
      const good = allowed && ['GET', 'POST', 'PUT', 'DELETE'].includes(method)
        && asked.every((x) => ['authorization', 'content-type', 'idempotency-key', 'if-match'].includes(x));
      if (good) {
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE');
        res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, Idempotency-Key, If-Match');
        res.setHeader('Access-Control-Max-Age', '600');
      }
      res.writeHead(good ? 204 : 403);
      return res.end();
    }
    if (url.pathname.startsWith('/__stub/')) {
      return control(req, res, url, raw);
    }
    const out = api(req, raw);
    const headers = { 'Cache-Control': 'no-store', ...(out.headers || {}) };
    if (out.status === 204) {
      res.writeHead(204, headers);
      return res.end();
    }
    let data;
    if (out.binary) {
      headers['Content-Type'] = out.type;
      data = out.binary;
    } else if (out.text !== undefined) {
      headers['Content-Type'] = out.type;
      data = Buffer.from(out.text, 'utf8');
    } else {
      headers['Content-Type'] = out.problem ? 'application/problem+json' : 'application/json';
      data = Buffer.from(JSON.stringify(out.body), 'utf8');
    }
    if (/\bgzip\b/.test(String(req.headers['accept-encoding'] || '')) && data.length > 1024) {
      data = zlib.gzipSync(data, { level: 6 });
      headers['Content-Encoding'] = 'gzip';
    }
    res.writeHead(out.status, headers);
    return res.end(data);
  }

  /** The tests' controls (not part of the contract): reset, the clock, missing routes. */
  function control(req, res, url, raw) {
    const body = raw ? JSON.parse(raw) : {};
    if (url.pathname === '/__stub/reset') {
      timers.forEach((t) => clearTimeout(t));
      timers.clear();
      world = buildWorld({ scenario: body.scenario || opts.scenario, synthetic: body.recipients ?? opts.recipients ?? 0 });
      missing.clear();
      (body.missing || opts.missing || []).forEach((k) => missing.add(k));
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    return res.end(JSON.stringify({ scenario: world.scenario, now: world.now, missing: [...missing] }));
  }

  // ---------------------------------------------------------------- the site
  const fileCache = new Map();
  function compressed(file, encoding) {
    const key = `${file}\n${encoding}`;
    const stat = fs.statSync(file);
    const hit = fileCache.get(key);
    if (hit && hit.mtime === stat.mtimeMs) {
      return hit.data;
    }
    const raw = fs.readFileSync(file);
    const data = encoding === 'br' ? zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } })
      : encoding === 'gzip' ? zlib.gzipSync(raw, { level: 9 }) : raw;
    fileCache.set(key, { mtime: stat.mtimeMs, data });
    return data;
  }

  function securityHeaders(res) {
    res.setHeader('Content-Security-Policy', `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; `
      + `connect-src ${new URL(apiUrl).origin} ${new URL(issuerUrl).origin}; frame-ancestors 'none'; base-uri 'none'; form-action 'self'`);
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Strict-Transport-Security', 'max-age=31536000');
  }

  function handleSite(req, res) {
    const url = new URL(req.url, 'http://stub');
    requests.push({ server: 'site', method: req.method, path: url.pathname, search: url.search, headers: { ...req.headers } });
    securityHeaders(res);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' });
      return res.end();
    }
    const js = (text) => {
      res.writeHead(200, { 'Content-Type': TYPES['.js'], 'Cache-Control': 'no-cache' });
      return res.end(req.method === 'HEAD' ? undefined : text);
    };
    if (url.pathname === '/config.js') {
      return js(`// written by the console stub for this run\nwindow.BIDRAG_CONFIG = { apiBase: ${JSON.stringify(apiUrl)} };\n`);
    }
    if (url.pathname === '/konsol/config.js') {
      return js(`// written by the console stub for this run (test data)\nwindow.BIDRAG_KONSOL = ${JSON.stringify({
        issuer: issuerUrl, clientId: CLIENT_ID, grantId: GRANT_ID, scope: 'openid profile', authorizeParams: {}, environment: 'Testmiljö: påhittade personer och testdata',
      })};\n`);
    }
    let rel = decodeURIComponent(url.pathname);
    if (rel.endsWith('/')) {
      rel += 'index.html';
    }
    const file = path.resolve(SITE_DIR, `.${rel}`);
    if (!file.startsWith(SITE_DIR + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      if (fs.existsSync(path.join(SITE_DIR, rel.replace(/^\//, ''), 'index.html'))) {
        res.writeHead(301, { Location: `${url.pathname}/${url.search}` });
        return res.end();
      }
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      return res.end('Sidan finns inte.');
    }
    const accept = String(req.headers['accept-encoding'] || '');
    const encoding = /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : null;
    const data = compressed(file, encoding);
    const headers = { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-cache', 'Content-Length': data.length, Vary: 'Accept-Encoding' };
    if (encoding) {
      headers['Content-Encoding'] = encoding;
    }
    res.writeHead(200, headers);
    return res.end(req.method === 'HEAD' ? undefined : data);
  }

  const withBody = (handler) => (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      try {
        handler(req, res, Buffer.concat(chunks).toString('utf8'));
      } catch (e) {
        console.error(e);
        res.writeHead(500, { 'Content-Type': 'application/problem+json' });
        res.end(JSON.stringify({ type: 'urn:bidrag:problem:internal', title: 'Internal error', status: 500, detail: 'the stub failed' }));
      }
    });
  };

  const listen = (server, port) => new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server.address().port));
  });
  const siteServer = http.createServer(handleSite);
  const apiServer = http.createServer(withBody(handleApi));
  const issuerServer = http.createServer(withBody(handleIssuer));
  siteUrl = `http://${host}:${await listen(siteServer, opts.port ?? 0)}`;
  apiUrl = `http://${host}:${await listen(apiServer, opts.apiPort ?? 0)}`;
  issuerUrl = `http://${host}:${await listen(issuerServer, opts.issuerPort ?? 0)}`;
  for (const s of [siteServer, apiServer, issuerServer]) {
    s.keepAliveTimeout = 1000;
  }

  return {
    siteUrl,
    apiUrl,
    issuerUrl,
    requests,
    get world() { return world; },
    /** A token for a test person straight from the provider (for the tests' own API calls). */
    token(sub, roles) {
      const person = PERSONS.find((p) => p.sub === sub);
      const now = Math.floor(Date.now() / 1000);
      return signJwt(keys, { iss: issuerUrl, sub, name: person.name, orgnr: AGENCY_ORGNR, roles: (roles || person.roles).join(' '), iat: now, aud: AUDIENCE, client_id: CLIENT_ID, exp: now + 3600 });
    },
    async reset(o = {}) {
      const res = await fetch(`${apiUrl}/__stub/reset`, { method: 'POST', body: JSON.stringify(o) });
      return res.json();
    },
    close: () => {
      timers.forEach((t) => clearTimeout(t));
      return Promise.all([siteServer, apiServer, issuerServer].map((s) => new Promise((resolve) => {
        s.closeAllConnections?.();
        s.close(() => resolve());
      })));
    },
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const stub = await startConsoleStub({
    port: Number(arg('--port', 8090)),
    apiPort: Number(arg('--api-port', 8091)),
    issuerPort: Number(arg('--issuer-port', 8092)),
    scenario: arg('--scenario', 'played-year'),
    recipients: Number(arg('--recipients', 0)),
    missing: String(arg('--missing', '')).split(',').map((s) => s.trim()).filter(Boolean),
  });
  console.log(`konsol   ${stub.siteUrl}/konsol/\napi      ${stub.apiUrl}\nissuer   ${stub.issuerUrl}\n`);
  console.log('Testpersoner (väljs på inloggningssidan; två personer = två webbläsarfönster, varav ett privat):');
  PERSONS.forEach((p) => console.log(`  ${p.name.padEnd(20)} ${p.roles.join(', ') || '(ingen roll)'}`));
  console.log('\nAllt är testdata. Ctrl-C stoppar.');
}
