// The grant year at a glance: what needs attention now, the money per pot (numbers and a chart), and
// the year's timeline with today marked on the system's clock.

import { loadAll, potFigures } from '../data.js';
import { potChart } from '../chart.js';
import {
  button, datum, h, kr, link, loading, missingBox, POT_NAMES, problemBox, scrollRegion, section, stockholmDate,
} from '../ui.js';
import { date } from '/assets/format.js';

const NAMES = ['grant', 'allocations', 'requisitions', 'redistribution', 'payments', 'paymentFiles', 'batches', 'proposals',
  'deadLetters', 'suppressions', 'reports', 'invoices'];

/** Today on the system's clock: the API's `now` (the local stack's clock locally), else this computer's. */
function today(grant) {
  if (grant && grant.now) {
    return { instant: grant.now, fromSystem: true };
  }
  return { instant: new Date().toISOString(), fromSystem: false };
}

function attention(d, now) {
  const items = [];
  const add = (count, text, href, missingWhat, failed) => items.push({ count, text, href, missingWhat, failed });
  const todayDate = stockholmDate(now.instant);
  const r = (name) => d[name];
  const batches = r('batches');
  add(batches.ok ? batches.data.batches.filter((b) => b.state === 'AWAITING_ATTESTATION').length : null,
    (n) => `${n === 1 ? 'utbetalning väntar' : 'utbetalningar väntar'} på attest`, '/konsol/?vy=utbetalningar',
    batches.missing ? 'utbetalningsförslag (payout-batches)' : null, !batches.ok && !batches.missing);
  const proposals = r('proposals');
  const waiting = proposals.ok ? proposals.data.proposals.filter((p) => p.state === 'AWAITING_ATTESTATION') : [];
  const staleDays = proposals.ok && proposals.data.staleAfterDays ? proposals.data.staleAfterDays : 7;
  const stale = waiting.filter((p) => Date.parse(now.instant) - Date.parse(p.proposedAt) > staleDays * 86400000).length;
  add(proposals.ok ? waiting.length : null,
    (n) => `${n === 1 ? 'förslag' : 'förslag'} (återkrav, eftergift, utbetalningskonto) väntar på attest${stale ? `, varav ${stale} i mer än ${staleDays} dagar` : ''}`,
    '/konsol/?vy=attest', proposals.missing ? 'förslag som väntar på attest (proposals)' : null, !proposals.ok && !proposals.missing);
  const dl = r('deadLetters');
  add(dl.ok ? dl.data.queues.reduce((s, q) => s + q.depth, 0) : null,
    (n) => `${n === 1 ? 'meddelande' : 'meddelanden'} i felköer (dead-letter queues)`, '/konsol/?vy=drift',
    dl.missing ? 'felköerna (dead-letter queues)' : null, !dl.ok && !dl.missing);
  const sup = r('suppressions');
  add(sup.ok ? sup.data.suppressions.length : null,
    (n) => `${n === 1 ? 'e-postadress är spärrad' : 'e-postadresser är spärrade'} efter studs eller klagomål`, '/konsol/?vy=epost',
    sup.missing ? 'spärrade e-postadresser' : null, !sup.ok && !sup.missing);
  const grant = r('grant').ok ? r('grant').data : null;
  const deadline = grant && grant.reporting ? grant.reporting.deadline : null;
  const reports = r('reports');
  if (reports.ok && deadline && todayDate > deadline) {
    const late = reports.data.recipients.filter((x) => !['reported', 'late'].includes(x.status)).length;
    add(late, (n) => `${n === 1 ? 'återrapport saknas' : 'återrapporter saknas'} efter sista dag ${date(deadline)}`, '/konsol/?vy=mottagare&rapport=saknas');
  } else if (!reports.ok) {
    add(null, () => 'återrapporter', null, reports.missing ? 'återrapporternas status' : null, !reports.missing);
  }
  const invoices = r('invoices');
  if (invoices.ok) {
    const due = invoices.data.invoices.filter((i) => i.type === 'invoice' && i.outstanding > 0 && i.dueDate && i.dueDate < todayDate);
    add(due.length, (n) => `${n === 1 ? 'faktura' : 'fakturor'} med passerad förfallodag (${kr(due.reduce((s, i) => s + i.outstanding, 0))}; Bidrag ser inte inbetalningar – stäm av i ekonomisystemet)`,
      '/konsol/?vy=mottagare&faktura=forfallen');
  }
  return items;
}

