// Chromium for the tests: Debian's /usr/bin/chromium through playwright-core (never a downloaded
// browser), a fresh profile per launch, no background networking. checkPage() is what every page
// state goes through: a full-page screenshot, axe-core (WCAG 2.1 A/AA) with no violations, and no
// horizontal scrolling at 320 px.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const CHROMIUM = process.env.BIDRAG_CHROMIUM || '/usr/bin/chromium';
export const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const DESKTOP = { width: 1024, height: 768 };
export const NARROW = { width: 320, height: 640 };

export function screenshotDir() {
  const dir = process.env.BIDRAG_SCREENSHOTS || path.join(WEB_DIR, 'target', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * A browser with a fresh profile. Returns {context, page, close}. The page records console errors,
 * page errors and CSP violations (browser.problems) so that a test can assert there were none.
 */
export async function launch(opts = {}) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bidrag-chromium-'));
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  }
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: opts.viewport || DESKTOP,
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    reducedMotion: 'reduce',
  });
  const page = context.pages()[0] || await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    // the browser's own line for an HTTP error or an aborted request is expected where a test causes one
    const expected = [/^Failed to load resource/, ...(opts.allowConsole || [])];
    if (m.type() === 'error' && !expected.some((re) => re.test(m.text()))) {
      problems.push(`console: ${m.text()}`);
    }
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return {
    context,
    page,
    problems,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Runs axe-core in the page (evaluated through DevTools, so the page's CSP stays strict). */
export async function axe(page) {
  const loaded = await page.evaluate(() => typeof window.axe === 'object');
  if (!loaded) {
    await page.evaluate(AXE_SOURCE);
  }
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
    }));
  }, [...WCAG_TAGS, 'best-practice']);
}

let shotCounter = 0;

/**
 * One page state: screenshots at the current width and at 320 px, axe-core at both, and the
 * 320 px reflow check. name: a short slug. Focus and scroll are left as they were.
 */
export async function checkPage(page, name) {
  const dir = screenshotDir();
  shotCounter += 1;
  const file = path.basename(process.argv[1] || 'test', '.test.mjs');
  const base = `${file}-${String(shotCounter).padStart(3, '0')}-${name}`;
  const before = page.viewportSize();
  await page.evaluate(() => document.fonts && document.fonts.ready);
  await page.screenshot({ path: path.join(dir, `${base}.png`), fullPage: true });
  const violations = await axe(page);
  assert.deepEqual(violations, [], `axe-core found violations on "${name}":\n${JSON.stringify(violations, null, 2)}`);
  await page.setViewportSize(NARROW);
  try {
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
    }));
    await page.screenshot({ path: path.join(dir, `${base}-320.png`), fullPage: true });
    assert.ok(widths.scroll <= widths.client,
      `"${name}" scrolls sideways at 320 px: scrollWidth ${widths.scroll} > clientWidth ${widths.client}`);
    const narrow = await axe(page);
    assert.deepEqual(narrow, [], `axe-core found violations on "${name}" at 320 px:\n${JSON.stringify(narrow, null, 2)}`);
  } finally {
    await page.setViewportSize(before);
  }
  return base;
}

/** The structure every page must have: lang, one h1, one main, a skip link, the footer's link. */
export async function assertPageFrame(page) {
  const f = await page.evaluate(() => ({
    lang: document.documentElement.lang,
    h1: document.querySelectorAll('h1').length,
    main: document.querySelectorAll('main').length,
    skip: document.querySelector('body > a.skip-link')?.getAttribute('href'),
    footer: [...document.querySelectorAll('footer a')].map((a) => a.getAttribute('href')),
    referrer: document.querySelector('meta[name="referrer"]')?.content,
    inlineScripts: [...document.scripts].filter((s) => !s.src).length,
    inlineStyles: document.querySelectorAll('style, [style]:not([style=""])').length, // axe-core leaves empty style attributes behind
  }));
  assert.equal(f.lang, 'sv');
  assert.equal(f.h1, 1, 'exactly one h1');
  assert.equal(f.main, 1, 'exactly one main');
  assert.equal(f.skip, '#innehall');
  assert.ok(f.footer.includes('/tillganglighet/'), 'the footer links to the accessibility statement');
  assert.equal(f.referrer, 'no-referrer');
  assert.equal(f.inlineScripts, 0, 'no inline scripts');
  assert.equal(f.inlineStyles, 0, 'no inline styles');
}
