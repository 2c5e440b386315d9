// CORS between the site and the API (on another origin in production): the API allows exactly the
// site's origin, with the Authorization and Content-Type request headers, and exposes Retry-After.
// Runs against the stub and against the real API (BIDRAG_API_URL).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useWorld } from './lib/setup.mjs';

const world = useWorld();

function preflight(origin, method, headers) {
  return fetch(`${world().apiUrl}/reports`, {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': headers },
  });
}

describe('CORS', () => {
  test('the site\'s origin may call the API with Authorization and Content-Type', async (t) => {
    if (world().sameOrigin) {
      t.skip('the API is on the site\'s origin');
      return;
    }
    const site = new URL(world().siteUrl).origin;
    for (const [method, headers] of [['POST', 'authorization,content-type'], ['GET', 'authorization']]) {
      const res = await preflight(site, method, headers);
      assert.ok(res.status === 204 || res.status === 200, `preflight ${method}: ${res.status}`);
      assert.equal(res.headers.get('access-control-allow-origin'), site, 'exactly the site\'s origin, not *');
      const allowed = (res.headers.get('access-control-allow-headers') || '').toLowerCase();
      assert.match(allowed, /authorization/);
      if (headers.includes('content-type')) {
        assert.match(allowed, /content-type/);
      }
      assert.match((res.headers.get('access-control-allow-methods') || '').toUpperCase(), new RegExp(method));
    }
    const link = await world().link('expired') || await world().link('tampered');
    if (link) {
      const res = await fetch(`${world().apiUrl}/reports/form`, {
        headers: { Origin: site, Authorization: `Bearer ${decodeURIComponent(new URL(link).hash.slice(1))}` },
      });
      assert.equal(res.headers.get('access-control-allow-origin'), site, 'errors carry CORS headers too, or the page cannot read them');
      assert.match(res.headers.get('access-control-expose-headers') || '', /Retry-After/i);
    }
  });

  test('another origin is not allowed', async (t) => {
    if (world().sameOrigin) {
      t.skip('the API is on the site\'s origin');
      return;
    }
    const res = await preflight('https://annan-webbplats.example', 'POST', 'authorization,content-type');
    assert.notEqual(res.headers.get('access-control-allow-origin'), 'https://annan-webbplats.example');
    assert.notEqual(res.headers.get('access-control-allow-origin'), '*');
  });
});
