// The pages around the questions: start, the overview of a report already sent, the receipt.

import { h, summaryList } from '../dom.js';
import { date, dateTime, kronor, orgnr } from '../format.js';
import { button, caption, h1, reportRows } from './parts.js';
import { go } from './route.js';
import { AGENCY_EMAIL, kronorFree, save, state } from './state.js';

function receivedTable(f) {
  const parts = f.receivedParts;
  const rows = [];
  if (parts && Number.isFinite(parts.requisitioned)) {
    rows.push(['Rekvirerat belopp', parts.requisitioned]);
  }
  if (parts && Number.isFinite(parts.redistributed)) {
    rows.push(['Andel av omfördelade medel', parts.redistributed]);
  }
  return h('table', { class: 'table' },
    h('caption', { class: 'table-caption' }, 'Mottaget belopp'),
    h('tbody', null,
      rows.map(([k, v]) => h('tr', null, h('th', { scope: 'row' }, k), h('td', { class: 'num' }, kronor(v)))),
      h('tr', { class: 'total' }, h('th', { scope: 'row' }, 'Totalt mottaget'), h('td', { class: 'num' }, kronor(f.received)))));
}

export function viewStart() {
  const f = state.form;
  const nodes = [
    caption('Återrapportering'),
    h1(f.grant.title),
    summaryList([
      ['Bidragsmottagare', f.recipient.name],
      ['Organisationsnummer', orgnr(f.recipient.orgnr)],
      ['Sista dag för återrapporten', date(f.grant.deadline)],
    ]),
    receivedTable(f),
  ];
  if (f.late) {
    nodes.push(h('div', { class: 'warning' },
      h('p', null, h('strong', null, `Sista dagen för återrapporten var ${date(f.grant.deadline)}.`),
        ' Ni kan fortfarande lämna den, men den markeras som sen.')));
  }
  nodes.push(
    h('h2', { class: 'heading-m' }, 'Det här ska ni redovisa'),
    h('ul', { class: 'list list-bullet' },
      h('li', null, 'hur mycket ni har använt inom varje insatsområde som ni angav i rekvisitionen'),
      h('li', null, 'hur mycket som inte har använts (ej förbrukade medel) – det räknas fram åt er'),
      h('li', null, 'om ni har särredovisat medlen, till exempel på ett separat konto eller projekt'),
      h('li', null, 'en kort beskrivning av hur medlen har använts'),
      h('li', null, 'namn och e-postadress till den som lämnar återrapporten')),
    h('p', null, 'Det tar ungefär 10 minuter. Ha gärna ekonomiuppgifterna för bidragsåret till hands.'),
    h('p', null, 'Ej förbrukade medel ska betalas tillbaka. Socialstyrelsen skickar en faktura på dem när återrapporten har kommit in.'),
    h('p', null, 'Ingenting skickas förrän du har kontrollerat svaren och valt ”Skicka återrapporten” på sista sidan. ',
      'Dina svar finns kvar om du laddar om sidan, men inte om du stänger fliken.'),
    h('form', { novalidate: true, onsubmit: (ev) => { ev.preventDefault(); state.mode = 'new'; state.editing = false; save(); go('belopp'); } },
      button('Börja', { class: 'button button-start' })));
  return { title: f.grant.title, nodes };
}

