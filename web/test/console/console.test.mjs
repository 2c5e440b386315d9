// The agency's console in headless Chromium: sign in, the overview against the API's own figures, the
// recipients table with filter and both exports parsed back, a recipient with its audit history,
// payouts with four eyes in two browsers, proposals, the redistribution, e-mail and dead letters,
// keyboard-only use of every view, and a missing route. Every view state: axe-core (WCAG 2.1 A/AA)
// with 0 violations at 1280 px and 320 px, screenshots, no sideways scroll at 320 px.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { checkView, launch } from './browser.mjs';
import { cellValue, parseCsv, readXlsx } from './files.mjs';
import { focused, ready, signIn, tabTo } from './steps.mjs';
import { apiGet, createWorld, tokenFor } from './world.mjs';

const G = '/grants/god-och-nara-vard-2025';
let world;

before(async () => {
  world = await createWorld();
});
after(async () => {
  await world?.close();
});

/** Runs fn in a fresh browser (one person); afterwards: no console errors, page errors or CSP violations. */
async function inBrowser(fn, opts = {}) {
  const b = await launch(opts);
  try {
    await fn(b);
    assert.deepEqual(b.problems, [], 'no console errors, page errors or CSP violations');
    for (const r of b.requests) {
      const u = new URL(r.url());
      assert.ok(!/access_token|id_token|refresh_token/.test(u.search + u.hash), `no token in a URL: ${r.url()}`);
      assert.ok(!u.searchParams.has('token'), `no token in a URL: ${r.url()}`);
    }
  } catch (e) {
    await b.page.screenshot({ path: `${process.env.BIDRAG_SCREENSHOTS || 'target'}/FAILED-${Date.now()}.png`, fullPage: false }).catch(() => {});
    throw e;
  } finally {
    await b.close();
  }
}

/** Follows an in-console link by its text (a click, as a person would). */
async function go(page, text, view) {
  await page.locator('#meny a', { hasText: text }).first().click();
  await ready(page, view);
}

/** The figures per pot the way the demo's summary reads them back from the API (independent of the console's code). */
async function apiFigures(token) {
  const get = async (p) => (await apiGet(world, token, p)).body;
  const [alloc, req, red, first] = await Promise.all([get(`${G}/allocations`), get(`${G}/requisitions`), get(`${G}/redistribution`), get(`${G}/payments`)]);
  const pay = { orders: [...first.orders] }; // a page at a time (200 by default): follow next
  for (let page = first; page.next; ) {
    page = await get(page.links.next);
    pay.orders.push(...page.orders);
  }
  const reqPots = Object.fromEntries(req.requisitions.map((r) => [r.recipientId, r.pots]));
  const sharePots = {};
  for (const s of red.shares || []) {
    sharePots[s.recipientId] = {};
    s.extras.forEach((x) => { sharePots[s.recipientId][x.potId] = (sharePots[s.recipientId][x.potId] || 0) + x.amount; });
  }
  const paid = {};
  for (const o of pay.orders) {
    const split = (o.kind === 'requisition' ? reqPots : sharePots)[o.recipientId] || {};
    Object.entries(split).forEach(([p, a]) => { paid[p] = (paid[p] || 0) + a; });
  }
  const out = {};
  for (const p of alloc.pots) {
    out[p.id] = {
      allocated: p.allocated,
      requisitioned: (req.pots.find((x) => x.potId === p.id) || {}).requisitioned || 0,
      redistributed: ((red.pots || []).find((x) => x.potId === p.id) || {}).redistributed || 0,
      paid: paid[p.id] || 0,
      unallocated: red.pots ? red.pots.find((x) => x.potId === p.id).remainder : null,
    };
  }
  return out;
}

