// Payouts with four eyes: a handläggare proposes a batch of what is unpaid; another person, an
// attestant, approves or rejects it; an approved batch becomes a payment file (pain.001) for the bank.

import { get, post } from '../api.js';
import { batchView, grantPath, invalidate, loadAll } from '../data.js';
import {
  actorName, BATCH_STATE, button, h, kr, link, loading, missingBox, problemBox, section, simpleTable, successBox, tid,
} from '../ui.js';
import { form } from '../forms.js';

function proposerIsMe(b, me) {
  return me && String(b.proposedBy || '').split('/').pop() === me.subject;
}

function batchBlock(b, me, ctx, slot) {
  const mine = proposerIsMe(b, me);
  const id = `parti-${b.batchId}`;
  const parts = [
    h('h3', { class: 'heading-s', id }, `Utbetalning ${b.batchId}: ${BATCH_STATE[b.state] || b.state}`),
    h('p', null, `${b.count} betalningar, totalt ${kr(b.total)}. Föreslagen ${tid(b.proposedAt)} av ${b.proposedByName || actorName(b.proposedBy)}.`,
      b.decidedAt ? ` ${b.state === 'REJECTED' ? 'Avslagen' : 'Attesterad'} ${tid(b.decidedAt)} av ${b.decidedByName || actorName(b.decidedBy)}.` : '',
      b.reason ? ` Skäl: ${b.reason}` : ''),
  ];
  if (b.state === 'AWAITING_ATTESTATION') {
    const note = mine ? h('p', { class: 'hint', id: `${id}-egen` }, 'Du föreslog den här utbetalningen. Bidrag låter inte samma person attestera: en annan attestant måste göra det.') : null;
    const approve = button('Attestera utbetalningen', async () => {
      const r = await post((b.links && b.links.approve) || `${grantPath()}/payout-batches/${encodeURIComponent(b.batchId)}/approve`);
      if (!r.ok) {
        const box = r.missing ? missingBox('Attest av utbetalningar (POST …/payout-batches/{id}/approve).') : problemBox(r, 'Utbetalningen attesterades inte.');
        slot.replaceChildren(box);
        box.focus();
        return;
      }
      invalidate('batches', 'payments', 'paymentFiles', 'requisitions');
      const box = successBox(h('p', null, `Utbetalning ${b.batchId} är attesterad. Betalfilen skapas …`));
      slot.replaceChildren(box);
      box.focus();
      for (let i = 0; i < 20; i += 1) {
        await new Promise((res) => setTimeout(res, 500));
        const again = await get(`${grantPath()}/payout-batches`);
        const now = again.ok ? again.data.batches.map(batchView).find((x) => x.batchId === b.batchId) : null;
        if (now && now.state === 'FILED' && now.paymentFile) {
          invalidate('batches', 'payments', 'paymentFiles');
          const done = successBox(h('p', null, `Utbetalning ${b.batchId} är attesterad och betalfilen är skapad. `,
            link(`/konsol/?vy=utbetalningar&fil=${encodeURIComponent(now.paymentFile.runId)}`, `Visa betalfilen ${now.paymentFile.runId}`)));
          slot.replaceChildren(done);
          done.focus();
          return;
        }
      }
      box.append(h('p', null, 'Betalfilen är inte klar än. Ladda om sidan om en stund.'));
    }, { id: `attestera-${b.batchId}`, describedBy: mine ? `${id}-egen` : null });
    const rejectBox = h('div');
    const rf = form({
      id: `avsla-${b.batchId}`,
      fields: [{ name: 'reason', label: 'Skäl till avslaget', type: 'textarea' }],
      submitLabel: 'Avslå utbetalningen',
      submit: (v) => post((b.links && b.links.reject) || `${grantPath()}/payout-batches/${encodeURIComponent(b.batchId)}/reject`, { reason: v.reason }),
      onDone: () => {
        invalidate('batches');
        const done = successBox(h('p', null, `Utbetalning ${b.batchId} är avslagen. Inget betalas ut.`));
        rejectBox.replaceChildren(done);
        done.focus();
      },
    });
    rejectBox.append(rf.el);
    parts.push(note, h('div', { class: 'button-group' }, approve), h('details', { class: 'action' }, h('summary', null, 'Avslå utbetalningen'), rejectBox));
  }
  if (b.paymentFile) {
    parts.push(h('p', null, link(`/konsol/?vy=utbetalningar&fil=${encodeURIComponent(b.paymentFile.runId)}`, `Visa betalfilen ${b.paymentFile.runId}`)));
  }
  if (b.skipped && b.skipped.length) {
    parts.push(h('p', { class: 'hint' }, `${b.skipped.length} mottagare saknar ett attesterat utbetalningskonto och är inte med.`));
  }
  parts.push(ordersDetails(b));
  return h('div', { class: 'batch', 'data-batch': b.batchId, 'data-state': b.state }, ...parts);
}

