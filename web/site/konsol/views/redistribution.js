// The redistribution after the deadline: preview what it would do (per pot and per recipient), then run
// it (as the schedule would). Once recorded it is final; the page shows the decision.

import { post } from '../api.js';
import { grantPath, invalidate, load } from '../data.js';
import {
  actorName, button, h, kr, link, loading, POT_NAMES, problemBox, section, simpleTable, successBox, tid, missingBox,
} from '../ui.js';

function potsTable(d, caption) {
  return simpleTable(caption, [
    { label: 'Pott', header: true, value: (p) => POT_NAMES[p.potId] || p.potId },
    { label: 'Potten', num: true, value: (p) => kr(p.amount) },
    { label: 'Rekvirerat', num: true, value: (p) => kr(p.requisitioned) },
    { label: 'Ej rekvirerat', num: true, value: (p) => kr(p.unclaimed) },
    { label: 'Vill ha del', num: true, value: (p) => String(p.optedIn) },
    { label: 'Omfördelas', num: true, value: (p) => kr(p.redistributed) },
    { label: 'Blir kvar', num: true, value: (p) => kr(p.remainder) },
  ], d.pots);
}

function sharesTable(d, requisitions, caption) {
  const req = new Map(((requisitions && requisitions.requisitions) || []).map((q) => [q.recipientId, q.amount]));
  const rows = d.shares.filter((s) => s.total > 0).sort((a, b) => b.total - a.total);
  return simpleTable(caption, [
    { label: 'Mottagare', header: true, value: (s) => link(`/konsol/?vy=mottagare&id=${encodeURIComponent(s.recipientId)}`, s.name) },
    { label: 'Rekvirerat', num: true, value: (s) => kr(req.get(s.recipientId) || 0) },
    ...d.pots.map((p) => ({ label: `Tillägg: ${POT_NAMES[p.potId] || p.potId}`, num: true, value: (s) => kr((s.extras.find((x) => x.potId === p.potId) || {}).amount || 0) })),
    { label: 'Tillägg totalt', num: true, value: (s) => kr(s.total) },
    { label: 'Får totalt', num: true, value: (s) => kr((req.get(s.recipientId) || 0) + s.total) },
  ], rows, { compact: true });
}

export async function render(main, ctx) {
  ctx.heading('Omfördelning');
  const wait = loading();
  main.append(wait);
  const [rec, requisitions, grant] = await Promise.all([load('redistribution'), load('requisitions'), load('grant')]);
  if (ctx.stale()) {
    return;
  }
  wait.remove();
  main.append(h('p', { class: 'lead' }, 'Efter sista dagen för rekvisition fördelas det som inte rekvirerats inom samma pott till dem som bett om en del, efter pottens fördelningsnyckel. Omfördelningen görs en gång och kan inte ändras.'));
  if (!rec.ok) {
    main.append(rec.missing ? missingBox('Omfördelningen.') : problemBox(rec));
    ctx.ready('omfordelning');
    return;
  }
  if (rec.data) {
    const d = rec.data;
    main.append(successBox(h('p', null, `Omfördelningen är gjord ${tid(d.recordedAt)} av ${actorName(d.recordedBy)}: ${kr(d.redistributed)} omfördelades${d.unallocated ? `, ${kr(d.unallocated)} blev kvar` : ''}.`)),
      section('Per pott', potsTable(d, 'Omfördelningen per pott')),
      section('Per mottagare', sharesTable(d, requisitions.data, 'Tillägg per mottagare')));
    ctx.ready('omfordelning');
    return;
  }
  const slot = h('div');
  const when = grant.ok && grant.data.redistributionAt ? ` Den körs annars automatiskt ${tid(grant.data.redistributionAt)}.` : '';
  main.append(h('p', null, `Omfördelningen är inte gjord än.${when} Förhandsgranska först: då syns vad som skulle hända, utan att något sparas.`), slot);
  const preview = button('Förhandsgranska omfördelningen', async () => {
    const r = await post(`${grantPath()}/redistribution:preview`);
    if (!r.ok) {
      slot.replaceChildren(problemBox(r, 'Förhandsgranskningen misslyckades.'));
      slot.firstChild.focus();
      return;
    }
    const d = r.data;
    const run = button('Gör omfördelningen nu', async () => {
      const x = await post(`${grantPath()}/redistribution:run`);
      if (!x.ok) {
        const box = problemBox(x, 'Omfördelningen gjordes inte.');
        runSlot.replaceChildren(box);
        box.focus();
        return;
      }
      invalidate('redistribution', 'requisitions');
      await ctx.refresh();
      const done = successBox(h('p', null, `Omfördelningen är gjord: ${kr(x.data.redistributed)} omfördelades. Andelarna betalas ut när en utbetalning har attesterats.`));
      document.querySelector('main h1').after(done);
      done.focus();
    }, { kind: 'warning', id: 'gor-omfordelning' });
    const runSlot = h('div');
    const heading = h('h2', { class: 'heading-m', tabindex: '-1', id: 'forhandsgranskning' }, 'Förhandsgranskning (inget är sparat)');
    slot.replaceChildren(heading,
      h('p', null, `${kr(d.redistributed)} skulle omfördelas till ${d.shares.filter((s) => s.total > 0).length} mottagare${d.unallocated ? `; ${kr(d.unallocated)} skulle bli kvar` : ''}.`),
      potsTable(d, 'Förhandsgranskning per pott'),
      h('details', { class: 'action' }, h('summary', null, `Per mottagare (${d.shares.filter((s) => s.total > 0).length})`), sharesTable(d, requisitions.data, 'Förhandsgranskning per mottagare')),
      h('div', { class: 'warning' }, h('p', null, h('strong', null, 'Omfördelningen kan inte göras om. '), 'När den är gjord är den slutgiltig och mottagarna får besked via e-post.')),
      runSlot, run);
    heading.focus();
  }, { id: 'forhandsgranska' });
  main.append(preview);
  ctx.ready('omfordelning');
}