describe('signing in', () => {
  test('a grant officer signs in with the keyboard alone; tokens stay in memory; reload signs in again; sign-out', async () => {
    await inBrowser(async ({ page, context }) => {
      await page.goto(`${world.siteUrl}/konsol/`);
      await ready(page, 'inloggning');
      await checkView(page, 'inloggning');
      await page.keyboard.press('Tab');
      assert.equal((await focused(page)).text, 'Till huvudinnehållet', 'the first Tab is the skip link');
      await signIn(page, world, { person: 'hanna', keyboard: true, path: '/konsol/?vy=oversikt' });
      await checkView(page, 'inloggningssida-passerad-oversikt');
      assert.match(await page.locator('#anvandare').innerText(), /Hanna Handläggare.*handläggare/);
      const url = new URL(page.url());
      assert.ok(!url.searchParams.has('code') && !url.searchParams.has('state'), 'the code left the address bar');
      const stored = await page.evaluate(() => ({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie }));
      assert.deepEqual(stored.local, {}, 'nothing in localStorage');
      assert.deepEqual(Object.keys(stored.session), ['bidrag.konsol.inloggad'], 'sessionStorage holds only the signed-in mark');
      assert.equal(stored.session['bidrag.konsol.inloggad'], '1');
      assert.equal(stored.cookie, '', 'no cookie on the site');
      const siteCookies = (await context.cookies(world.siteUrl));
      assert.equal(siteCookies.length, 0);
      // a reload loses the in-memory tokens; the console signs in again and comes back to the same view
      await page.reload();
      await page.waitForURL((u) => u.origin === new URL(world.issuerUrl).origin);
      await checkView(page, 'leverantorens-inloggningssida', { frame: true });
      await page.locator('input[name="person"][value="hanna"]').check();
      await page.click('button[value="login"]');
      await ready(page, 'oversikt');
      await page.click('#logga-ut');
      await ready(page, 'inloggning');
      assert.match(await page.locator('main').innerText(), /Du är utloggad/);
      assert.deepEqual(await page.evaluate(() => ({ ...sessionStorage })), {}, 'sign-out forgets the mark');
      await checkView(page, 'utloggad');
    });
  });

  test('a person without an agency role is told so, and the API refuses', async () => {
    await inBrowser(async ({ page }) => {
      await signIn(page, world, { person: 'olle' });
      const text = await page.locator('main').innerText();
      assert.match(text, /Du saknar roll i Bidrag/);
      await checkView(page, 'ingen-roll');
    });
  });

  test('the token endpoint refuses a wrong PKCE verifier', async () => {
    const d = await (await fetch(`${world.issuerUrl}/.well-known/openid-configuration`)).json();
    assert.deepEqual(d.code_challenge_methods_supported, ['S256']);
    const form = new URLSearchParams({
      response_type: 'code', client_id: 'bidrag-konsol', redirect_uri: `${world.siteUrl}/konsol/`, scope: 'openid', state: 's', nonce: 'n',
      code_challenge: 'A'.repeat(43), code_challenge_method: 'S256', person: 'hanna', action: 'login',
    });
    const res = await fetch(d.authorization_endpoint, { method: 'POST', body: form, redirect: 'manual' });
    const code = new URL(res.headers.get('location')).searchParams.get('code');
    const t = await fetch(d.token_endpoint, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: `${world.siteUrl}/konsol/`, client_id: 'bidrag-konsol', code_verifier: 'x'.repeat(43) }),
    });
    assert.equal(t.status, 400);
    assert.equal((await t.json()).error, 'invalid_grant');
  });
});