function attentionList(items) {
  return h('ul', { class: 'attention', id: 'att-gora' }, items.map((it) => {
    if (it.missingWhat) {
      return h('li', null, h('strong', null, 'Uppgift saknas: '), `API:t har inte ${it.missingWhat} än.`);
    }
    if (it.failed || it.count === null) {
      return h('li', null, 'Kunde inte hämtas just nu: ', it.text(0));
    }
    const text = it.text(it.count);
    return h('li', { class: it.count === 0 ? 'calm' : null, 'data-count': String(it.count) },
      h('span', { class: 'attention-count' }, it.count === 0 ? 'Inga' : String(it.count)), ' ',
      it.count > 0 && it.href ? link(it.href, text) : text);
  }));
}

function potTable(fig) {
  const cols = [['allocated', 'Tilldelat'], ['requisitioned', 'Rekvirerat'], ['redistributed', 'Omfördelat'], ['paid', 'Utbetalt'], ['unallocated', 'Ej fördelat']];
  const cell = (v, key) => h('td', { class: 'num', 'data-key': key, 'data-value': v === null ? '' : String(v) }, v === null ? 'efter omfördelningen' : kr(v));
  const table = h('table', { class: 'table', id: 'tabell-potter' },
    h('caption', { class: 'table-caption' }, 'Pengarna per pott, i kronor'),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Pott'), cols.map(([, l]) => h('th', { scope: 'col', class: 'num' }, l)))),
    h('tbody', null, fig.pots.map((p) => h('tr', { 'data-pot': p.potId },
      h('th', { scope: 'row' }, POT_NAMES[p.potId] || p.title),
      cols.map(([k]) => cell(p[k], k))))),
    h('tfoot', null, h('tr', { 'data-pot': 'total' }, h('th', { scope: 'row' }, 'Totalt'), cols.map(([k]) => cell(fig.total[k], k)))));
  return scrollRegion('Pengarna per pott, i kronor', table);
}

function timeline(grant, d, now) {
  const events = [];
  const add = (day, label, extra) => { if (day) { events.push({ day, label, extra }); } };
  add(grant.publishedAt ? stockholmDate(grant.publishedAt) : null, 'Rekvisitionen öppnar (tilldelningen publiceras)');
  add(grant.requisitionDeadline, 'Sista dag att rekvirera');
  const red = d.redistribution.ok ? d.redistribution.data : null;
  if (red && red.recordedAt) {
    add(stockholmDate(red.recordedAt), 'Omfördelning av ej rekvirerade medel (gjord)');
  } else if (grant.redistributionAt) {
    add(grant.redistributionAt.slice(0, 10), 'Omfördelning av ej rekvirerade medel (planerad)');
  }
  const files = d.paymentFiles.ok ? d.paymentFiles.data.files : [];
  files.forEach((f) => add(stockholmDate(f.createdAt), `Utbetalning: betalfil med ${f.orders} betalningar, ${kr(f.total)}`));
  if (grant.reporting) {
    add(grant.reporting.dispatchDate, 'Länkar till återrapporteringen skickas');
    (grant.reporting.reminders || []).forEach((r, i, all) => add(r, `Påminnelse ${i + 1} av ${all.length} om återrapporteringen`));
    add(grant.reporting.deadline, 'Sista dag för återrapportering');
  }
  const invoices = d.invoices.ok ? d.invoices.data.invoices.filter((i) => i.type === 'invoice') : [];
  if (invoices.length) {
    const days = invoices.map((i) => i.issueDate).sort();
    add(days[0], `Fakturering av ej förbrukade medel börjar (${invoices.length} fakturor hittills, den senaste ${date(days[days.length - 1])})`);
  }
  events.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const todayDay = stockholmDate(now.instant);
  const items = [];
  let placed = false;
  const todayItem = () => h('li', { class: 'today', id: 'idag' },
    h('span', { class: 'timeline-date' }, date(todayDay)), `I dag${now.fromSystem ? ' (enligt Bidrags klocka)' : ' (enligt den här datorns klocka)'}`);
  for (const e of events) {
    if (!placed && e.day > todayDay) {
      items.push(todayItem());
      placed = true;
    }
    items.push(h('li', { class: e.day <= todayDay ? 'done' : null },
      h('span', { class: 'timeline-date' }, date(e.day), e.day <= todayDay ? h('span', { class: 'sr-only' }, ' (passerat)') : null), e.label));
  }
  if (!placed) {
    items.push(todayItem());
  }
  return h('ol', { class: 'timeline', id: 'tidslinje' }, items);
}

