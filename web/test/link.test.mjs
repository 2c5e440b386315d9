// Links that do not work: expired, revoked, tampered (a new link goes to the registry on file, never
// to an address typed into the page), a recipient with nothing to report, no link at all, and the
// API out of reach when the page loads.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ReportForm } from './lib/form.mjs';
import { extractReportLink, mailText, readMailbox, waitForMail } from './lib/mail.mjs';
import { check, inBrowser, tokenOf, useWorld } from './lib/setup.mjs';

const world = useWorld();

const HEADINGS = {
  expired: 'Länken har slutat gälla',
  revoked: 'Länken gäller inte längre',
  tampered: 'Länken fungerar inte',
};

describe('links that do not work', () => {
  for (const kind of ['expired', 'revoked', 'tampered']) {
    test(`${kind}: says so, sends a new link to the registry on file, and the new link works`, async (t) => {
      const link = await world().link(kind);
      if (!link) {
        t.skip(`this world has no "${kind}" link`);
        return;
      }
      const before = world().mails ? (await world().mails()).length : 0;
      await inBrowser(world(), async ({ page }) => {
        const form = new ReportForm(page, { keyboard: true, check, name: `lank-${kind}` });
        await form.open(link, 'sida');
        assert.equal(await form.h1().innerText(), HEADINGS[kind]);
        assert.equal(await page.locator('main input, main textarea').count(), 0, 'no field for an address: the link goes to the registry on file');
        assert.match(await form.mainText(), /den e-postadress som Socialstyrelsen redan har för er organisation/);
        await form.activate(form.button('Skicka en ny länk'));
        await page.locator('#ny-lank-besked').waitFor();
        await form.check('skickad');
        const box = await page.locator('#ny-lank-besked').innerText();
        assert.match(box, /En ny länk är skickad/);
        const masked = /till (\S+@\S+), er registratur/.exec(box)?.[1];
        assert.ok(masked && masked.includes('\u2022'), `the masked address is shown: ${box}`);
        assert.ok(await page.evaluate(() => document.activeElement?.id === 'ny-lank-besked'), 'focus moves to the answer');
        assert.match(await page.title(), /^En ny länk är skickad/);

        if (world().mails) {
          const domain = masked.split('@')[1];
          const mail = await waitForMail(world().sesStoreUrl, { after: before, match: (m) => m.destination.to.some((a) => a.endsWith(`@${domain}`)) && extractReportLink(mailText(m)) });
          const fresh = extractReportLink(mailText(mail));
          assert.ok(fresh, 'the mail carries a link to the form');
          assert.notEqual(tokenOf(fresh), tokenOf(link), 'a new token');
          const next = new ReportForm(page, { keyboard: true, check, name: `lank-${kind}-ny` });
          await next.open(fresh);
          assert.doesNotMatch(await next.h1().innerText(), /Länken/);
          assert.ok(await page.locator('main button').count() > 0, 'the form opens');
        }

        // asking again at once: the API answers 429 and the page says to wait (one per 10 minutes, also on the real API)
        {
          await form.open(link, 'sida-igen');
          await form.activate(form.button('Skicka en ny länk'));
          await page.locator('#ny-lank-besked').waitFor();
          await form.check('vanta');
          assert.match(await page.locator('#ny-lank-besked').innerText(), /Vänta 10 minuter och försök igen/);
        }
      }, { tokens: [tokenOf(link)] });
    });
  }

  test('a recipient with nothing to report', async (t) => {
    const link = await world().link('nothing');
    if (!link) {
      t.skip('this world has no "nothing" link');
      return;
    }
    await inBrowser(world(), async ({ page }) => {
      const form = new ReportForm(page, { check, name: 'inget' });
      await form.open(link, 'sida');
      assert.equal(await form.h1().innerText(), 'Det finns inga medel att återrapportera');
    });
  });

  test('the form without a link', async () => {
    await inBrowser(world(), async ({ page }) => {
      const form = new ReportForm(page, { check, name: 'utan-lank' });
      await form.open(`${world().siteUrl}/rapport/`, 'sida');
      assert.equal(await form.h1().innerText(), 'Öppna er personliga länk');
      assert.equal(await page.locator('main input').count(), 0);
    });
  });

  test('the API out of reach when the page loads: a message and Försök igen', async (t) => {
    const link = await world().link('fresh');
    if (!link) {
      t.skip('this world has no fresh link');
      return;
    }
    await inBrowser(world(), async ({ page }) => {
      let failed = 0;
      await page.route('**/reports/form', (route) => {
        if (failed === 0) {
          failed += 1;
          return route.abort('connectionrefused');
        }
        return route.fallback();
      });
      const form = new ReportForm(page, { keyboard: true, check, name: 'natfel-start' });
      await page.goto(link);
      await form.expectHeading(/Det gick inte att hämta era uppgifter/);
      await form.check('sida');
      await form.activate(form.button('Försök igen'));
      await form.button('Börja').waitFor();
      await form.check('start');
    }, { tokens: [tokenOf(link)] });
  });
});

describe('the link in an e-mail', () => {
  test('is found in plain text and in HTML, with the token in the fragment', () => {
    const text = 'Till registraturen\n\nLämna återrapporten i webbformuläret:\nhttps://bidrag.example/rapport/#eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.abc-_123\n\nMvh';
    assert.equal(extractReportLink(text), 'https://bidrag.example/rapport/#eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.abc-_123');
    const html = '<p>Länk: <a href="http://127.0.0.1:8080/rapport/#abc.def.ghi">http://127.0.0.1:8080/rapport/#abc.def.ghi</a>.</p>';
    assert.equal(extractReportLink(html), 'http://127.0.0.1:8080/rapport/#abc.def.ghi');
    const qp = 'https://bidrag.example/rapport/#abc.de=\r\nf.ghi\r\n';
    assert.equal(extractReportLink(qp), 'https://bidrag.example/rapport/#abc.def.ghi');
  });

  test('a link with the token in the query string is not accepted', () => {
    assert.equal(extractReportLink('https://bidrag.example/reports/form?token=abc.def.ghi'), null);
  });

  test('the mail store can be read', async (t) => {
    if (!world().sesStoreUrl) {
      t.skip('no mail store');
      return;
    }
    assert.ok(Array.isArray(await readMailbox(world().sesStoreUrl)));
  });
});