describe('the grant year', () => {
  test('the overview: figures per pot equal the API\'s; chart with a text alternative; timeline with today; attention', async () => {
    const token = await tokenFor(world, 'hanna');
    const expected = await apiFigures(token);
    await inBrowser(async ({ page }) => {
      await signIn(page, world, { person: 'hanna' });
      const shown = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#tabell-potter tbody tr')].map((tr) => [tr.dataset.pot,
        Object.fromEntries([...tr.querySelectorAll('td[data-key]')].map((td) => [td.dataset.key, td.dataset.value === '' ? null : Number(td.dataset.value)]))])));
      assert.deepEqual(shown, expected, 'the overview\'s figures are the API\'s');
      const cellText = await page.locator('#tabell-potter tbody tr[data-pot="region-population"] td[data-key="allocated"]').innerText();
      assert.equal(cellText, '2\u00A0624\u00A0000\u00A0000\u00A0kr', 'amounts as 1 234 567 kr with U+00A0');
      if (process.env.BIDRAG_SUMMARY_JSON) {
        const summary = JSON.parse(fs.readFileSync(process.env.BIDRAG_SUMMARY_JSON, 'utf8'));
        for (const p of summary.pots) {
          assert.equal(shown[p.potId].allocated, p.allocated);
          assert.equal(shown[p.potId].requisitioned, p.requisitioned);
        }
      }
      const labels = await page.locator('.chart svg[role="img"]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
      assert.equal(labels.length, 4);
      labels.forEach((l) => assert.match(l, /rekvirerat \d+,\d\s%.*utbetalt \d+,\d\s%/));
      assert.equal(await page.locator('#idag').count(), 1, 'today is marked on the timeline');
      assert.match(await page.locator('#idag').innerText(), /I dag/);
      const dates = await page.locator('#tidslinje .timeline-date').allInnerTexts();
      assert.ok(dates.some((d) => d.startsWith('17 april 2025')), 'dates as "17 april 2025"');
      const attention = await page.locator('#att-gora').innerText();
      assert.match(attention, /väntar på attest/);
      assert.match(attention, /felköer/);
      await checkView(page, 'oversikt');
    });
  });

  test('recipients: 311 in one table; filter to one region and export; the CSV and the Excel file equal the rows shown', async () => {
    await inBrowser(async ({ page }) => {
      await signIn(page, world, { person: 'hanna' });
      await go(page, 'Mottagare', 'mottagare');
      assert.equal(await page.locator('#antal').innerText(), '311 mottagare');
      assert.equal(await page.locator('#tabell-mottagare tbody tr').count(), 311, 'all 311 on one page');
      await checkView(page, 'mottagare');
      await page.selectOption('#filter-region', '18');
      await page.waitForFunction(() => /av 311 mottagare visas/.test(document.querySelector('#antal').textContent));
      const rows = await page.evaluate(() => {
        const head = [...document.querySelectorAll('#tabell-mottagare thead th')].map((th) => th.querySelector('button').firstChild.textContent.trim());
        return { head, body: [...document.querySelectorAll('#tabell-mottagare tbody tr')].map((tr) => [...tr.children].map((td) => td.innerText.trim())) };
      });
      assert.equal(rows.body.length, 13, 'Region Örebro län and its 12 municipalities');
      assert.ok(rows.body.every((r) => r[3] === 'Region Örebro län'));
      assert.match(page.url(), /region=18/, 'the filter is in the address');
      await checkView(page, 'mottagare-orebro');
      const shown = rows.body.map((r) => r.map(cellValue));
      const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
      assert.match(csvDownload.suggestedFilename(), /^mottagare-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = parseCsv(fs.readFileSync(await csvDownload.path(), 'utf8'));
      assert.deepEqual(csv[0].slice(0, rows.head.length), rows.head, 'the CSV has the table\'s columns');
      assert.equal(csv[0][rows.head.length], 'Organisationsnummer');
      assert.deepEqual(csv.slice(1).map((r) => r.slice(0, rows.head.length).map((c, i) => (/^\d+$/.test(c) && i >= 4 ? Number(c) : c))), shown, 'the CSV rows are the rows shown');
      const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-xlsx')]);
      assert.match(xlsxDownload.suggestedFilename(), /\.xlsx$/);
      const sheet = readXlsx(fs.readFileSync(await xlsxDownload.path()));
      assert.deepEqual(sheet[0].slice(0, rows.head.length), rows.head);
      assert.deepEqual(sheet.slice(1).map((r) => r.slice(0, rows.head.length)), shown, 'the Excel rows are the rows shown');
      assert.equal(typeof sheet[1][5], 'number', 'amounts are numbers in the workbook');
      // sort by an amount: aria-sort on that header only, the live region says so
      await page.click('#tabell-mottagare thead button[data-key="allocated"]');
      await page.click('#tabell-mottagare thead button[data-key="allocated"]');
      assert.equal(await page.locator('#tabell-mottagare thead th[aria-sort]').count(), 1);
      assert.equal(await page.locator('#tabell-mottagare thead th[aria-sort="descending"] button').getAttribute('data-key'), 'allocated');
      assert.match(await page.locator('#antal').innerText(), /Sorterad efter tilldelat, fallande/);
      assert.equal(await page.locator('#tabell-mottagare tbody tr th').first().innerText(), 'Region Örebro län');
      // search by organisation number, with the hyphen
      await page.selectOption('#filter-region', '');
      await page.fill('#filter-sok', '212000-1967');
      await page.waitForFunction(() => /^1 av 311/.test(document.querySelector('#antal').textContent));
      assert.equal(await page.locator('#tabell-mottagare tbody tr th').innerText(), 'Örebro');
      await checkView(page, 'mottagare-sok');
    });
  });

  test('a recipient: allocation explained, requisition with its audit history, invoices, the organisation', async () => {
    await inBrowser(async ({ page }) => {
      await signIn(page, world, { person: 'hanna' });
      await go(page, 'Mottagare', 'mottagare');
      await page.fill('#filter-sok', 'Region Örebro');
      await page.waitForFunction(() => /^1 av 311/.test(document.querySelector('#antal').textContent));
      await page.click('#tabell-mottagare tbody a');
      await ready(page, 'mottagare-en');
      assert.equal(await page.locator('h1').innerText(), 'Region Örebro län');
      const text = await page.locator('main').innerText();
      assert.match(text, /Regioner, landsbygd och glesbygd: beloppet per kommun/);
      for (const k of ['Askersund', 'Hallsberg', 'Hällefors', 'Lindesberg', 'Ljusnarsberg', 'Lekeberg', 'Laxå']) {
        assert.match(text, new RegExp(k), `the rural amount's breakdown names ${k}`);
      }
      assert.match(text, /61675\/2117542/, 'the exact share');
      const history = await page.locator('#historik tbody tr').allInnerTexts();
      assert.ok(history.some((r) => /Rekvisitionen skickades in/.test(r)), 'the audit history shows the requisition');
      assert.ok(history.some((r) => /Rekvisitionen betalades ut/.test(r)));
      await checkView(page, 'mottagare-region-orebro');
    });
  });
});

