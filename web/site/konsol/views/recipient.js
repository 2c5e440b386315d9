// One recipient: the allocation with its explanation, the requisition and its history from the audit
// trail, payments, e-mails, the report and its link, invoices and credit notes (PDF and UBL), and the
// organisation's ombud, representatives and payout account. Actions go through the API and show its
// own errors: register an ombud, revoke or resend the report link, lift an e-mail suppression,
// propose a recovery (återkrav) or a waiver (eftergift).

import { get, idempotencyKey, post, put, del } from '../api.js';
import { grantPath, invalidate, load, loadAll } from '../data.js';
import {
  actorName, button, datum, h, INVOICE_REASON, INVOICE_STATUS, KIND_NAMES, kr, link, loading, MAIL_PURPOSE, MAIL_STATE,
  missingBox, number, ORDER_STATUS, orgnr, POT_NAMES, problemBox, REPORT_STATUS, REQUISITION_STATUS, ROLE_NAMES, section,
  simpleTable, successBox, summaryList, tid, scrollRegion,
} from '../ui.js';
import { form } from '../forms.js';
import { auditSection } from './history.js';

function explanationSection(a) {
  const rows = a.explanation.map((x) => ({ ...x }));
  const measureText = (x) => x.components.map((c) => `${c.measure === 'population' ? 'befolkning' : c.measure === 'care-recipients' ? 'individer med kommunal hälso- och sjukvård' : c.measure}${c.weightedBy ? ' viktad efter landsbygdstyp' : ''}: ${number(c.value)} av ${number(c.total)}`).join('; ');
  const parts = [
    simpleTable('Tilldelningen per pott och hur den räknades', [
      { label: 'Pott', header: true, value: (x) => POT_NAMES[x.potId] || x.potId },
      { label: 'Nyckeltal', value: (x) => measureText(x) },
      { label: 'Nyckelvärde', num: true, value: (x) => number(x.keyValue) },
      { label: 'Nämnare', num: true, value: (x) => number(x.denominator) },
      { label: 'Exakt andel', value: (x) => h('span', { class: 'break' }, x.share) },
      { label: 'Exakt belopp', value: (x) => h('span', { class: 'break' }, x.exactAmount) },
      { label: 'Belopp', num: true, value: (x) => kr(x.amount) },
    ], rows, { foot: h('tr', null, h('th', { scope: 'row' }, 'Totalt'), h('td', { colspan: '5' }), h('td', { class: 'num' }, kr(a.total))) }),
    h('p', { class: 'hint' }, 'Varje pott fördelas med största-restmetoden: det exakta beloppet avrundas nedåt, och de kronor som blir över går till dem med störst rest (lika rester i ordning efter mottagarens id).'),
  ];
  for (const x of a.explanation.filter((e) => e.breakdown && e.breakdown.length)) {
    parts.push(simpleTable(`${POT_NAMES[x.potId] || x.potId}: beloppet per kommun`, [
      { label: 'Kommun', header: true, value: (l) => `${l.name} (${l.code})` },
      { label: 'Landsbygdstyp', value: (l) => (l.class || '–').replace(/-/g, ' ') },
      { label: 'Vikt', num: true, value: (l) => (l.classWeight ?? '–') },
      { label: 'Invånare', num: true, value: (l) => number(l.measureValue) },
      { label: 'Nyckelvärde', num: true, value: (l) => number(l.keyValue) },
      { label: 'Belopp', num: true, value: (l) => kr(l.amount) },
    ], x.breakdown, { foot: h('tr', null, h('th', { scope: 'row' }, 'Summa'), h('td', { colspan: '4' }), h('td', { class: 'num' }, kr(x.breakdown.reduce((s, l) => s + l.amount, 0)))) }));
  }
  return section('Tilldelning', ...parts);
}

