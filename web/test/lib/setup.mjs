// What every browser test shares: one world (stub or real stack) per file, a fresh browser per
// test, a log of every request the page made, and the checks that hold after every test.

import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import path from 'node:path';
import { assertPageFrame, checkPage, launch, screenshotDir } from './browser.mjs';
import { createWorld } from './world.mjs';

export function useWorld() {
  const holder = {};
  before(async () => {
    holder.world = await createWorld();
  });
  after(async () => {
    await holder.world?.close();
  });
  return () => holder.world;
}

/** Every page state: the page's frame (h1, main, skip link, footer…) and checkPage. */
export async function check(page, name) {
  await assertPageFrame(page);
  await checkPage(page, name);
}

/**
 * Runs fn({page, context}) in a fresh browser and then asserts: no console errors, no
 * CSP violations, and (privacy) no request URL or Referer that carries a token, no token sent to
 * the site's origin, and a Bearer header on every API call.
 */
export async function inBrowser(world, fn, opts = {}) {
  const b = await launch(opts);
  const requests = [];
  const pending = [];
  b.context.on('request', (r) => {
    pending.push(r.allHeaders().then((headers) => ({ url: r.url(), method: r.method(), headers }), () => null));
  });
  try {
    try {
      await fn({ ...b, requests: pending });
    } catch (e) {
      const file = path.join(screenshotDir(), `FAILED-${Date.now()}.png`);
      await b.page.screenshot({ path: file, fullPage: true }).catch(() => {});
      e.message += `\n(screenshot of the page at the failure: ${file})`;
      throw e;
    }
    assert.deepEqual(b.problems, [], 'no console errors, page errors or CSP violations');
    const requests = (await Promise.all(pending)).filter(Boolean);
    assert.ok(requests.length > 0, 'requests were recorded');
    assertPrivate(world, requests, opts.tokens || []);
  } finally {
    await b.close();
  }
}

/** The token never travels in a URL or a Referer, and goes only to the API, in the Authorization header. */
export function assertPrivate(world, requests, tokens) {
  const site = new URL(world.siteUrl).origin;
  const api = new URL(world.apiUrl).origin;
  for (const r of requests) {
    const u = new URL(r.url);
    assert.equal(u.hash, '', `a request URL carries no fragment: ${r.url}`);
    assert.ok(!r.headers.referer, `no Referer header is sent: ${r.url} (Referer: ${r.headers.referer})`);
    for (const t of tokens) {
      const bare = t.slice(-16);
      assert.ok(!r.url.includes(bare), `no URL carries the token: ${r.url}`);
    }
    const isApi = u.origin === api && u.pathname.startsWith('/reports');
    if (isApi) {
      assert.match(r.headers.authorization || '', /^Bearer \S+$/, `${r.method} ${u.pathname} carries the token in Authorization`);
      assert.equal(u.search, '', `${r.method} ${u.pathname} has no query string`);
    } else if (u.origin === site) {
      assert.ok(!r.headers.authorization, `the site's origin never gets the token: ${r.url}`);
    }
  }
}

/** The token of a personal link. */
export function tokenOf(link) {
  return decodeURIComponent(new URL(link).hash.slice(1));
}