describe('a grant with thousands of payments', () => {
  test('the console reads every page of the payments (1 000 at a time): the overview\'s figures are still the API\'s', async (t) => {
    if (!world.canControl) {
      t.skip('needs the stub (its synthetic recipients)');
      return;
    }
    await world.reset({ recipients: 2500 });
    try {
      const token = await tokenFor(world, 'hanna');
      const expected = await apiFigures(token);
      await inBrowser(async (b) => {
        const { page } = b;
        await signIn(page, world, { person: 'hanna' });
        await ready(page, 'oversikt');
        const shown = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#tabell-potter tbody tr')].map((tr) => [tr.dataset.pot,
          Object.fromEntries([...tr.querySelectorAll('td[data-key]')].map((td) => [td.dataset.key, td.dataset.value === '' ? null : Number(td.dataset.value)]))])));
        assert.deepEqual(shown, expected, 'every page counted');
        const pages = b.requests.map((r) => new URL(r.url())).filter((u) => u.pathname.endsWith('/payments'));
        assert.equal(pages.length, 3, `2 638 orders: three pages (${pages.map((u) => u.search).join(', ')})`);
        assert.ok(pages.every((u) => u.searchParams.get('limit') === '1000'));
        assert.equal(pages.filter((u) => u.searchParams.has('cursor')).length, 2, 'the second and third by the cursor');
      });
    } finally {
      await world.reset({ scenario: 'played-year' });
    }
  });
});