function requisitionSection(q, share, grant) {
  if (!q.ok && q.status === 404 && !q.missing) {
    return section('Rekvisition', h('p', null, 'Mottagaren har inte rekvirerat.'), share ? shareList(share) : null);
  }
  if (!q.ok) {
    return section('Rekvisition', q.missing ? missingBox('Rekvisitionen.') : problemBox(q));
  }
  const r = q.data;
  const areaTitle = (n) => ((grant && grant.areas) || []).find((x) => x.number === n)?.title || `Område ${n}`;
  return section('Rekvisition',
    summaryList([
      ['Status', REQUISITION_STATUS[r.status] || r.status],
      ['Rekvirerat belopp', kr(r.amount)],
      ['Per pott', h('ul', { class: 'plain' }, Object.entries(r.pots).filter(([, v]) => v > 0).map(([p, v]) => h('li', null, `${POT_NAMES[p] || p}: ${kr(v)}`)))],
      ['Områden', h('ul', { class: 'plain' }, r.areas.map((n) => h('li', null, `${n}. ${areaTitle(n)}`)))],
      ['Genomförs av', r.implementers.join(', ')],
      ['Vill ha del av ej rekvirerade medel', r.wantsRemainingFunds ? 'Ja' : 'Nej'],
      ['Kontaktperson', `${r.contact.name}, ${r.contact.email}`],
      ['Registratur', r.registryEmail],
      ['Undertecknad av', r.signedBy],
      ['Inskickad', tid(r.submittedAt)],
      ['Senast ändrad', `${tid(r.updatedAt)} av ${actorName(r.updatedBy)} (version ${r.version})`],
      ['Utbetald', r.paidAt ? tid(r.paidAt) : 'Nej'],
    ]),
    share ? shareList(share) : null);
}

function shareList(share) {
  return h('div', null, h('h3', { class: 'heading-s' }, 'Omfördelad andel'),
    summaryList([['Totalt', kr(share.total)], ...share.extras.filter((x) => x.amount > 0).map((x) => [POT_NAMES[x.potId] || x.potId, `${kr(x.amount)} (andel ${x.share})`])]));
}

function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name, class: 'sr-only', tabindex: '-1' }, name);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function fileButton(inv, kind, slot) {
  const label = kind === 'pdf' ? 'PDF' : 'UBL';
  return button(label, async () => {
    const r = await get(`/invoices/${encodeURIComponent(inv.number)}`, { acceptHeader: kind === 'pdf' ? 'application/pdf' : 'application/xml', accept: 'blob' });
    if (!r.ok) {
      slot.replaceChildren(problemBox(r, `Filen för faktura ${inv.number} kunde inte hämtas.`));
      return;
    }
    download(r.data, `${inv.type === 'credit-note' ? 'kreditfaktura' : 'faktura'}-${inv.number}.${kind === 'pdf' ? 'pdf' : 'xml'}`);
  }, { kind: 'secondary', small: true, describedBy: `faktura-${inv.number}` });
}

function invoicesSection(id, invoices, ctx) {
  const slot = h('div');
  if (!invoices.ok) {
    return section('Fakturor och kreditfakturor', invoices.missing ? missingBox('Fakturorna.') : problemBox(invoices));
  }
  const list = invoices.data.invoices;
  const sec = section('Fakturor och kreditfakturor', slot,
    list.length ? simpleTable('Fakturor och kreditfakturor', [
      { label: 'Nummer', header: true, value: (i) => h('span', { id: `faktura-${i.number}` }, `${i.type === 'credit-note' ? 'Kreditfaktura' : 'Faktura'} ${i.number}`) },
      { label: 'Orsak', value: (i) => INVOICE_REASON[i.reason] || i.reason },
      { label: 'Belopp', num: true, value: (i) => kr(i.amount) },
      { label: 'Utfärdad', value: (i) => datum(i.issueDate) },
      { label: 'Förfallodag', value: (i) => (i.dueDate ? datum(i.dueDate) : '–') },
      { label: 'Status', value: (i) => `${INVOICE_STATUS[i.status] || i.status}${i.credits ? ` (krediterar ${i.credits})` : ''}` },
      { label: 'Kvar', num: true, value: (i) => (i.type === 'credit-note' ? '–' : kr(i.outstanding)) },
      { label: 'Filer', value: (i) => h('div', { class: 'button-group' }, fileButton(i, 'pdf', slot), fileButton(i, 'ubl', slot)) },
    ], list) : h('p', null, 'Inga fakturor.'));
  const open = list.filter((i) => i.type === 'invoice' && i.outstanding > 0);
  for (const inv of open) {
    sec.append(proposeWaiver(inv, ctx));
  }
  sec.append(proposeRecovery(id, ctx));
  return sec;
}