const ORDER_COLUMNS = () => [
  { label: 'Mottagare', header: true, value: (o) => link(`/konsol/?vy=mottagare&id=${encodeURIComponent(o.recipientId)}`, o.name) },
  { label: 'Avser', value: (o) => (o.kind === 'requisition' ? 'Rekvisition' : 'Omfördelad andel') },
  { label: 'Belopp', num: true, value: (o) => kr(o.amount) },
];

/** The batch's payments, fetched when the disclosure is opened (GET …/payout-batches/{id}). */
function ordersDetails(b) {
  const body = h('div');
  const details = h('details', { class: 'action' }, h('summary', null, `Betalningarna i ${b.batchId} (${b.count})`), body);
  const show = (orders) => body.replaceChildren(simpleTable(`Betalningarna i ${b.batchId}`, ORDER_COLUMNS(), orders.slice(0, 500), { compact: true }),
    orders.length > 500 ? h('p', { class: 'hint' }, `Visar de första 500 av ${orders.length}. Hela listan finns i betalfilen.`) : '');
  if (b.orders) {
    show(b.orders);
    return details;
  }
  details.addEventListener('toggle', async () => {
    if (!details.open || body.childElementCount) {
      return;
    }
    body.replaceChildren(loading());
    const r = await get((b.links && b.links.self) || `${grantPath()}/payout-batches/${encodeURIComponent(b.batchId)}`);
    if (r.ok) {
      show(batchView(r.data).orders || []);
    } else {
      body.replaceChildren(problemBox(r, 'Betalningarna kunde inte hämtas.'));
    }
  });
  return details;
}

async function fileView(main, ctx, runId) {
  // A run above the bank's limit is paid in several files (parts): the list names each, and ?del=N shows part N.
  const partNo = Math.max(1, Number.parseInt(ctx.params.get('del') || '1', 10) || 1);
  const list = await get(`${grantPath()}/payment-files`);
  if (ctx.stale()) {
    return;
  }
  const parts = list.ok ? list.data.files.filter((x) => x.runId === runId) : [];
  const f = parts.find((x) => (x.part || 1) === partNo) || null;
  ctx.heading(parts.length > 1 ? `Betalfil ${runId}, del ${partNo} av ${parts.length}` : `Betalfil ${runId}`);
  main.prepend(link('/konsol/?vy=utbetalningar', 'Alla utbetalningar', { class: 'back-link' }));
  if (parts.length > 1) {
    main.append(h('nav', { 'aria-label': 'Betalfilens delar' }, h('p', null,
      `Utbetalningen har fler betalningar än bankens gräns för en fil och betalas med ${parts.length} filer:`),
      h('ul', { class: 'list' }, ...parts.map((x) => h('li', null, x.part === partNo
        ? h('span', { 'aria-current': 'page' }, `Del ${x.part}: ${x.orders} betalningar, ${kr(x.total)}`)
        : link(`/konsol/?vy=utbetalningar&fil=${encodeURIComponent(runId)}&del=${x.part}`,
          `Del ${x.part}: ${x.orders} betalningar, ${kr(x.total)}`))))));
  }
  const href = f && f.href ? f.href : `${grantPath()}/payment-files/${encodeURIComponent(runId)}`;
  const xml = await get(href, { accept: 'text', acceptHeader: 'application/xml' });
  if (ctx.stale()) {
    return;
  }
  if (f) {
    main.append(h('dl', { class: 'summary' },
      ...[['Betalningar', String(f.orders)], ['Totalt', kr(f.total)], ['Skapad', tid(f.createdAt)], ['SHA-256', h('code', { class: 'break' }, f.sha256)]]
        .map(([k, v]) => h('div', { class: 'summary-row' }, h('dt', { class: 'summary-key' }, k), h('dd', { class: 'summary-value' }, v)))));
  }
  if (!xml.ok) {
    main.append(problemBox(xml, 'Betalfilen kunde inte hämtas.'));
  } else {
    const n = (xml.data.match(/<CdtTrfTxInf>/g) || []).length;
    const sum = (/<CtrlSum>([\d.]+)<\/CtrlSum>/.exec(xml.data) || [])[1];
    main.append(
      h('p', null, `ISO 20022 pain.001.001.03 med ${n} betalningar${sum ? `, kontrollsumma ${kr(Math.round(Number(sum)))}` : ''}. Filen skickas till banken.`),
      button('Ladda ner betalfilen', () => {
        const url = URL.createObjectURL(new Blob([xml.data], { type: 'application/xml' }));
        const a = h('a', { href: url, download: `pain001-${(f && f.messageId) || runId}.xml`, class: 'sr-only', tabindex: '-1' }, 'fil');
        document.body.append(a);
        a.click();
        a.remove();
      }, { kind: 'secondary' }),
      h('h2', { class: 'heading-m' }, 'Filens innehåll'),
      h('pre', { class: 'code-block', id: 'betalfil', tabindex: '0', 'aria-label': `Betalfilen ${runId} som XML` }, xml.data.replace(/></g, '>\n<').slice(0, 200000)));
  }
  ctx.ready('betalfil');
}