describe('actions, with four eyes', () => {
  test('a payout batch: proposed by one person, refused to the proposer, approved by a second person in another browser; the payment file', async (t) => {
    let batchId;
    await inBrowser(async ({ page }) => {
      await signIn(page, world, { person: 'disa' });
      await go(page, 'Utbetalningar', 'utbetalningar');
      await checkView(page, 'utbetalningar');
      await page.click('#foresla-utbetalning');
      await page.waitForSelector('.success-box');
      const msg = await page.locator('.success-box').innerText();
      batchId = /Utbetalning (\S+) är föreslagen/.exec(msg)[1];
      assert.match(msg, /väntar nu på attest/);
      await checkView(page, 'utbetalning-foreslagen');
      assert.match(await page.locator('main').innerText(), /Du föreslog den här utbetalningen/);
      await page.click(`#attestera-${batchId}`);
      await page.waitForSelector('.error-box');
      const refusal = await page.locator('.error-box').innerText();
      assert.match(refusal, /Du kan inte attestera något som du själv har föreslagit/);
      assert.equal(await page.evaluate(() => document.activeElement.className), 'error-box', 'focus moves to the message');
      await page.locator('.error-box summary').click();
      assert.match(await page.locator('.error-box').innerText(), /403/);
      await checkView(page, 'utbetalning-egen-attest-nekad');
    });
    assert.ok(batchId, 'a batch was proposed');
    await inBrowser(async ({ page }) => {
      await signIn(page, world, { person: 'arvid' });
      await go(page, 'Utbetalningar', 'utbetalningar');
      await page.click(`#attestera-${batchId}`);
      await page.waitForSelector('text=betalfilen är skapad', { timeout: 15000 });
      await checkView(page, 'utbetalning-attesterad');
      await page.locator('.success-box a').click();
      await ready(page, 'betalfil');
      const xml = await page.locator('#betalfil').innerText();
      assert.match(xml, /urn:iso:std:iso:20022:tech:xsd:pain\.001\.001\.03/);
      assert.match(xml, /<NbOfTxs>\d+<\/NbOfTxs>/);
      await checkView(page, 'betalfil');
    });
  });

  test('a recovery (återkrav): the API\'s field error beside the field, then proposed, then approved by another person', async () => {
    await inBrowser(async ({ page }) => {
      await signIn(page, world, { person: 'hanna' });
      await go(page, 'Mottagare', 'mottagare');
      await page.fill('#filter-sok', '0380');
      await page.waitForFunction(() => /^1 av 311/.test(document.querySelector('#antal').textContent));
      await page.click('#tabell-mottagare tbody a');
      await ready(page, 'mottagare-en');
      await page.locator('#aterkrav-ruta summary').click();
      await page.fill('#aterkrav-amount', '999 999 999');
      await page.fill('#aterkrav-reason', 'Medel har använts till annat än statsbidragets ändamål (testdata).');
      await page.click('#aterkrav button[type="submit"]');
      await page.waitForSelector('#aterkrav .error-summary');
      assert.match(await page.locator('#aterkrav .error-summary').innerText(), /Belopp att kräva tillbaka: beloppet är för stort/);
      assert.equal(await page.locator('#aterkrav-amount').getAttribute('aria-invalid'), 'true');
      await checkView(page, 'aterkrav-fel');
      await page.fill('#aterkrav-amount', '25 000');
      await page.click('#aterkrav button[type="submit"]');
      await page.waitForSelector('#aterkrav-ruta .success-box');
      assert.match(await page.locator('#aterkrav-ruta .success-box').innerText(), /väntar på attest/);
      await checkView(page, 'aterkrav-foreslaget');
    });
    await inBrowser(async ({ page }) => {
      await signIn(page, world, { person: 'arvid' });
      await go(page, 'Återkrav och attest', 'attest');
      await checkView(page, 'attest');
      const block = page.locator('.proposal[data-state="AWAITING_ATTESTATION"]', { hasText: 'Återkrav av 25\u00A0000\u00A0kr från Uppsala' });
      await block.locator('button', { hasText: 'Attestera' }).click();
      await block.locator('.success-box').waitFor();
      assert.match(await block.locator('.success-box').innerText(), /Faktura \d+ på 25\u00A0000\u00A0kr är utfärdad/);
      await checkView(page, 'attest-attesterat');
    });
  });

  test('e-mail: a suppressed address is lifted; dead letters are redriven', async () => {
    await inBrowser(async ({ page }) => {
      await signIn(page, world, { person: 'hanna' });
      await go(page, 'E-post', 'epost');
      await checkView(page, 'epost');
      const before = await page.locator('main table').first().locator('tbody tr').count();
      await page.locator('main table').first().locator('button', { hasText: 'Häv spärren' }).first().click();
      await page.waitForSelector('.success-box');
      assert.match(await page.locator('.success-box').innerText(), /Spärren för .* är hävd/);
      assert.ok(before >= 1);
      await go(page, 'Felköer', 'drift');
      await checkView(page, 'felkoer');
      await page.locator('button', { hasText: /Skicka tillbaka 2/ }).click();
      await page.waitForSelector('.success-box');
      assert.match(await page.locator('.success-box').innerText(), /2 meddelanden från EmailDeadLetterQueue skickas tillbaka/);
      await checkView(page, 'felkoer-tomda');
    });
  });
});