function proposalDone(r, what) {
  const p = r.data && r.data.proposal;
  const issued = r.data && r.data.invoices && r.data.invoices.length ? r.data.invoices[0] : null;
  return successBox(h('p', null, p ? `${what} är föreslaget (${p.proposalId}) och väntar på attest av en annan person. ` : `${what} är registrerat. `,
    issued ? `Faktura ${issued.number} är utfärdad.` : null, ' ', link('/konsol/?vy=attest', 'Se förslag som väntar på attest')));
}

function proposeRecovery(id, ctx) {
  const key = idempotencyKey();
  const box = h('div');
  const f = form({
    id: 'aterkrav',
    fields: [
      { name: 'amount', label: 'Belopp att kräva tillbaka', type: 'amount', hint: 'Hela kronor. Högst det mottagaren fått minus det som redan är fakturerat.' },
      { name: 'reason', label: 'Skäl', type: 'textarea', hint: 'Till exempel: medlen har inte använts för statsbidragets ändamål.' },
      { name: 'buyerReference', label: 'Mottagarens referens', required: false },
    ],
    submitLabel: 'Föreslå återkrav',
    submit: (v) => post(`${grantPath()}/recoveries`, { recipientId: id, amount: v.amount, reason: v.reason, ...(v.buyerReference ? { buyerReference: v.buyerReference } : {}) }, { headers: { 'Idempotency-Key': key } }),
    onDone: (r) => {
      invalidate('invoices', 'proposals');
      const done = proposalDone(r, 'Återkravet');
      box.replaceChildren(done);
      done.focus();
    },
  });
  box.append(f.el);
  return h('details', { class: 'action', id: 'aterkrav-ruta' }, h('summary', null, 'Föreslå återkrav'), h('p', { class: 'hint' }, 'Ett återkrav blir en faktura först när en attestant (en annan person än du) har godkänt det.'), box);
}

function proposeWaiver(inv, ctx) {
  const key = idempotencyKey();
  const box = h('div');
  const f = form({
    id: `eftergift-${inv.number}`,
    fields: [
      { name: 'amount', label: 'Belopp att efterge', type: 'amount', required: false, hint: `Lämna tomt för hela det som är kvar: ${kr(inv.outstanding)}.` },
      { name: 'reason', label: 'Skäl', type: 'textarea' },
    ],
    submitLabel: 'Föreslå eftergift',
    submit: (v) => post(`/invoices/${encodeURIComponent(inv.number)}/waivers`, { reason: v.reason, ...(v.amount !== null ? { amount: v.amount } : {}) }, { headers: { 'Idempotency-Key': key } }),
    onDone: (r) => {
      invalidate('invoices', 'proposals');
      const done = proposalDone(r, 'Eftergiften');
      box.replaceChildren(done);
      done.focus();
    },
  });
  box.append(f.el);
  return h('details', { class: 'action' }, h('summary', null, `Föreslå eftergift av faktura ${inv.number}`), box);
}

