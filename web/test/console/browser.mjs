// Chromium for the console's tests (the console's own copy, so that the report form's test library can
// change without breaking these): Debian's /usr/bin/chromium through playwright-core, never a
// downloaded browser; a fresh profile per person; axe-core inside the page; screenshots of every view.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const CHROMIUM = process.env.BIDRAG_CHROMIUM || '/usr/bin/chromium';
export const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const DESKTOP = { width: 1280, height: 900 };
export const NARROW = { width: 320, height: 640 };

export function screenshotDir() {
  const dir = process.env.BIDRAG_SCREENSHOTS || path.join(WEB_DIR, 'target', 'screenshots', 'console');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * A browser with a fresh profile (one per person: two people = two launches). Records console errors,
 * page errors and CSP violations in `problems`, and every request in `requests`.
 */
export async function launch(opts = {}) {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  }
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bidrag-konsol-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: opts.viewport || DESKTOP,
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    reducedMotion: 'reduce',
    acceptDownloads: true,
  });
  const page = context.pages()[0] || await context.newPage();
  const problems = [];
  const requests = [];
  page.on('console', (m) => {
    const expected = [/^Failed to load resource/, ...(opts.allowConsole || [])];
    if (m.type() === 'error' && !expected.some((re) => re.test(m.text()))) {
      problems.push(`console: ${m.text()}`);
    }
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  context.on('request', (r) => requests.push(r));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return {
    context,
    page,
    problems,
    requests,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** axe-core in the page (evaluated through DevTools, so the page's CSP stays strict). */
export async function axe(page) {
  if (!await page.evaluate(() => typeof window.axe === 'object')) {
    await page.evaluate(AXE_SOURCE);
  }
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary}`) }));
  }, [...WCAG_TAGS, 'best-practice']);
}

/** The frame every console page has: lang, one h1, one main, the skip link, the statement link. */
export async function assertFrame(page) {
  const f = await page.evaluate(() => ({
    lang: document.documentElement.lang,
    h1: document.querySelectorAll('h1').length,
    main: document.querySelectorAll('main').length,
    skip: document.querySelector('body > a.skip-link')?.getAttribute('href'),
    footer: [...document.querySelectorAll('footer a')].map((a) => a.getAttribute('href')),
    referrer: document.querySelector('meta[name="referrer"]')?.content,
    inlineScripts: [...document.scripts].filter((s) => !s.src).length,
    inlineStyles: document.querySelectorAll('style, [style]:not([style=""])').length,
  }));
  assert.equal(f.lang, 'sv');
  assert.equal(f.h1, 1, 'exactly one h1');
  assert.equal(f.main, 1, 'exactly one main');
  assert.equal(f.skip, '#innehall');
  assert.ok(f.footer.some((href) => href.endsWith('/tillganglighet/')), 'the footer links to the accessibility statement');
  assert.equal(f.referrer, 'no-referrer');
  assert.equal(f.inlineScripts, 0, 'no inline scripts');
  assert.equal(f.inlineStyles, 0, 'no inline styles');
}

let shot = 0;

/**
 * One view state: the frame, a full-page screenshot at the current width and at 320 px, axe-core with
 * no violations at both, and no sideways scrolling of the page at 320 px (a table may scroll inside its
 * own labelled, focusable region).
 */
export async function checkView(page, name, { frame = true } = {}) {
  if (frame) {
    await assertFrame(page);
  }
  shot += 1;
  const file = path.basename(process.argv[1] || 'konsol', '.test.mjs');
  const base = `${file}-${String(shot).padStart(2, '0')}-${name}`;
  const dir = screenshotDir();
  const before = page.viewportSize();
  await page.screenshot({ path: path.join(dir, `${base}.png`), fullPage: true });
  const wide = await axe(page);
  assert.deepEqual(wide, [], `axe-core found violations on "${name}":\n${JSON.stringify(wide, null, 2)}`);
  await page.setViewportSize(NARROW);
  try {
    await page.waitForTimeout(50);
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    await page.screenshot({ path: path.join(dir, `${base}-320.png`), fullPage: true });
    assert.ok(widths.scroll <= widths.client, `"${name}" scrolls sideways at 320 px: ${widths.scroll} > ${widths.client}`);
    const overflowing = await page.evaluate(() => [...document.querySelectorAll('.table-scroll')]
      .filter((r) => r.checkVisibility() && r.scrollWidth > r.clientWidth + 1)
      .map((r) => ({ label: r.getAttribute('aria-label'), tabindex: r.getAttribute('tabindex'), role: r.getAttribute('role') })));
    for (const r of overflowing) {
      assert.equal(r.tabindex, '0', `the scrolling table region "${r.label}" can take focus at 320 px`);
      assert.equal(r.role, 'region');
      assert.ok(r.label, 'the scrolling region has a label');
    }
    const narrow = await axe(page);
    assert.deepEqual(narrow, [], `axe-core found violations on "${name}" at 320 px:\n${JSON.stringify(narrow, null, 2)}`);
  } finally {
    await page.setViewportSize(before);
    await page.waitForTimeout(50);
  }
  return base;
}