describe('two grant years in one deployment', () => {
  test('the grant chooser: choosing alone changes nothing; Visa opens the other grant, whose every read goes to its own id', async (t) => {
    if (world.canControl) {
      await world.reset({ scenario: 'two-grants' });
    } else if ((await apiGet(world, await tokenFor(world, 'hanna'), '/grants')).body.grants.length < 2) {
      t.skip('needs a stack with two grants (the stub\'s scenario two-grants, or ConsoleBrowserIT\'s upload)');
      return;
    }
    try {
      await inBrowser(async (b) => {
        const { page } = b;
        await signIn(page, world, { person: 'hanna' });
        await ready(page, 'oversikt');
        assert.equal(await page.locator('label[for="statsbidrag"]').innerText(), 'Statsbidrag');
        const options = await page.locator('#statsbidrag option').allInnerTexts();
        assert.equal(options.length, 2, 'the two grants GET /grants lists');
        assert.match(options[0], /^EXEMPEL:/, 'the newest grant year first');
        assert.equal(await page.locator('#statsbidrag').inputValue(), 'god-och-nara-vard-2025', 'config.js names the grant shown first');
        await page.selectOption('#statsbidrag', 'god-och-nara-vard-2026-exempel');
        assert.match(await page.locator('main .lead').first().innerText(), /vård 2025/, 'selecting alone changes nothing (WCAG 3.2.2)');
        const from = b.requests.length;
        await page.click('#visa-statsbidrag');
        await ready(page, 'oversikt');
        assert.match(await page.locator('main .lead').first().innerText(), /^EXEMPEL:/);
        if (world.real) { // the local stack publishes on illustrative inputs, and every view says so in the API's words
          assert.match(await page.locator('main .illustrative').innerText(), /^Illustrativa uppgifter: /);
        }
        const reads = b.requests.slice(from).map((r) => new URL(r.url()).pathname).filter((x) => x.startsWith('/grants/'));
        assert.ok(reads.length >= 4 && reads.every((x) => x.startsWith('/grants/god-och-nara-vard-2026-exempel')), reads.join(', '));
        await checkView(page, 'tva-bidragsar');
        await go(page, 'Mottagare', 'mottagare');
        assert.equal(await page.locator('#statsbidrag').inputValue(), 'god-och-nara-vard-2026-exempel', 'the choice holds across views');
        await page.selectOption('#statsbidrag', 'god-och-nara-vard-2025');
        await page.click('#visa-statsbidrag');
        await ready(page, 'oversikt');
        assert.match(await page.locator('main .lead').first().innerText(), /vård 2025/);
      });
    } finally {
      if (world.canControl) {
        await world.reset({ scenario: 'played-year' });
      }
    }
  });
});

describe('the redistribution (after the deadline)', () => {
  test('preview per pot and per recipient, then run', async (t) => {
    if (!world.canControl) {
      t.skip('needs a stack just after the requisition deadline (stub only)');
      return;
    }
    await world.reset({ scenario: 'after-deadline' });
    try {
      await inBrowser(async ({ page }) => {
        await signIn(page, world, { person: 'hanna' });
        await checkView(page, 'oversikt-fore-omfordelning');
        assert.match(await page.locator('#tabell-potter').innerText(), /efter omfördelningen/);
        await go(page, 'Omfördelning', 'omfordelning');
        await checkView(page, 'omfordelning');
        await page.click('#forhandsgranska');
        await page.waitForSelector('#forhandsgranskning');
        assert.equal(await page.evaluate(() => document.activeElement.id), 'forhandsgranskning');
        assert.match(await page.locator('main').innerText(), /389\u00A0679\u00A0887\u00A0kr skulle omfördelas/);
        await page.locator('details.action summary', { hasText: 'Per mottagare' }).click();
        await checkView(page, 'omfordelning-forhandsgranskning');
        await page.click('#gor-omfordelning');
        await page.waitForSelector('.success-box');
        assert.match(await page.locator('.success-box').first().innerText(), /Omfördelningen är gjord/);
        await checkView(page, 'omfordelning-gjord');
      });
    } finally {
      await world.reset({ scenario: 'played-year' });
    }
  });
});

