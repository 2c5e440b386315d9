// A stand-in for Bidrag's reporting API and for the CDN, for developing and testing the pages
// without the Java stack. It serves site/ (compressed, with the production security headers) and
// fakes the JSON API of the contract (GET /reports/form, POST /reports, POST /reports/link-requests)
// with state: reports and corrections, a deadline that has passed, expired / revoked / tampered
// links, rate-limited link requests. Mail it "sends" is kept in the shape of the SES emulator's
// GET /store. Everything it knows is test data, and says so.
//
//   node test/stub-api.mjs [--port 8080] [--api-port 8081] [--same-origin] [--env [N]]
//
// prints the site's and the API's addresses and a personal link for each kind of test recipient;
// with --env, the environment (export lines) that runs the tests in real-stack mode against it.

import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const SITE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../site');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

// The eight areas of the instructions (anvisningarna), as the requisition names them.
export const AREAS = [
  [1, 'kontinuitet i primärvården, inklusive fast läkarkontakt'],
  [2, 'tillgänglighet i primärvården'],
  [3, 'förebyggande och hälsofrämjande arbete i hälso- och sjukvården'],
  [4, 'habiliterande och rehabiliterande arbete i hälso- och sjukvården'],
  [5, 'personcentrering av hälso- och sjukvården'],
  [6, 'planering och samverkan mellan kommun och region för hälso- och sjukvården'],
  [7, 'kompetensförsörjning och arbetsmiljö i primärvården'],
  [8, 'utveckling av primärvården i landsbygd och glesbygd'],
].map(([number, title]) => ({ number, title }));

const GRANT = {
  id: 'god-och-nara-vard-2025',
  title: 'Statsbidrag för utveckling av en god och nära vård 2025',
  deadline: '2026-03-31',
};

export function mask(email) {
  const [local, domain] = String(email).split('@');
  return `${local.charAt(0)}\u2022\u2022\u2022@${domain}`;
}

function problem(status, type, title, detail, extra = {}) {
  return { status, body: { type: `urn:bidrag:problem:${type}`, title, status, detail, ...extra } };
}

function fieldErrors(errors, status = 422, type = 'validation-failed') {
  return problem(status, type, 'The request has fields that are not valid',
    errors.length === 1 ? `${errors[0].field}: ${errors[0].detail}` : `${errors.length} fields are not valid`,
    { errors: errors.map((e) => ({ field: e.field, pointer: `/${e.field.replace(/\./g, '/')}`, detail: e.detail })) });
}

/**
 * Starts the stub. Options: port, apiPort (0 = any), sameOrigin (API on the site's origin),
 * linkRequestWindowSeconds (rate limit of link requests, per recipient).
 */
