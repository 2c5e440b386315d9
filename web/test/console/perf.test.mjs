// What the recipients table costs: time from the data's arrival (the six lists parsed) to the table
// drawn and the page free for input, with the 311 real rows and with 10 000 synthetic rows (stub), and
// the console's first load in bytes. Medians of 5 runs; figures to target/console-perf.json.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { launch, WEB_DIR } from './browser.mjs';
import { ready, signIn } from './steps.mjs';
import { createWorld } from './world.mjs';

const RUNS = Number(process.env.BIDRAG_PERF_RUNS || 5);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

async function measure(world, runs) {
  const b = await launch();
  const out = [];
  try {
    const cdp = await b.context.newCDPSession(b.page);
    await cdp.send('Network.enable');
    let wire = 0;
    cdp.on('Network.loadingFinished', (e) => { wire += e.encodedDataLength; });
    await signIn(b.page, world, { person: 'hanna' });
    const firstLoad = await b.page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const res = performance.getEntriesByType('resource').filter((r) => new URL(r.name).origin === location.origin);
      return { bytes: nav.encodedBodySize + res.reduce((s, r) => s + r.encodedBodySize, 0), decoded: nav.decodedBodySize + res.reduce((s, r) => s + r.decodedBodySize, 0), files: res.length + 1 };
    });
    for (let i = 0; i < runs; i += 1) {
      await b.page.evaluate(() => { performance.clearMarks(); });
      await b.page.locator('#meny a', { hasText: i % 2 ? 'Översikt' : 'Översikt' }).click();
      await ready(b.page, 'oversikt');
      await b.page.evaluate(async () => { (await import('/konsol/data.js')).invalidate('allocations', 'requisitions', 'redistribution', 'payments', 'reports', 'invoices'); });
      await b.page.locator('#meny a', { hasText: 'Mottagare' }).click();
      await ready(b.page, 'mottagare');
      const m = await b.page.evaluate(async () => {
        // interactive: a task queued now runs only when the main thread is free again
        const t = await new Promise((r) => setTimeout(() => r(performance.now()), 0));
        const data = performance.getEntriesByName('konsol-tabell-data')[0].startTime;
        const drawn = performance.getEntriesByName('konsol-tabell-klar')[0].startTime;
        return { dataToInteractive: Math.max(drawn, t) - data, rows: document.querySelectorAll('#tabell-mottagare tbody tr').length, count: document.querySelector('#antal').textContent };
      });
      out.push(m);
    }
    return { runs: out, firstLoad, wireAll: wire };
  } finally {
    await b.close();
  }
}

test(`the recipients table: data arrival to interactive at 311 and 10 000 rows (median of ${RUNS})`, async (t) => {
  const result = { machine: { cores: os.cpus().length, loadAverage1m: Number(os.loadavg()[0].toFixed(2)) } };
  for (const n of [311, 10000]) {
    const world = await createWorld({ recipients: n === 311 ? 0 : n });
    try {
      if (world.real && n !== 311) {
        continue;
      }
      const r = await measure(world, RUNS);
      assert.ok(r.runs[0].count.replace(/\D/g, '').startsWith(String(n)), `${n} recipients counted: ${r.runs[0].count}`);
      result[n] = {
        medianMs: Math.round(median(r.runs.map((x) => x.dataToInteractive))),
        runsMs: r.runs.map((x) => Math.round(x.dataToInteractive)),
        rowsDrawn: r.runs[0].rows,
        firstLoad: r.firstLoad,
      };
      // a figure, not a timed assertion (house rule): printed and written to target/console-perf.json
    } finally {
      await world.close();
    }
  }
  const dir = path.join(WEB_DIR, 'target');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'console-perf.json'), `${JSON.stringify(result, null, 2)}\n`);
  t.diagnostic(JSON.stringify(result));
});