function reportSection(id, reports, emails, suppressions, ctx) {
  if (!reports.ok) {
    return section('Återrapport', reports.missing ? missingBox('Återrapporternas status.') : problemBox(reports));
  }
  const rep = reports.data.recipients.find((x) => x.recipientId === id);
  const sec = section('Återrapport');
  if (!rep) {
    sec.append(h('p', null, 'Ingen återrapport väntas: mottagaren har inte fått några pengar, eller så har länkarna inte skickats ut än.'));
    return sec;
  }
  const r = rep.report;
  sec.append(summaryList([
    ['Status', REPORT_STATUS[rep.status] || rep.status],
    ['Mottaget belopp', kr(rep.received)],
    ['Registratur', rep.registryEmail || '–'],
    ['Påminnelser', String(rep.remindersSent)],
    ...(r ? [
      ['Lämnad', `${tid(r.submittedAt)}${r.late ? ' (sent)' : ''}, version ${r.version}`],
      ['Använt', kr(r.used)],
      ['Ej förbrukat', kr(r.unspent)],
      ['Per område', h('ul', { class: 'plain' }, Object.entries(r.usedPerArea).map(([a, v]) => h('li', null, `Område ${a}: ${kr(v)}`)))],
      ['Redovisning', h('span', { class: 'prewrap' }, r.account)],
      ['Lämnad av', `${r.reporter.name}, ${r.reporter.email}`],
    ] : []),
  ]));
  {
    const slot = h('div');
    const revoke = button('Återkalla länken', async () => {
      const x = await post(`${grantPath()}/reports/${encodeURIComponent(id)}/link-revocations`);
      const box = x.ok ? successBox(h('p', null, 'Länken är återkallad: den som öppnar den får veta att den inte gäller längre. En ny länk är skickad till registraturen.')) : (x.missing ? missingBox('Att återkalla en länk (POST …/reports/{id}/link-revocations).') : problemBox(x, 'Länken kunde inte återkallas.'));
      slot.replaceChildren(box);
      box.setAttribute('tabindex', '-1');
      box.focus();
    }, { kind: 'secondary', small: true, id: 'aterkalla-lank' });
    const resend = button('Skicka en ny länk', async () => {
      const x = await post(`${grantPath()}/reports/${encodeURIComponent(id)}/link-resends`);
      if (x.ok) {
        invalidate('emails');
      }
      const box = x.ok ? successBox(h('p', null, `En ny länk är skickad till ${x.data.sentTo || rep.registryEmail}.`)) : (x.missing ? missingBox('Att skicka en ny länk (POST …/reports/{id}/link-resends).') : problemBox(x, 'Länken kunde inte skickas.'));
      slot.replaceChildren(box);
      box.setAttribute('tabindex', '-1');
      box.focus();
    }, { kind: 'secondary', small: true, id: 'skicka-lank' });
    sec.append(h('h3', { class: 'heading-s' }, 'Länken till återrapporteringen'),
      h('p', { class: 'hint' }, 'Länken går alltid till registraturens adress ovan. Återkalla den om den hamnat fel; skicka sedan en ny.'),
      slot, h('div', { class: 'button-group' }, revoke, resend));
  }
  return sec;
}

function mailSection(id, emails, suppressions, reportEntry) {
  if (!emails.ok) {
    return section('E-post', emails.missing ? missingBox('E-posten.') : problemBox(emails));
  }
  const list = emails.data.emails.filter((e) => e.tags && e.tags.recipient === id).sort((a, b) => (a.at < b.at ? 1 : -1));
  const sec = section('E-post');
  const addresses = new Set(list.map((e) => e.to));
  if (reportEntry && reportEntry.registryEmail) {
    addresses.add(reportEntry.registryEmail);
  }
  const suppressed = suppressions.ok ? suppressions.data.suppressions.filter((s) => addresses.has(s.address)) : [];
  for (const s of suppressed) {
    const slot = h('div', { class: 'warning' },
      h('p', null, h('strong', null, `${s.address} är spärrad `), `sedan ${tid(s.at)} (${s.reason === 'bounce' ? 'studsade' : s.reason === 'complaint' ? 'klagomål' : s.reason}). Ingen e-post går dit förrän spärren hävs. Kontrollera adressen med mottagaren först.`));
    slot.append(button(`Häv spärren för ${s.address}`, async () => {
      const r = await del(`/email/suppressions/${encodeURIComponent(s.address)}`);
      if (r.ok) {
        invalidate('suppressions', 'reports');
      }
      const box = r.ok ? successBox(h('p', null, `Spärren är hävd. E-post kan åter skickas till ${s.address}.`)) : problemBox(r, 'Spärren kunde inte hävas.');
      slot.replaceWith(box);
      box.focus();
    }, { kind: 'secondary', small: true }));
    sec.append(slot);
  }
  sec.append(list.length ? simpleTable('E-post till mottagaren', [
    { label: 'Tid', value: (e) => tid(e.at) },
    { label: 'Vad', header: true, value: (e) => MAIL_PURPOSE[e.tags.purpose] || e.tags.purpose || e.jobId },
    { label: 'Till', value: (e) => h('span', { class: 'break' }, e.to) },
    { label: 'Status', value: (e) => MAIL_STATE[e.state] || e.state },
  ], list, { compact: true }) : h('p', null, 'Ingen e-post har skickats till mottagaren.'));
  return sec;
}