export async function render(main, ctx) {
  ctx.heading('Översikt');
  const wait = loading('Hämtar årets siffror …');
  main.append(wait);
  const d = await loadAll(NAMES);
  if (ctx.stale()) {
    return;
  }
  wait.remove();
  const grant = d.grant.ok ? d.grant.data : null;
  const now = today(grant);
  main.append(h('p', { class: 'lead' },
    grant ? grant.title : 'Statsbidraget',
    '. I dag är det ', h('strong', null, date(stockholmDate(now.instant))),
    now.fromSystem ? ' enligt Bidrags klocka.' : ' enligt den här datorns klocka (API:t anger inte systemets klocka).'));
  if (!grant) {
    main.append(problemBox(d.grant, 'Bidragets uppgifter kunde inte hämtas.'));
  }

  main.append(section('Att göra nu', attentionList(attention(d, now))));

  const needed = ['allocations', 'requisitions', 'redistribution', 'payments'];
  const failed = needed.find((n) => !d[n].ok);
  if (failed) {
    main.append(section('Pengarna per pott', d[failed].missing ? missingBox('Listan behövs för att räkna pengarna per pott.') : problemBox(d[failed], 'Siffrorna per pott kunde inte räknas.')));
  } else {
    const fig = potFigures({ allocations: d.allocations.data, requisitions: d.requisitions.data, redistribution: d.redistribution.data, payments: d.payments.data });
    const sec = section('Pengarna per pott',
      h('ul', { class: 'figures' },
        h('li', { class: 'figure' }, h('span', { class: 'figure-label' }, 'Tilldelat'), h('span', { class: 'figure-value' }, kr(fig.total.allocated))),
        h('li', { class: 'figure' }, h('span', { class: 'figure-label' }, 'Rekvirerat'), h('span', { class: 'figure-value' }, kr(fig.total.requisitioned))),
        h('li', { class: 'figure' }, h('span', { class: 'figure-label' }, 'Omfördelat'), h('span', { class: 'figure-value' }, kr(fig.total.redistributed))),
        h('li', { class: 'figure' }, h('span', { class: 'figure-label' }, 'Utbetalt'), h('span', { class: 'figure-value' }, kr(fig.total.paid)))),
      d.redistribution.data ? null : h('p', { class: 'hint' }, 'Omfördelningen är inte gjord än; ej fördelade medel blir kända när den är gjord.'),
      potChart(fig.pots, 'tabell-potter'),
      potTable(fig));
    main.append(sec);
  }

  main.append(section('Årets tidslinje', grant ? timeline(grant, d, now) : problemBox(d.grant)));
  main.append(h('div', { class: 'button-group' }, button('Hämta nya siffror', async () => {
    const { invalidate } = await import('../data.js');
    invalidate();
    await ctx.refresh();
  }, { kind: 'secondary' })));
  ctx.ready('oversikt');
}
