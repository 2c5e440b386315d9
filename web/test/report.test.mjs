// The reporting journey: first report (keyboard only), errors from the page and from the server,
// a network failure, a reload, opening the link again, a correction, and after the deadline.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ReportForm, amountsFor, formData } from './lib/form.mjs';
import { readMailbox, waitForMail } from './lib/mail.mjs';
import { check, inBrowser, tokenOf, useWorld } from './lib/setup.mjs';

const NBSP = '\u00A0';
const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];
const kr = (n) => `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, NBSP)}${NBSP}kr`;
const swedishDate = (iso) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
};

const world = useWorld();

async function need(t, kind) {
  const link = await world().link(kind);
  if (!link) {
    t.skip(`this world has no "${kind}" link`);
  }
  return link;
}

describe('the reporting form', () => {
  test('a first report from start to receipt with the keyboard alone', async (t) => {
    const link = await need(t, 'fresh');
    if (!link) {
      return;
    }
    const data = await formData(world().apiUrl, link);
    const areas = data.areas.map((a) => a.number);
    const unspent = 12345;
    const amounts = amountsFor(areas, data.received, unspent, NBSP);
    // one with plain spaces and one with narrow no-break spaces: both are read as thousands separators
    amounts[areas[0]] = amounts[areas[0]].replace(/\u00A0/g, ' ');
    if (areas[1] !== undefined) {
      amounts[areas[1]] = amounts[areas[1]].replace(/\u00A0/g, '\u202F');
    }
    await inBrowser(world(), async ({ page }) => {
      const form = new ReportForm(page, { keyboard: true, check, name: 'tangentbord' });
      await form.open(link);
      assert.equal(new URL(page.url()).hash, '', 'the token is gone from the address bar');
      assert.equal(new URL(page.url()).pathname, '/rapport/');
      const start = await form.mainText();
      assert.match(await form.h1().innerText(), new RegExp(data.grant.title));
      assert.ok(start.includes(data.recipient.name), 'the recipient is named');
      assert.ok(start.includes(data.recipient.orgnr.replace(/^(\d{6})(\d{4})$/, '$1-$2')), 'the organisation number');
      assert.ok(start.includes(kr(data.receivedParts.requisitioned)), 'the requisitioned part');
      assert.ok(start.includes(kr(data.receivedParts.redistributed)), 'the redistributed part');
      assert.ok(start.includes(kr(data.received)), 'the total received');
      assert.ok(start.includes(swedishDate(data.grant.deadline)), 'the deadline as a Swedish date');
      assert.match(start, /ungefär 10 minuter/);
      assert.match(start, /ej förbrukade medel/);
      assert.match(start, /särredovisat/);

      // the first Tab reaches the skip link
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');

      await form.begin();
      const labels = await page.locator('main label[for^="belopp-"]').allInnerTexts();
      assert.equal(labels.length, data.areas.length, 'one field per area of the requisition');
      data.areas.forEach((a, i) => assert.ok(labels[i].toLowerCase().includes(a.title.toLowerCase().replace(/[,.]$/, '')), `labelled with the title of area ${a.number}`));
      assert.equal(await page.locator('.suffix').first().innerText(), 'kr');

      const live = await form.fillAmounts(amounts);
      assert.ok(live.includes(`Ej förbrukade medel: ${kr(unspent)}`), `the live region shows ${kr(unspent)}: ${live}`);
      assert.equal(await page.locator('#ej-forbrukat').getAttribute('aria-live'), 'polite');
      assert.match(await page.locator('.tally').innerText(), /Använt \+ ej förbrukat = mottaget belopp/);

      await form.continue(/Särredovisning/, 'sarredovisning');
      await form.expectFocusOnHeading();
      assert.equal(await page.locator('fieldset legend').innerText(),
        'Har ni särredovisat medlen (t.ex. på ett separat konto eller projekt)?');
      const account = 'Testdata: medlen har använts till fast läkarkontakt och till ett gemensamt arbete med regionen om rehabilitering.';
      await form.answerAccounting({ separate: true, account });
      assert.equal(await page.locator('#beskrivning-antal').innerText(), `Du har ${(20000 - account.length).toLocaleString('sv-SE').replace(/\s/g, NBSP)} tecken kvar`);

      await form.continue(/Vem lämnar/, 'uppgiftslamnare');
      assert.equal(await page.locator('#namn').getAttribute('autocomplete'), 'name');
      assert.equal(await page.locator('#epost').getAttribute('autocomplete'), 'email');
      await form.fillReporter({ name: 'Test Testsson', email: 'test.testsson@example.com' });

      await form.continue(/Kontrollera dina svar/, 'kontroll');
      const summary = await form.mainText();
      assert.ok(summary.includes(`${kr(unspent)}`), 'the check page shows the unspent amount');
      assert.ok(summary.includes(account));
      assert.ok(summary.includes('test.testsson@example.com'));
      assert.equal(await page.locator('main a[data-andra]').count(), data.areas.length + 4, 'an Ändra link for every answer');

      // change an answer: Ändra leads back to the question and Fortsätt back to the check page
      await form.activate(page.locator('main a[data-andra][href$="?steg=uppgiftslamnare"]').first());
      await form.expectHeading(/Vem lämnar/);
      assert.equal(await page.locator('#namn').inputValue(), 'Test Testsson', 'the answer is kept');
      await form.type(page.locator('#namn'), 'Testa Testsson');
      await form.continue(/Kontrollera dina svar/);
      assert.ok((await form.mainText()).includes('Testa Testsson'));

      await form.send();
      const receipt = await form.mainText();
      const reference = await page.locator('.panel .reference').innerText();
      assert.ok(reference.length > 3, 'a reference is shown');
      assert.match(receipt, /kvittens till test\.testsson@example\.com/);
      assert.ok(receipt.includes(data.registryEmail), 'the masked registry address');
      assert.ok(receipt.includes(`Socialstyrelsen skickar en faktura på ${kr(unspent)}`), 'the invoice to come');
      assert.ok(receipt.includes(`inom ungefär ${data.invoicing.invoiceWithinDays} dagar`));
      assert.equal(await page.evaluate(() => document.activeElement === document.querySelector('h1')), true);
      if (world().sesStoreUrl) {
        const mail = await waitForMail(world().sesStoreUrl, { to: 'test.testsson@example.com' });
        assert.ok(mail.subject.length > 0, 'a receipt e-mail went to the reporter');
      }
    }, { tokens: [tokenOf(link)] });
  });

  test('the page\'s own errors: summary at the top, message by the field, focus on the summary', async (t) => {
    const link = await need(t, 'fresh-8');
    if (!link) {
      return;
    }
    const data = await formData(world().apiUrl, link);
    await inBrowser(world(), async ({ page }) => {
      const form = new ReportForm(page, { check, name: 'fel-sidan' });
      await form.open(link);
      await form.begin();
      await form.fillAmounts({ [data.areas[0].number]: '12,5 miljoner', [data.areas[1].number]: '-5' }, 'belopp-felaktigt');
      assert.match(await page.locator('#ej-forbrukat').textContent(), /räknas fram när alla belopp är skrivna med siffror/);
      assert.match(await page.locator('#ej-forbrukat-synligt').innerText(), /räknas fram när alla belopp är skrivna med siffror/);
      await form.continue();
      await form.expectErrorSummaryFocused();
      await form.check('belopp-fel');
      const items = await form.errorSummary();
      assert.equal(items.length, data.areas.length, 'one error per area');
      assert.equal(items[0].href, `#belopp-${data.areas[0].number}`);
      assert.match(items[0].text, /med siffror i hela kronor/);
      assert.match(items[1].text, /kan inte vara mindre än 0/);
      assert.match(items[2].text, /Skriv 0 om ni inte har använt något/);
      const first = page.locator(`#belopp-${data.areas[0].number}`);
      assert.equal(await first.getAttribute('aria-invalid'), 'true');
      const describedBy = await first.getAttribute('aria-describedby');
      assert.equal(await page.locator(`#${describedBy}`).textContent(), `Fel: ${items[0].text}`, 'the same message beside the field');

      // the summary's link moves focus to the field (keyboard: Tab to it, Enter)
      const kb = new ReportForm(page, { keyboard: true });
      await kb.activate(page.locator('.error-summary a').nth(2));
      assert.ok(await kb.isFocused(page.locator(`#belopp-${data.areas[2].number}`)));
      assert.equal(new URL(page.url()).hash, '', 'the fragment is left alone');

      await form.fillAmounts(amountsFor(data.areas.map((a) => a.number), data.received), 'belopp-rattat');
      await form.continue(/Särredovisning/);
      assert.doesNotMatch(await page.title(), /^Fel/);
      await form.continue();
      await form.expectErrorSummaryFocused();
      await form.check('sarredovisning-fel');
      const items2 = await form.errorSummary();
      assert.deepEqual(items2.map((i) => i.href), ['#sarredovisat-ja', '#beskrivning']);
      assert.equal(items2[0].text, 'Välj om ni har särredovisat medlen.');
      await form.answerAccounting({ separate: false, account: 'x'.repeat(20001) }, 'sarredovisning-for-lang');
      assert.match(await page.locator('#beskrivning-antal').innerText(), /Du har 1 tecken för mycket/);
      await form.continue();
      await form.expectErrorSummaryFocused();
      assert.match((await form.errorSummary())[0].text, /högst 20\u00A0000 tecken/);
      await form.answerAccounting({ separate: false, account: 'Testdata: kort beskrivning.' });
      await form.continue(/Vem lämnar/);
      await form.fillReporter({ name: '', email: 'inte-en-adress' });
      await form.continue();
      await form.expectErrorSummaryFocused();
      await form.check('uppgiftslamnare-fel');
      assert.deepEqual((await form.errorSummary()).map((i) => i.href), ['#namn', '#epost']);
    });
  });

  test('the server\'s field errors are mapped to their steps, the sum\'s to the amounts', async (t) => {
    const link = await need(t, 'fresh');
    if (!link) {
      return;
    }
    const data = await formData(world().apiUrl, link);
    const areas = data.areas.map((a) => a.number);
    await inBrowser(world(), async ({ page }) => {
      const form = new ReportForm(page, { check, name: 'fel-servern' });
      await form.open(link);
      await form.begin();
      // 1 000 kr more than received: the page warns, the server decides
      const over = amountsFor(areas, data.received + 1000, 0);
      const live = await form.fillAmounts(over, 'belopp-overdrag');
      assert.match(live, /Varning: Summan av använda medel är 1\u00A0000\u00A0kr större än det mottagna beloppet/);
      await form.continue(/Särredovisning/);
      await form.answerAccounting({ separate: true, account: 'Testdata.' }, 'sarredovisning-2');
      await form.continue(/Vem lämnar/);
      await form.fillReporter({ name: 'Test Testsson', email: 'test@example.com' }, 'uppgiftslamnare-2');
      await form.continue(/Kontrollera dina svar/, 'kontroll-overdrag');
      assert.match(await page.locator('main .warning').innerText(), /Kontrollera beloppen: summan av använda medel är 1\u00A0000\u00A0kr större/);
      await form.send(/Hur mycket har ni använt/, 'belopp-serverfel');
      await form.expectErrorSummaryFocused();
      const items = await form.errorSummary();
      assert.equal(items.length, 1);
      assert.equal(items[0].href, `#belopp-${areas[0]}`);
      assert.match(items[0].text, /större än det mottagna beloppet/);
      assert.match(await page.locator('#belopp-fel').innerText(), /större än det mottagna beloppet/, 'the message is on the amounts group');
      assert.equal(new URL(page.url()).search, '?steg=belopp');

      // fixed: Fortsätt goes straight back to the check page, and the report is accepted
      await form.fillAmounts(amountsFor(areas, data.received, 0), 'belopp-rattat');
      await form.continue(/Kontrollera dina svar/, 'kontroll-rattat');
      await form.send();
    });
  });

  test('field errors on several steps: each step shows its own, one after the other', async (t) => {
    const link = await need(t, 'fresh');
    if (!link) {
      return;
    }
    const data = await formData(world().apiUrl, link);
    const areas = data.areas.map((a) => a.number);
    await inBrowser(world(), async ({ page }) => {
      const form = new ReportForm(page, { check, name: 'fel-flera' });
      // the server's answer is replaced in the browser, so this runs against any server
      await page.route('**/reports', async (route) => {
        if (route.request().method() !== 'POST') {
          return route.fallback();
        }
        await route.fulfill({
          status: 422,
          contentType: 'application/problem+json',
          headers: { 'Access-Control-Allow-Origin': new URL(world().siteUrl).origin },
          body: JSON.stringify({
            type: 'urn:bidrag:problem:validation-failed', title: 'The request has fields that are not valid', status: 422,
            detail: '3 fields are not valid',
            errors: [
              { field: `usedPerArea.${areas[areas.length - 1]}`, pointer: `/usedPerArea/${areas[areas.length - 1]}`, detail: 'must be 0 or more' },
              { field: 'separateAccounting', pointer: '/separateAccounting', detail: 'must be true or false' },
              { field: 'reporter.email', pointer: '/reporter/email', detail: 'is not an e-mail address' },
            ],
          }),
        });
        await page.unroute('**/reports');
      });
      await form.open(link);
      await form.begin();
      await form.fillAmounts(amountsFor(areas, data.received));
      await form.continue(/Särredovisning/);
      await form.answerAccounting({ separate: true, account: 'Testdata.' });
      await form.continue(/Vem lämnar/);
      await form.fillReporter({ name: 'Test Testsson', email: 'test@example.com' });
      await form.continue(/Kontrollera dina svar/);
      await form.send(/Hur mycket har ni använt/, 'belopp-serverfel');
      await form.expectErrorSummaryFocused();
      const last = areas[areas.length - 1];
      assert.deepEqual((await form.errorSummary()).map((i) => i.href), [`#belopp-${last}`]);
      assert.doesNotMatch((await form.errorSummary())[0].text, /must be/, 'never the server\'s English');
      await form.continue(/Särredovisning/);
      await form.expectErrorSummaryFocused();
      await form.check('sarredovisning-serverfel');
      assert.deepEqual((await form.errorSummary()).map((i) => i.href), ['#sarredovisat-ja']);
      assert.match((await form.errorSummary())[0].text, /Svaret om särredovisning kunde inte tas emot/);
      await form.continue(/Vem lämnar/);
      await form.expectErrorSummaryFocused();
      await form.check('uppgiftslamnare-serverfel');
      assert.match((await form.errorSummary())[0].text, /E-postadressen kunde inte tas emot/);
      await form.continue(/Kontrollera dina svar/);
      await form.send();
    });
  });

  test('a network failure keeps every answer and offers to try again', async (t) => {
    const link = await need(t, 'fresh');
    if (!link) {
      return;
    }
    const data = await formData(world().apiUrl, link);
    await inBrowser(world(), async ({ page }) => {
      const form = new ReportForm(page, { check, name: 'natfel' });
      await form.open(link);
      let failed = 0;
      await page.route('**/reports', (route) => {
        if (route.request().method() === 'POST' && failed === 0) {
          failed += 1;
          return route.abort('internetdisconnected');
        }
        return route.fallback();
      });
      await form.begin();
      await form.fillAmounts(amountsFor(data.areas.map((a) => a.number), data.received));
      await form.continue(/Särredovisning/);
      await form.answerAccounting({ separate: false, account: 'Testdata: nätverksfel.' });
      await form.continue(/Vem lämnar/);
      await form.fillReporter({ name: 'Test Testsson', email: 'test@example.com' });
      await form.continue(/Kontrollera dina svar/);
      await form.send(/Kontrollera dina svar/, 'kontroll-natfel');
      await form.expectErrorSummaryFocused();
      assert.match(await page.locator('.error-summary').innerText(), /Det gick inte att skicka återrapporten.*Dina svar finns kvar/s);
      assert.ok((await form.mainText()).includes('Testdata: nätverksfel.'), 'the answers are still there');
      assert.equal(await page.locator('#skicka').innerText(), 'Försök skicka igen');
      assert.equal(failed, 1);
      await form.send();
    });
  });

  test('a reload keeps the link and the answers (sessionStorage, this tab only)', async (t) => {
    const link = await need(t, 'fresh');
    if (!link) {
      return;
    }
    const data = await formData(world().apiUrl, link);
    const first = data.areas[0].number;
    await inBrowser(world(), async ({ page }) => {
      const form = new ReportForm(page, { check, name: 'omladdning' });
      await form.open(link);
      await form.begin();
      await form.type(form.amount(first), '1 000');
      await page.reload();
      await page.waitForSelector('html[data-ready]');
      await form.expectHeading(/Hur mycket har ni använt/);
      await form.check('belopp-efter-omladdning');
      assert.equal(await form.amount(first).inputValue(), '1 000');
      const stored = await page.evaluate(() => ({
        session: Object.keys(sessionStorage), local: localStorage.length, cookie: document.cookie,
      }));
      assert.deepEqual(stored, { session: ['bidrag.rapport'], local: 0, cookie: '' }, 'this tab\'s sessionStorage only');
      // Back goes to the start page
      await page.goBack();
      await form.expectHeading(new RegExp(data.grant.title));
      assert.equal(new URL(page.url()).search, '');
    }, { tokens: [tokenOf(link)] });
  });

  test('opening the link again shows the report; a correction replaces it', async (t) => {
    const link = await need(t, 'reported');
    if (!link) {
      return;
    }
    const data = await formData(world().apiUrl, link);
    assert.ok(data.report && data.correctable, 'the recipient has reported and may correct');
    await inBrowser(world(), async ({ page }) => {
      const form = new ReportForm(page, { keyboard: true, check, name: 'rattelse' });
      await form.open(link, 'oversikt');
      assert.equal(await form.h1().innerText(), 'Er återrapport');
      const overview = await form.mainText();
      assert.ok(overview.includes(data.report.reference));
      assert.match(overview, /En rättelse ersätter den tidigare återrapporten/);
      await form.activate(form.button('Rätta återrapporten'));
      await form.expectHeading(/Hur mycket har ni använt/);
      await form.check('belopp-forifyllt');
      const firstArea = data.areas[0].number;
      const before = Number((await form.amount(firstArea).inputValue()).replace(/\s/g, ''));
      assert.equal(before, data.report.usedPerArea[firstArea], 'pre-filled with the report');
      await form.type(form.amount(firstArea), String(before - 2000));
      await form.continue(/Särredovisning/);
      assert.equal(await page.locator('#beskrivning').inputValue(), data.report.account);
      await form.continue(/Vem lämnar/);
      await form.continue(/Kontrollera dina svar/, 'kontroll');
      assert.match(await form.mainText(), /Rättelsen ersätter den återrapport som lämnades/);
      await form.send(/Rättelsen är inskickad/);
      const receipt = await form.mainText();
      assert.ok(receipt.includes(`Socialstyrelsen skickar en faktura på ${kr(data.report.unspent + 2000)}`));
      // opened once more: the correction is the report now
      await page.goto(link);
      await page.waitForSelector('html[data-ready]');
      await form.check('oversikt-efter-rattelse');
      assert.match(await form.mainText(), /2 \(rättad\)/);
    }, { tokens: [tokenOf(link)] });
  });

  test('after the deadline, not yet reported: accepted and marked late', async (t) => {
    const link = await need(t, 'late');
    if (!link) {
      return;
    }
    const data = await formData(world().apiUrl, link);
    await inBrowser(world(), async ({ page }) => {
      const form = new ReportForm(page, { check, name: 'sen' });
      await form.open(link);
      assert.match(await form.mainText(), new RegExp(`Sista dagen för återrapporten var ${swedishDate(data.grant.deadline)}\\..*markeras som sen`, 's'));
      await form.begin();
      await form.fillAmounts(amountsFor(data.areas.map((a) => a.number), data.received));
      await form.continue(/Särredovisning/);
      await form.answerAccounting({ separate: true, account: 'Testdata: sen återrapport.' });
      await form.continue(/Vem lämnar/);
      await form.fillReporter({ name: 'Test Testsson', email: 'test@example.com' });
      await form.continue(/Kontrollera dina svar/, 'kontroll');
      assert.match(await form.mainText(), /markeras som sen/);
      await form.send();
      assert.match(await form.mainText(), /kom in efter sista dagen.*markerad som sen/s);
      assert.doesNotMatch(await form.mainText(), /Ni kan rätta återrapporten/);
    });
  });

  test('after the deadline, already reported: shown, not correctable', async (t) => {
    const link = await need(t, 'closed');
    if (!link) {
      return;
    }
    await inBrowser(world(), async ({ page }) => {
      const form = new ReportForm(page, { check, name: 'stangd' });
      await form.open(link, 'oversikt');
      const text = await form.mainText();
      assert.match(text, /kan inte längre rättas här/);
      assert.equal(await form.button('Rätta återrapporten').count(), 0);
      // a step address typed by hand leads back to the overview
      await page.goto(`${world().siteUrl}/rapport/?steg=belopp`);
      await page.waitForSelector('html[data-ready]');
      assert.equal(await form.h1().innerText(), 'Er återrapport');
    });
  });

  test('the deadline passes during a correction: the server\'s 409 is explained', async (t) => {
    if (!world().canControl) {
      t.skip('needs the stub to move the deadline');
      return;
    }
    const w = world();
    const r = w.stub.newRecipient({ report: true });
    await inBrowser(w, async ({ page }) => {
      const form = new ReportForm(page, { check, name: 'stangd-under' });
      await form.open(r.link, 'oversikt');
      await form.activate(form.button('Rätta återrapporten'));
      await form.type(form.amount(r.recipient.areas[0].number), '0');
      await form.continue(/Särredovisning/);
      await form.continue(/Vem lämnar/);
      await form.continue(/Kontrollera dina svar/);
      w.stub.setLate(r.id);
      await form.send(/Er återrapport/, 'oversikt-409');
      assert.match(await page.locator('.warning[role=alert]').innerText(), /Rättelsen kunde inte tas emot eftersom sista dagen/);
      assert.equal(r.recipient.report.version, 1, 'the report is unchanged');
    });
  });
});