export function viewOverview() {
  const f = state.form;
  const r = f.report;
  const nodes = [caption(f.grant.title), h1('Er återrapport')];
  if (state.notice) {
    nodes.push(h('div', { class: 'warning', role: 'alert' }, h('p', null, state.notice)));
  }
  nodes.push(
    h('p', { class: 'lead' }, `${f.recipient.name} lämnade återrapporten ${dateTime(r.submittedAt)}.`,
      r.late ? ' Den kom in efter sista dagen och är markerad som sen.' : ''),
    summaryList([
      ['Referens', h('span', { class: 'reference' }, r.reference || '')],
      ['Version', r.version > 1 ? `${r.version} (rättad)` : String(r.version ?? 1)],
    ]));
  if (f.correctable === true) {
    nodes.push(
      h('h2', { class: 'heading-m' }, 'Behöver något rättas?'),
      h('p', null, `Ni kan rätta återrapporten till och med ${date(f.grant.deadline)}. En rättelse ersätter den tidigare återrapporten.`),
      h('form', { novalidate: true, onsubmit: (ev) => { ev.preventDefault(); startCorrection(); } },
        button('Rätta återrapporten')));
  } else {
    nodes.push(
      h('h2', { class: 'heading-m' }, 'Behöver något rättas?'),
      h('p', null, `Sista dagen var ${date(f.grant.deadline)}, så återrapporten kan inte längre rättas här. `,
        'Kontakta Socialstyrelsen om något behöver ändras: ', h('a', { href: `mailto:${AGENCY_EMAIL}` }, AGENCY_EMAIL), '.'));
  }
  nodes.push(...reportRows(r, false));
  return { title: 'Er återrapport', nodes };
}

function startCorrection() {
  const r = state.form.report;
  const used = {};
  for (const a of state.form.areas) {
    const v = r.usedPerArea ? r.usedPerArea[a.number] : undefined;
    used[a.number] = v === undefined || v === null ? '' : kronorFree(Number(v));
  }
  state.draft = {
    used,
    separateAccounting: r.separateAccounting === true ? 'ja' : r.separateAccounting === false ? 'nej' : null,
    account: r.account || '',
    name: r.reporter?.name || '',
    email: r.reporter?.email || '',
  };
  state.mode = 'correction';
  state.errors = {};
  state.pending = [];
  state.editing = false;
  state.notice = null;
  save();
  go('belopp');
}

export function viewReceipt() {
  const f = state.form;
  const r = state.receipt;
  const correction = r.version > 1;
  const nodes = [
    h('div', { class: 'panel' },
      h1(correction ? 'Rättelsen är inskickad' : 'Återrapporten är inskickad'),
      h('p', { class: 'panel-body' }, 'Er referens', h('br'), h('strong', { class: 'reference' }, r.reference || ''))),
    h('p', null, `Vi har skickat en kvittens till ${r.reporter?.email || 'uppgiftslämnaren'} och till er registratur`,
      f.registryEmail ? ` (${f.registryEmail})` : '', '.'),
  ];
  if (r.late) {
    nodes.push(h('p', null, `Återrapporten kom in efter sista dagen, ${date(f.grant.deadline)}, och är markerad som sen.`));
  }
  nodes.push(h('h2', { class: 'heading-m' }, 'Vad händer nu?'));
  if (Number(r.unspent) > 0) {
    const inv = f.invoicing || {};
    nodes.push(h('p', null, `Socialstyrelsen skickar en faktura på ${kronor(r.unspent)} för ej förbrukade medel till ${f.recipient.name}`,
      Number.isFinite(inv.invoiceWithinDays) ? `, inom ungefär ${inv.invoiceWithinDays} dagar` : '', '.',
      Number.isFinite(inv.paymentTermDays) ? ` Betalningstiden är ${inv.paymentTermDays} dagar.` : ''));
  } else {
    nodes.push(h('p', null, 'Ni har angett att hela det mottagna beloppet är använt. Ni behöver inte göra något mer.'));
  }
  if (f.correctable === true && !r.late) {
    nodes.push(h('p', null, `Ni kan rätta återrapporten till och med ${date(f.grant.deadline)} genom att öppna länken i e-postmeddelandet igen. `,
      'En rättelse ersätter den tidigare återrapporten.'));
  }
  nodes.push(
    h('h2', { class: 'heading-m' }, 'Det här har ni rapporterat'),
    summaryList([['Inkom', dateTime(r.submittedAt)], ['Version', String(r.version ?? 1)]]),
    ...reportRows(r, false));
  return { title: correction ? 'Rättelsen är inskickad' : 'Återrapporten är inskickad', nodes };
}
