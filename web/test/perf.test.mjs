// What the form costs a registrar: bytes transferred on the first load (compressed, cold cache) and
// the time from navigation until the first page is drawn with the recipient's data and its button
// can take focus, in headless Chromium on this machine. Median of several runs; the figures go to
// target/perf.json and the test's diagnostics. Budget: well under 150 KB.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { launch } from './lib/browser.mjs';
import { useWorld } from './lib/setup.mjs';

const RUNS = Number(process.env.BIDRAG_PERF_RUNS || 7);
const BUDGET = 150 * 1024;
const TARGET = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../target');
const world = useWorld();

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function once(link) {
  const b = await launch();
  try {
    await b.page.goto('about:blank');
    await new Promise((r) => setTimeout(r, 1000)); // let the new browser settle before the clock starts
    const cdp = await b.context.newCDPSession(b.page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    let wire = 0;
    let requests = 0;
    cdp.on('Network.loadingFinished', (e) => {
      wire += e.encodedDataLength;
      requests += 1;
    });
    await b.page.goto(link);
    await b.page.waitForSelector('html[data-ready]');
    const m = await b.page.evaluate(() => {
      const ready = performance.getEntriesByName('bidrag-ready')[0];
      const nav = performance.getEntriesByType('navigation')[0];
      const resources = performance.getEntriesByType('resource');
      const button = document.querySelector('main button');
      button.focus();
      return {
        readyMs: ready ? ready.startTime : null,
        focusable: document.activeElement === button,
        bodies: nav.encodedBodySize + resources.reduce((s, r) => s + r.encodedBodySize, 0),
        decoded: nav.decodedBodySize + resources.reduce((s, r) => s + r.decodedBodySize, 0),
        files: resources.map((r) => [new URL(r.name).pathname, r.encodedBodySize, r.decodedBodySize]),
      };
    });
    await new Promise((r) => setTimeout(r, 200)); // the last loadingFinished events
    return { ...m, wire, requests };
  } finally {
    await b.close();
  }
}

test(`first load: under 150 KB transferred; time to a usable form (median of ${RUNS})`, async (t) => {
  const runs = [];
  const warmUp = await world().link('fresh');
  if (warmUp) {
    await once(warmUp); // not counted
  }
  for (let i = 0; i < RUNS; i += 1) {
    const link = await world().link('fresh');
    if (!link) {
      break;
    }
    runs.push(await once(link));
  }
  if (!runs.length) {
    t.skip('no fresh links to measure with');
    return;
  }
  for (const r of runs) {
    assert.ok(r.readyMs !== null, 'the page marked itself ready (bidrag-ready)');
    assert.ok(r.focusable, 'the first step\'s button takes focus');
    assert.ok(r.wire < BUDGET, `${r.wire} bytes on the wire`);
  }
  const result = {
    runs: runs.length,
    mode: world().real ? `real-stack mode, site ${world().siteUrl}` : `stub (${world().sameOrigin ? 'same origin' : 'API on another origin'}, brotli)`,
    readyMsMedian: Math.round(median(runs.map((r) => r.readyMs))),
    readyMs: runs.map((r) => Math.round(r.readyMs)),
    encodedBodyBytes: median(runs.map((r) => r.bodies)),
    decodedBodyBytes: median(runs.map((r) => r.decoded)),
    wireBytesWithHeaders: median(runs.map((r) => r.wire)),
    requests: median(runs.map((r) => r.requests)),
    files: runs[0].files,
    machine: { cores: os.cpus().length, loadAverage1m: Number(os.loadavg()[0].toFixed(2)) },
  };
  fs.mkdirSync(TARGET, { recursive: true });
  fs.writeFileSync(path.join(TARGET, 'perf.json'), `${JSON.stringify(result, null, 2)}\n`);
  t.diagnostic(`first load: ${result.encodedBodyBytes} B of bodies (${result.decodedBodyBytes} B decoded), `
    + `${result.wireBytesWithHeaders} B with headers, ${result.requests} requests; usable after ${result.readyMsMedian} ms `
    + `(median of ${result.runs}: ${result.readyMs.join(', ')} ms) — ${result.mode}; `
    + `load average ${result.machine.loadAverage1m} on ${result.machine.cores} cores`);
});