export async function render(main, ctx) {
  const runId = ctx.params.get('fil');
  if (runId) {
    return fileView(main, ctx, runId);
  }
  ctx.heading('Utbetalningar');
  const wait = loading();
  main.append(wait);
  const d = await loadAll(['batches', 'paymentFiles', 'payments']);
  if (ctx.stale()) {
    return;
  }
  wait.remove();
  const me = ctx.user;
  const slot = h('div', { id: 'utbetalning-besked' });
  main.append(h('p', { class: 'lead' }, 'Ingen krona betalas ut utan attest: en handläggare föreslår en utbetalning av det som ännu inte är betalt, och en annan person, en attestant, attesterar den. Då skapas betalfilen till banken.'), slot);

  const propose = button('Föreslå en utbetalning', async () => {
    const r = await post(`${grantPath()}/payouts:run`);
    const nothing = r.ok && r.data && 'runId' in r.data && !r.data.runId; // the API: nothing was ordered
    if (!r.ok || nothing) {
      const box = nothing || (r.status === 409 && r.problem.code === 'nothing-to-pay')
        ? h('div', { class: 'notice', role: 'status', tabindex: '-1' }, h('p', null, 'Det finns inget att betala ut just nu: allt som är rekvirerat och omfördelat är betalt.'))
        : problemBox(r, 'Utbetalningen kunde inte föreslås.');
      slot.replaceChildren(box);
      box.focus();
      return;
    }
    invalidate('batches');
    await ctx.refresh();
    const n = r.data.ordered ?? r.data.count ?? (Array.isArray(r.data.orders) ? r.data.orders.length : r.data.orders);
    const box = successBox(h('p', null, `Utbetalning ${r.data.runId || r.data.batchId} är föreslagen: ${n} betalningar, ${kr(r.data.total)}. Den väntar nu på attest av en annan person.`));
    document.getElementById('utbetalning-besked')?.replaceChildren(box);
    box.focus();
  }, { id: 'foresla-utbetalning' });

  if (!d.batches.ok) {
    main.append(section('Utbetalningar som väntar på attest', d.batches.missing ? missingBox('Utbetalningsförslag med attest (GET …/payout-batches).') : problemBox(d.batches)));
  } else {
    const batches = [...d.batches.data.batches].sort((a, b) => (a.proposedAt < b.proposedAt ? 1 : -1));
    const waiting = batches.filter((b) => b.state === 'AWAITING_ATTESTATION');
    main.append(section('Väntar på attest',
      waiting.length ? waiting.map((b) => batchBlock(b, me, ctx, slot)) : h('p', null, 'Ingen utbetalning väntar på attest.'),
      waiting.length ? null : h('div', null, h('p', { class: 'hint' }, 'Förslaget tar med allt som är rekvirerat eller omfördelat men inte betalt.'), propose)));
    const done = batches.filter((b) => b.state !== 'AWAITING_ATTESTATION');
    main.append(section('Tidigare utbetalningar', done.length ? done.map((b) => batchBlock(b, me, ctx, slot)) : h('p', null, 'Inga än.')));
  }
  if (d.paymentFiles.ok) {
    main.append(section('Betalfiler', d.paymentFiles.data.files.length ? simpleTable('Betalfiler', [
      { label: 'Fil', header: true, value: (f) => link(`/konsol/?vy=utbetalningar&fil=${encodeURIComponent(f.runId)}`, f.runId) },
      { label: 'Betalningar', num: true, value: (f) => String(f.orders) },
      { label: 'Totalt', num: true, value: (f) => kr(f.total) },
      { label: 'Skapad', value: (f) => tid(f.createdAt) },
    ], d.paymentFiles.data.files) : h('p', null, 'Inga betalfiler än.')));
  }
  ctx.ready('utbetalningar');
}