async function organisationSection(a, ctx) {
  const o = a.orgnr;
  const sec = section(`Organisationen ${orgnr(o)}`);
  const [ombud, delegates, account] = await Promise.all([get(`/organisations/${o}/ombud`), get(`/organisations/${o}/delegates`), get(`/organisations/${o}/payout-account`)]);
  const ombudSlot = h('div');
  const showOmbud = (r) => {
    if (r.ok) {
      ombudSlot.replaceChildren(summaryList([['Ombud', `${r.data.name} (${r.data.subject})`], ['E-post', r.data.email || '–'], ['Registrerat', `${tid(r.data.registeredAt)} av ${actorName(r.data.registeredBy)}`]]));
    } else if (r.status === 404 && !r.missing) {
      ombudSlot.replaceChildren(h('p', null, 'Organisationen har inget registrerat ombud.'));
    } else {
      ombudSlot.replaceChildren(r.missing ? missingBox('Ombudet.') : problemBox(r));
    }
  };
  showOmbud(ombud);
  sec.append(h('h3', { class: 'heading-s' }, 'Ombud'), ombudSlot);
  const formBox = h('div');
  const f = form({
    id: 'ombud',
    fields: [
      { name: 'subject', label: 'Användar-id i e-tjänsten', hint: 'Personens id hos inloggningstjänsten (sub).' },
      { name: 'name', label: 'Namn', autocomplete: 'off' },
      { name: 'email', label: 'E-postadress', type: 'email', required: false },
    ],
    submitLabel: ombud.ok ? 'Byt ombud' : 'Registrera ombud',
    submit: (v) => put(`/organisations/${o}/ombud`, { subject: v.subject, name: v.name, ...(v.email ? { email: v.email } : {}) }),
    onDone: (r) => {
      showOmbud(r);
      const done = successBox(h('p', null, `${r.data.name} är registrerat som ombud för ${a.name}${r.status === 200 ? ' (ersätter det tidigare)' : ''}.`));
      formBox.replaceChildren(done);
      done.focus();
    },
  });
  formBox.append(f.el);
  sec.append(h('details', { class: 'action', id: 'ombud-ruta' }, h('summary', null, ombud.ok ? 'Byt ombud' : 'Registrera ombud'), formBox));
  sec.append(h('h3', { class: 'heading-s' }, 'Representanter'));
  if (delegates.ok) {
    sec.append(delegates.data.delegates.length ? simpleTable('Representanter som ombudet bjudit in', [
      { label: 'Namn', header: true, value: (x) => x.name },
      { label: 'Roll', value: (x) => (x.role === 'uppgiftssamordnare' ? 'Uppgiftssamordnare' : 'Representant') },
      { label: 'Inbjuden', value: (x) => tid(x.invitedAt) },
    ], delegates.data.delegates, { compact: true }) : h('p', null, 'Ombudet har inte bjudit in några representanter.'));
  } else {
    sec.append(delegates.missing ? missingBox('Representanterna.') : problemBox(delegates));
  }
  sec.append(h('h3', { class: 'heading-s' }, 'Utbetalningskonto'));
  if (account.ok) {
    const acc = account.data;
    sec.append(summaryList([['Bankgiro', acc.bankgiro || acc.account || '–'], ['Attesterat', acc.decidedAt ? `${tid(acc.decidedAt)} av ${actorName(acc.decidedBy)}` : '–'],
      ...(acc.pending ? [['Ändring som väntar på attest', h('span', null, `${acc.pending.bankgiro} (anmäld ${tid(acc.pending.submittedAt)}) – `, link('/konsol/?vy=attest', 'attestera'))]] : [])]));
  } else if (account.status === 404 && !account.missing) {
    sec.append(h('p', null, 'Organisationen har inte anmält något utbetalningskonto.'));
  } else {
    sec.append(account.missing ? missingBox('Utbetalningskontot (GET /organisations/{orgnr}/payout-account).') : problemBox(account));
  }
  return sec;
}

function paymentsSection(id, payments, files) {
  if (!payments.ok) {
    return section('Utbetalningar', payments.missing ? missingBox('Utbetalningarna.') : problemBox(payments));
  }
  const list = payments.data.orders.filter((o) => o.recipientId === id);
  return section('Utbetalningar', list.length ? simpleTable('Utbetalningar till mottagaren', [
    { label: 'Betalning', header: true, value: (o) => o.orderId },
    { label: 'Avser', value: (o) => (o.kind === 'requisition' ? 'Rekvisition' : 'Omfördelad andel') },
    { label: 'Belopp', num: true, value: (o) => kr(o.amount) },
    { label: 'Status', value: (o) => ORDER_STATUS[o.status] || o.status },
    { label: 'Betalfil', value: (o) => link(`/konsol/?vy=utbetalningar&fil=${encodeURIComponent(o.runId)}`, o.runId) },
    { label: 'Skapad', value: (o) => tid(o.createdAt) },
  ], list) : h('p', null, 'Inget är utbetalt till mottagaren än.'));
}

