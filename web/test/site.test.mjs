// The site around the form: the accessibility statement, the skip link, the footer link (which
// must not carry the token), visible focus on every control, the security headers, config.js.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ReportForm } from './lib/form.mjs';
import { check, inBrowser, tokenOf, useWorld } from './lib/setup.mjs';

const SITE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../site');
const world = useWorld();

describe('the accessibility statement (tillgänglighetsredogörelse)', () => {
  test('has the parts DIGG\'s model asks for, and is honest about what was tested', async () => {
    await inBrowser(world(), async ({ page }) => {
      await page.goto(`${world().siteUrl}/tillganglighet/`);
      await check(page, 'tillganglighet');
      assert.equal((await page.locator('h1').textContent()).replace(/\u00AD/g, ''), 'Tillgänglighetsredogörelse');
      const h2 = await page.locator('main h2').allInnerTexts();
      for (const heading of ['Hur tillgänglig är webbplatsen?', 'Vad kan du göra om du inte kan använda delar av webbplatsen?',
        'Rapportera brister i webbplatsens tillgänglighet', 'Tillsyn', 'Teknisk information om webbplatsens tillgänglighet',
        'Hur vi har testat webbplatsen']) {
        assert.ok(h2.includes(heading), `a section "${heading}"`);
      }
      const text = await page.locator('main').innerText();
      assert.match(text, /Socialstyrelsen står bakom den här webbplatsen/, 'who publishes it');
      assert.match(text, /delvis förenlig med lagen om tillgänglighet till digital offentlig service/, 'the compliance status');
      assert.match(text, /axe-core/, 'the automated test');
      assert.match(text, /bara tangentbordet/, 'the keyboard-only test');
      assert.match(text, /Ingen manuell granskning med skärmläsare har gjorts/, 'what was not tested');
      assert.match(text, /https:\/\/www\.digg\.se\//, 'the supervisory authority');
      assert.match(text, /uppdaterades senast den \d{1,2} [a-zé]+ \d{4}/, 'the date of the statement');
      assert.ok(await page.locator('main a[href^="mailto:"]').count() >= 1, 'an e-mail address to report a problem');
      assert.equal(await page.locator('script').count(), 0, 'no script on the statement');
    });
  });
});

describe('moving around', () => {
  test('the skip link is the first Tab stop and moves focus to the main content', async () => {
    const link = await world().link('fresh');
    const pages = [`${world().siteUrl}/tillganglighet/`, link].filter(Boolean);
    await inBrowser(world(), async ({ page }) => {
      for (const url of pages) {
        await page.goto(url);
        await page.waitForLoadState('load');
        if (url.includes('/rapport/')) {
          await page.waitForSelector('html[data-ready]');
        }
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
        assert.ok(await page.locator('.skip-link').isVisible(), 'visible when focused');
        await check(page, `hopplank-${url.includes('/rapport/') ? 'rapport' : 'tillganglighet'}`);
        await page.keyboard.press('Enter');
        assert.equal(await page.evaluate(() => document.activeElement.id), 'innehall');
        if (url.includes('/rapport/')) {
          assert.equal(new URL(page.url()).hash, '', 'the form\'s fragment is left alone');
        }
      }
    }, { tokens: link ? [tokenOf(link)] : [] });
  });

  test('the footer link leaves the form without the token, and Back returns to it', async (t) => {
    const link = await world().link('fresh');
    if (!link) {
      t.skip('no fresh link');
      return;
    }
    await inBrowser(world(), async ({ page }) => {
      const form = new ReportForm(page, { keyboard: true, check, name: 'sidfot' });
      await form.open(link);
      const footer = page.locator('footer a', { hasText: 'Tillgänglighetsredogörelse' });
      assert.equal(await footer.getAttribute('href'), '/tillganglighet/');
      await form.activate(footer);
      await page.waitForURL(/\/tillganglighet\/$/);
      assert.equal(new URL(page.url()).hash, '');
      await page.goBack();
      await page.waitForSelector('html[data-ready]');
      await form.button('Börja').waitFor();
      await form.check('tillbaka');
    }, { tokens: [tokenOf(link)] });
  });

  test('every control shows where the focus is', async (t) => {
    const link = await world().link('fresh');
    if (!link) {
      t.skip('no fresh link');
      return;
    }
    await inBrowser(world(), async ({ page }) => {
      const form = new ReportForm(page, { keyboard: true, check, name: 'fokus' });
      await form.open(link);
      await form.begin();
      await form.continue();
      await form.expectErrorSummaryFocused();
      await form.check('fel-summering-fokus');
      const controls = page.locator('main a, main button, main input, main textarea, footer a');
      const n = await controls.count();
      for (let i = 0; i < n; i += 1) {
        const c = controls.nth(i);
        const plain = await c.evaluate((el) => {
          const s = getComputedStyle(el);
          return [s.outlineStyle, s.outlineWidth, s.boxShadow, s.backgroundColor, s.color].join('|');
        });
        await form.tabTo(c);
        const focused = await c.evaluate((el) => {
          const s = getComputedStyle(el);
          return { style: [s.outlineStyle, s.outlineWidth, s.boxShadow, s.backgroundColor, s.color].join('|'), visible: el.matches(':focus-visible') };
        });
        assert.ok(focused.visible, `control ${i} matches :focus-visible`);
        assert.notEqual(focused.style, plain, `control ${i} (${await c.evaluate((el) => el.outerHTML.slice(0, 80))}) looks different when focused`);
      }
    }, { tokens: [tokenOf(link)] });
  });
});

describe('what the server sends with the pages', () => {
  test('the strict Content-Security-Policy and no referrer (CloudFront\'s response headers policy)', async (t) => {
    if (world().real && !process.env.BIDRAG_SITE_HEADERS) {
      t.skip('the real site\'s headers belong to CloudFront\'s response headers policy');
      return;
    }
    const encoding = process.env.BIDRAG_SITE_HEADERS ? 'gzip' : 'br';
    const res = await fetch(`${world().siteUrl}/rapport/`, { headers: { 'Accept-Encoding': encoding } });
    const csp = res.headers.get('content-security-policy');
    const connect = world().sameOrigin ? "'self'" : new URL(world().apiUrl).origin;
    assert.equal(csp, `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src ${connect}; `
      + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
    // the stub and CloudFront send brotli; the local stack's site server (BIDRAG_SITE_HEADERS) gzip
    assert.equal(res.headers.get('content-encoding'), encoding);
  });

  test('the shipped config.js uses the same origin and sets nothing else', () => {
    const text = fs.readFileSync(path.join(SITE, 'config.js'), 'utf8');
    const window = {};
    new Function('window', text)(window); // eslint-disable-line no-new-func
    assert.deepEqual(window.BIDRAG_CONFIG, { apiBase: '' });
  });

  test('no page or asset refers to another host', () => {
    const files = [];
    const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : files.push(path.join(dir, e.name))));
    walk(SITE);
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      const urls = text.match(/(?:src|href)\s*=\s*["']?(?:https?:)?\/\/[^"'\s>]+/g) || [];
      const foreign = urls.filter((u) => !/digg\.se/.test(u)); // a link for people to follow, not an asset
      assert.deepEqual(foreign, [], `${path.relative(SITE, f)} loads nothing from another host`);
      assert.doesNotMatch(text, /<script>(?!<\/script>)|<style|\sstyle=/, `${path.relative(SITE, f)} has no inline script or style`);
    }
  });
});