export async function startStub(opts = {}) {
  const sameOrigin = Boolean(opts.sameOrigin);
  const windowSeconds = opts.linkRequestWindowSeconds ?? 600;
  const host = opts.host || '127.0.0.1';
  const recipients = new Map();
  const tokens = new Map(); // token → {recipientId, status: valid | expired | revoked}
  const mails = [];
  const requests = []; // what the API saw: method, path, query, headers (for the tests' privacy checks)
  let counter = 0;
  let siteUrl = '';
  let apiUrl = '';

  function mint(recipientId, status = 'valid') {
    const token = `stub.${recipientId}.${crypto.randomBytes(24).toString('base64url')}`;
    tokens.set(token, { recipientId, status });
    return token;
  }

  /**
   * A new test recipient and its personal link. areas: how many (1–8) or a list of numbers;
   * late: the deadline has passed; report: a report already submitted ({usedPerArea, ...}, or true
   * for a made-up one); link: 'valid' | 'expired' | 'revoked' | 'tampered'; received: 0 for a
   * recipient that received nothing (404).
   */
  function newRecipient(o = {}) {
    counter += 1;
    const id = `testkommun-${String(counter).padStart(3, '0')}`;
    const areaNumbers = Array.isArray(o.areas) ? o.areas : AREAS.slice(0, o.areas ?? 3).map((a) => a.number);
    const requisitioned = o.requisitioned ?? 1200000;
    const redistributed = o.redistributed ?? 45678;
    const r = {
      id,
      name: o.name ?? `Testkommun ${counter} (testdata)`,
      orgnr: o.orgnr ?? `21200099${String(counter % 100).padStart(2, '0')}`,
      requisitioned,
      redistributed,
      received: o.received ?? requisitioned + redistributed,
      areas: AREAS.filter((a) => areaNumbers.includes(a.number)),
      registryEmail: o.registryEmail ?? `registrator@testkommun${counter}.example`,
      late: Boolean(o.late),
      report: null,
      lastLinkRequest: 0,
    };
    recipients.set(id, r);
    if (o.report) {
      const used = {};
      const share = Math.floor(r.received / r.areas.length);
      r.areas.forEach((a, i) => { used[a.number] = i === 0 ? r.received - share * (r.areas.length - 1) : share; });
      const base = o.report === true ? {
        usedPerArea: used, unspent: 0, account: 'Testdata: medlen användes till insatser inom de angivna områdena.',
        separateAccounting: true, reporter: { name: 'Test Testsson', email: 'test.testsson@testkommun.example' },
      } : o.report;
      r.report = makeReport(r, base, 1, o.reportLate ?? false, o.submittedAt);
    }
    let token = mint(id, o.link === 'expired' || o.link === 'revoked' ? o.link : 'valid');
    if (o.link === 'tampered') {
      token = `${token.slice(0, -4)}${token.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    }
    return { id, token, link: `${siteUrl}/rapport/#${token}`, recipient: r };
  }

  function makeReport(r, body, version, late, submittedAt) {
    const used = Object.values(body.usedPerArea).reduce((s, v) => s + v, 0);
    return {
      reference: `AR-${GRANT.id}-${r.id}-v${version}`,
      grantId: GRANT.id,
      recipientId: r.id,
      name: r.name,
      version,
      received: r.received,
      usedPerArea: { ...body.usedPerArea },
      used,
      unspent: body.unspent,
      account: body.account,
      separateAccounting: body.separateAccounting,
      reporter: { ...body.reporter },
      submittedAt: submittedAt ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      late,
    };
  }

  function form(r) {
    return {
      grant: { ...GRANT },
      recipient: { id: r.id, name: r.name, orgnr: r.orgnr },
      received: r.received,
      receivedParts: { requisitioned: r.requisitioned, redistributed: r.redistributed },
      areas: r.areas.map((a) => ({ ...a })),
      late: r.late,
      correctable: r.report !== null && !r.late,
      registryEmail: mask(r.registryEmail),
      invoicing: { paymentTermDays: 30, invoiceWithinDays: 14 },
      report: r.report ? { ...r.report } : null,
    };
  }

  function authorise(req) {
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization || '');
    if (!m) {
      return { error: problem(401, 'unauthorized', 'Authentication required', 'the Authorization header with the link\'s token is missing') };
    }
    const token = m[1];
    const t = tokens.get(token);
    const invalid = (reason, detail) => ({
      token,
      error: problem(401, 'invalid-link', 'The link is not valid', `${detail}; ask for a new link`, {
        reason, errors: [{ field: 'token', pointer: '/token', detail }],
      }),
    });
    if (!t) {
      return invalid('invalid', 'the token\'s signature is not valid');
    }
    if (t.status === 'expired') {
      return invalid('expired', 'the link has expired');
    }
    if (t.status === 'revoked') {
      return invalid('revoked', 'the link has been revoked');
    }
    const r = recipients.get(t.recipientId);
    if (!r || r.received <= 0) {
      return { token, error: problem(404, 'not-found', 'Not found', `${t.recipientId} has received no money to report on`) };
    }
    return { token, recipient: r };
  }

  function validate(r, body) {
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      return problem(400, 'invalid-request', 'The request is not valid', 'the body must be a JSON object');
    }
    const errors = [];
    const err = (field, detail) => errors.push({ field, detail });
    const used = body.usedPerArea;
    let sum = 0;
    if (!used || typeof used !== 'object') {
      err('usedPerArea', 'is required');
    } else {
      for (const [k, v] of Object.entries(used)) {
        const f = `usedPerArea.${k}`;
        if (!Number.isInteger(v)) {
          err(f, 'must be whole kronor');
        } else if (v < 0) {
          err(f, 'must be 0 or more');
        } else if (!r.areas.some((a) => String(a.number) === k)) {
          err(f, `area ${k} was not named in the requisition`);
        } else {
          sum += v;
        }
      }
    }
    if (!Number.isInteger(body.unspent)) {
      err('unspent', 'must be whole kronor');
    } else if (body.unspent < 0) {
      err('unspent', 'must be 0 or more');
    }
    if (typeof body.account !== 'string' || !body.account.trim()) {
      err('account', 'is required');
    } else if (body.account.length > 20000) {
      err('account', 'must be at most 20000 characters');
    }
    if (typeof body.separateAccounting !== 'boolean') {
      err('separateAccounting', 'must be true or false');
    }
    const rep = body.reporter || {};
    if (typeof rep.name !== 'string' || !rep.name.trim()) {
      err('reporter.name', 'is required');
    } else if (rep.name.length > 200) {
      err('reporter.name', 'must be at most 200 characters');
    }
    if (typeof rep.email !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(rep.email)) {
      err('reporter.email', 'is not an e-mail address');
    }
    if (errors.length) {
      return fieldErrors(errors);
    }
    if (sum + body.unspent !== r.received) {
      return fieldErrors([{ field: 'unspent', detail: `used (${sum}) + unspent (${body.unspent}) must equal the amount received (${r.received})` }],
        422, 'amounts-do-not-add-up');
    }
    return null;
  }

  function sameContent(a, b) {
    const pick = (x) => JSON.stringify([x.usedPerArea, x.unspent, x.account, x.separateAccounting, x.reporter]);
    return pick(a) === pick(b);
  }

  function mail(to, subject, text) {
    mails.push({
      messageId: crypto.randomUUID(), from: 'no-reply@bidrag.example', replyTo: [],
      destination: { to: [to], cc: [], bcc: [] }, subject, body: { text }, attachments: [], at: Math.floor(Date.now() / 1000),
    });
  }

  function api(req, body) {
    const url = new URL(req.url, 'http://stub');
    const route = `${req.method} ${url.pathname}`;
    if (route === 'GET /__ses/store') {
      return { status: 200, body: { emails: mails, templates: {} } };
    }
    if (route === 'POST /__ses/clear-store') {
      mails.length = 0;
      return { status: 200, body: {} };
    }
    if (route === 'GET /reports/form') {
      const a = authorise(req);
      return a.error || { status: 200, body: form(a.recipient) };
    }
    if (route === 'POST /reports') {
      const a = authorise(req);
      if (a.error) {
        return a.error;
      }
      let parsed;
      try {
        parsed = JSON.parse(body || 'null');
      } catch (e) {
        return problem(400, 'invalid-request', 'The request is not valid', 'the body is not JSON');
      }
      const r = a.recipient;
      const bad = validate(r, parsed);
      if (bad) {
        return bad;
      }
      const before = r.report;
      if (before && sameContent(before, parsed)) {
        return { status: 200, body: before };
      }
      if (before && r.late) {
        return problem(409, 'report-closed', 'Conflict with the current state',
          `the report of ${r.id} was submitted on ${before.submittedAt}; corrections are accepted until the deadline ${GRANT.deadline}`);
      }
      r.report = makeReport(r, parsed, before ? before.version + 1 : 1, before && !r.late ? before.late : r.late);
      const text = `Kvittens: återrapport ${r.report.reference} för ${r.name} (testdata).`;
      mail(parsed.reporter.email, `Kvittens: ${r.report.reference}`, text);
      mail(r.registryEmail, `Kvittens: ${r.report.reference}`, text);
      return { status: before ? 200 : 201, body: r.report };
    }
    if (route === 'POST /reports/link-requests') {
      const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization || '');
      const token = m ? m[1] : '';
      const known = tokens.get(token);
      // a tampered or unknown token still names its recipient in this stub's format; the real
      // service decides how much of an invalid token it trusts (it only ever mails the registry on file)
      const recipientId = known ? known.recipientId : (/^stub\.([a-z0-9-]+)\./.exec(token) || [])[1];
      const r = recipientId && recipients.get(recipientId);
      if (!r || r.received <= 0) {
        return problem(404, 'not-found', 'Not found', 'the link names no recipient that can report');
      }
      const now = Date.now();
      const wait = Math.ceil((r.lastLinkRequest + windowSeconds * 1000 - now) / 1000);
      if (r.lastLinkRequest && wait > 0) {
        const p = problem(429, 'rate-limited', 'Too many requests', `a new link was sent recently; try again in ${wait} s`);
        p.headers = { 'Retry-After': String(wait) };
        return p;
      }
      r.lastLinkRequest = now;
      const fresh = mint(r.id);
      mail(r.registryEmail, `Ny länk: återrapportering av ${GRANT.title}`,
        `Till registraturen för ${r.name}\n\nHär är en ny länk till återrapporteringen (testdata):\n${siteUrl}/rapport/#${fresh}\n\nLänken är personlig.\n`);
      return { status: 202, body: { sentTo: mask(r.registryEmail) } };
    }
    return problem(404, 'not-found', 'Not found', `no route ${route}`);
  }

  function cors(req, res) {
    const origin = req.headers.origin;
    const siteOrigin = new URL(siteUrl).origin;
    if (origin && origin === siteOrigin && !sameOrigin) {
      res.setHeader('Access-Control-Allow-Origin', siteOrigin);
      res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
      res.setHeader('Timing-Allow-Origin', siteOrigin);
    }
    res.setHeader('Vary', 'Origin');
    return origin === siteOrigin;
  }

  function handleApi(req, res) {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url, 'http://stub');
      requests.push({ method: req.method, path: url.pathname, search: url.search, headers: { ...req.headers } });
      const allowed = cors(req, res);
      if (req.method === 'OPTIONS') {
        const method = req.headers['access-control-request-method'];
        const asked = String(req.headers['access-control-request-headers'] || '').toLowerCase().split(',').map((s) => s.trim()).filter(Boolean);
        const ok = allowed && !sameOrigin && ['GET', 'POST'].includes(method)
          && asked.every((x) => x === 'authorization' || x === 'content-type');
        if (ok) {
          res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
          res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
          res.setHeader('Access-Control-Max-Age', '600');
        }
        res.writeHead(ok ? 204 : 403);
        return res.end();
      }
      const out = api(req, Buffer.concat(chunks).toString('utf8'));
      const isProblem = out.status >= 400;
      const headers = {
        'Content-Type': isProblem ? 'application/problem+json' : 'application/json',
        'Cache-Control': 'no-store',
        ...(out.status === 401 && out.body.type.endsWith('invalid-link') ? { 'WWW-Authenticate': 'Bearer error="invalid_token"' } : {}),
        ...(out.headers || {}),
      };
      res.writeHead(out.status, headers);
      res.end(JSON.stringify(out.body));
    });
  }

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
    const connect = sameOrigin ? "'self'" : new URL(apiUrl).origin;
    res.setHeader('Content-Security-Policy', `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; `
      + `connect-src ${connect}; frame-ancestors 'none'; base-uri 'none'; form-action 'self'`);
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Strict-Transport-Security', 'max-age=31536000');
  }

  function handleSite(req, res) {
    const url = new URL(req.url, 'http://stub');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' });
      return res.end();
    }
    let rel = decodeURIComponent(url.pathname);
    if (rel.endsWith('/')) {
      rel += 'index.html';
    }
    const file = path.resolve(SITE_DIR, `.${rel}`);
    securityHeaders(res);
    if (url.pathname === '/config.js') {
      const body = `// written by the stub for this run\nwindow.BIDRAG_CONFIG = { apiBase: ${JSON.stringify(sameOrigin ? '' : apiUrl)} };\n`;
      res.writeHead(200, { 'Content-Type': TYPES['.js'], 'Cache-Control': 'no-cache' });
      return res.end(req.method === 'HEAD' ? undefined : body);
    }
    if (!file.startsWith(SITE_DIR + path.sep) || !fs.existsSync(file)) {
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
    const headers = {
      'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
      'Cache-Control': 'no-cache',
      'Content-Length': data.length,
      Vary: 'Accept-Encoding',
    };
    if (encoding) {
      headers['Content-Encoding'] = encoding;
    }
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : data);
  }

  // compressed once at start, as a CDN serves them (brotli at quality 11 takes a while per file)
  const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).forEach((e) => {
    const f = path.join(dir, e.name);
    if (e.isDirectory()) {
      walk(f);
    } else {
      compressed(f, 'br');
      compressed(f, 'gzip');
    }
  });
  walk(SITE_DIR);

  const listen = (server, port) => new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server.address().port));
  });

  const siteServer = http.createServer((req, res) => {
    const p = new URL(req.url, 'http://stub').pathname;
    if (sameOrigin && (p.startsWith('/reports') || p.startsWith('/__ses/'))) {
      return handleApi(req, res);
    }
    return handleSite(req, res);
  });
  const sitePort = await listen(siteServer, opts.port ?? 0);
  siteUrl = `http://${host}:${sitePort}`;
  let apiServer = null;
  if (sameOrigin) {
    apiUrl = siteUrl;
  } else {
    apiServer = http.createServer(handleApi);
    const apiPort = await listen(apiServer, opts.apiPort ?? 0);
    apiUrl = `http://${host}:${apiPort}`;
  }
  siteServer.keepAliveTimeout = 1000;

  return {
    siteUrl,
    apiUrl,
    sesUrl: `${apiUrl}/__ses`,
    sameOrigin,
    newRecipient,
    recipients,
    mails,
    requests,
    /** Makes the deadline pass (or not) for a recipient. */
    setLate(id, late = true) {
      recipients.get(id).late = late;
    },
    close: () => Promise.all([siteServer, apiServer].filter(Boolean).map((s) => new Promise((resolve) => {
      s.closeAllConnections?.();
      s.close(() => resolve());
    }))),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const stub = await startStub({
    port: Number(arg('--port', 8080)),
    apiPort: Number(arg('--api-port', 8081)),
    sameOrigin: process.argv.includes('--same-origin'),
    linkRequestWindowSeconds: Number(arg('--link-window', 60)),
  });
  if (process.argv.includes('--env')) {
    // environment for running the tests in real-stack mode against this stub (checks that mode's wiring)
    const fresh = Array.from({ length: Number(arg('--env', 30)) || 30 }, () => stub.newRecipient({}).link);
    const q = (v) => `'${v}'`;
    console.log(`export BIDRAG_SITE_URL=${q(stub.siteUrl)}`);
    console.log(`export BIDRAG_API_URL=${q(stub.apiUrl)}`);
    console.log(`export BIDRAG_SES_STORE_URL=${q(`${stub.sesUrl}/store`)}`);
    console.log(`export BIDRAG_LINKS=${q(fresh.join(' '))}`);
    console.log(`export BIDRAG_LINK_LATE=${q(stub.newRecipient({ late: true }).link)}`);
    console.log(`export BIDRAG_LINK_CLOSED=${q(stub.newRecipient({ late: true, report: true }).link)}`);
    console.log(`export BIDRAG_LINK_EXPIRED=${q(stub.newRecipient({ link: 'expired' }).link)}`);
    console.log(`export BIDRAG_LINK_REVOKED=${q(stub.newRecipient({ link: 'revoked' }).link)}`);
    console.log(`export BIDRAG_LINK_NOTHING=${q(stub.newRecipient({ received: 0 }).link)}`);
  } else {
    const show = (label, o) => console.log(`${label.padEnd(34)} ${stub.newRecipient(o).link}`);
    console.log(`site   ${stub.siteUrl}/rapport/\napi    ${stub.apiUrl}\nmail   ${stub.sesUrl}/store\n`);
    show('first report (3 areas)', {});
    show('first report (8 areas)', { areas: 8 });
    show('reported, correctable', { report: true });
    show('after the deadline, not reported', { late: true });
    show('after the deadline, reported', { late: true, report: true });
    show('expired link', { link: 'expired' });
    show('revoked link', { link: 'revoked' });
    show('tampered link', { link: 'tampered' });
    show('received nothing (404)', { received: 0 });
  }
  console.error('\nCtrl-C stops.');
}