describe('keyboard alone', () => {
  test('every view: Tab reaches every control with a visible focus, nothing traps it, the menu works with Enter', async () => {
    await inBrowser(async ({ page }) => {
      await signIn(page, world, { person: 'disa', keyboard: true });
      const views = [['Översikt', 'oversikt'], ['Mottagare', 'mottagare'], ['Omfördelning', 'omfordelning'], ['Utbetalningar', 'utbetalningar'],
        ['Återkrav och attest', 'attest'], ['E-post', 'epost'], ['Felköer', 'drift']];
      for (const [label, name] of views) {
        await tabTo(page, page.locator('#meny a', { hasText: label }));
        await page.keyboard.press('Enter');
        await ready(page, name);
        assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1', `${label}: focus moves to the heading`);
        const seen = [];
        for (let i = 0; i < 700; i += 1) {
          await page.keyboard.press('Tab');
          const f = await page.evaluate(() => {
            const el = document.activeElement;
            const r = el.getBoundingClientRect();
            return { tag: el.tagName, text: (el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 40), visible: el.matches(':focus-visible'), size: r.width * r.height, footer: Boolean(el.closest('footer')) };
          });
          if (f.tag === 'BODY') {
            continue;
          }
          assert.ok(f.visible, `${label}: focus is visible on ${f.tag} "${f.text}"`);
          assert.ok(f.size > 0, `${label}: the focused ${f.tag} "${f.text}" is on screen`);
          seen.push(f);
          if (f.footer) {
            break;
          }
        }
        assert.ok(seen.some((f) => f.footer), `${label}: Tab reaches the footer (no trap)`);
      }
      // the recipients table sorts from the keyboard
      await tabTo(page, page.locator('#meny a', { hasText: 'Mottagare' }));
      await page.keyboard.press('Enter');
      await ready(page, 'mottagare');
      await tabTo(page, page.locator('#tabell-mottagare thead button[data-key="paid"]'));
      await page.keyboard.press('Enter');
      assert.equal(await page.locator('#tabell-mottagare thead th[aria-sort="ascending"] button').getAttribute('data-key'), 'paid');
      await tabTo(page, page.locator('#filter-typ'));
      await page.keyboard.press('ArrowDown');
      await page.waitForFunction(() => /21 av 311/.test(document.querySelector('#antal').textContent));
      await tabTo(page, page.locator('#tabell-mottagare tbody a').first());
      await page.keyboard.press('Enter');
      await ready(page, 'mottagare-en');
      await checkView(page, 'mottagare-via-tangentbord');
    });
  });
});

describe('a route the API does not have yet', () => {
  test('the view says so in Swedish and the rest works', async (t) => {
    if (!world.canControl) {
      t.skip('stub only');
      return;
    }
    await world.reset({ missing: ['GET /grants/{g}/audit', 'GET /grants/{g}/payout-batches', 'GET /operations/dead-letters', 'GET /grants/{g}/proposals'] });
    try {
      await inBrowser(async ({ page }) => {
        await signIn(page, world, { person: 'hanna' });
        assert.match(await page.locator('#att-gora').innerText(), /API:t har inte utbetalningsförslag \(payout-batches\) än/);
        await checkView(page, 'saknad-vag-oversikt');
        await go(page, 'Utbetalningar', 'utbetalningar');
        assert.match(await page.locator('main').innerText(), /Uppgiften finns inte i API:t än/);
        await go(page, 'Mottagare', 'mottagare');
        await page.fill('#filter-sok', 'Askersund');
        await page.waitForFunction(() => /^1 av 311/.test(document.querySelector('#antal').textContent));
        await page.click('#tabell-mottagare tbody a');
        await ready(page, 'mottagare-en');
        assert.match(await page.locator('#del-historik').locator('xpath=..').innerText(), /Uppgiften finns inte i API:t än/);
        await checkView(page, 'saknad-vag-historik');
      }, { allowConsole: [/404/] });
    } finally {
      await world.reset({});
    }
  });
});