export async function render(main, ctx) {
  const id = ctx.params.get('id');
  ctx.heading('Mottagare');
  const wait = loading();
  main.append(wait);
  const [alloc, req, grant, d] = await Promise.all([
    get(`${grantPath()}/allocations/${encodeURIComponent(id)}`),
    get(`${grantPath()}/requisitions/${encodeURIComponent(id)}`),
    load('grant'),
    loadAll(['redistribution', 'payments', 'reports', 'invoices', 'emails', 'suppressions']),
  ]);
  if (ctx.stale()) {
    return;
  }
  wait.remove();
  if (!alloc.ok) {
    ctx.heading('Mottagaren hittades inte');
    main.append(problemBox(alloc), h('p', null, link('/konsol/?vy=mottagare', 'Till alla mottagare')));
    ctx.ready('mottagare-en');
    return;
  }
  const a = alloc.data;
  ctx.heading(a.name);
  const back = link('/konsol/?vy=mottagare', 'Alla mottagare', { class: 'back-link' });
  main.prepend(back);
  const share = d.redistribution.ok && d.redistribution.data ? d.redistribution.data.shares.find((s) => s.recipientId === id && s.total > 0) : null;
  const reportEntry = d.reports.ok ? d.reports.data.recipients.find((x) => x.recipientId === id) : null;
  const nav = h('nav', { 'aria-label': 'Innehåll på sidan', class: 'page-contents' }, h('ul', { class: 'plain contents-list' },
    [['tilldelning', 'Tilldelning'], ['rekvisition', 'Rekvisition'], ['historik', 'Historik'], ['utbetalningar', 'Utbetalningar'], ['aterrapport', 'Återrapport'], ['epost', 'E-post'], ['fakturor', 'Fakturor'], ['organisationen', 'Organisationen']]
      .map(([k, t]) => h('li', null, h('a', { href: `#del-${k}`, 'data-jump': k }, t)))));
  nav.addEventListener('click', (e) => {
    const a2 = e.target.closest('a[data-jump]');
    if (a2) {
      e.preventDefault();
      const target = document.getElementById(`del-${a2.dataset.jump}`);
      target.setAttribute('tabindex', '-1');
      target.focus();
    }
  });
  main.append(
    h('p', { class: 'caption-l' }, `${KIND_NAMES[a.kind] || a.kind} i ${a.region}`),
    summaryList([['Mottagare', `${a.name} (${a.recipientId})`], ['Kod', a.code], ['Organisationsnummer', orgnr(a.orgnr)], ['Tilldelat', kr(a.total)]]),
    nav);
  const mark = (sec, k) => {
    sec.querySelector('h2').id = `del-${k}`;
    return sec;
  };
  main.append(mark(explanationSection(a), 'tilldelning'));
  main.append(mark(requisitionSection(req, share, grant.ok ? grant.data : null), 'rekvisition'));
  const auditSlot = h('div', null, loading('Hämtar historiken …'));
  main.append(auditSlot);
  main.append(mark(paymentsSection(id, d.payments), 'utbetalningar'));
  main.append(mark(reportSection(id, d.reports, d.emails, d.suppressions, ctx), 'aterrapport'));
  main.append(mark(mailSection(id, d.emails, d.suppressions, reportEntry), 'epost'));
  const mine = d.invoices.ok ? { ...d.invoices, data: { invoices: d.invoices.data.invoices.filter((i) => i.recipientId === id) } } : d.invoices;
  main.append(mark(invoicesSection(id, mine, ctx), 'fakturor'));
  const orgSlot = h('div', null, loading('Hämtar organisationens uppgifter …'));
  main.append(orgSlot);
  const [audit, org] = await Promise.all([auditSection(id), organisationSection(a, ctx)]);
  if (ctx.stale()) {
    return;
  }
  auditSlot.replaceWith(mark(audit, 'historik'));
  orgSlot.replaceWith(mark(org, 'organisationen'));
  ctx.ready('mottagare-en');
}
