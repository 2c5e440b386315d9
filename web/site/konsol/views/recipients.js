// Every recipient in one table: filter by kind, region, requisition, report and invoice status, search
// by name, code or organisation number, sort by any column, export what is shown (every page) as CSV
// or Excel. The filters live in the address, so a view can be bookmarked or sent to a colleague.

import { load, loadAll, recipientRows } from '../data.js';
import { dataTable } from '../table.js';
import { toCsv, toXlsx, XLSX_TYPE } from '../export.js';
import {
  button, h, KIND_NAMES, kr, link, loading, missingBox, orgnr, problemBox, REPORT_STATUS, REQUISITION_STATUS, stockholmDate,
} from '../ui.js';
import { debounce } from '/assets/dom.js';

const NAMES = ['allocations', 'requisitions', 'redistribution', 'payments', 'reports', 'invoices'];

const TAG = {
  reported: 'tag-ok', late: 'tag-warn', undeliverable: 'tag-bad', reminded: 'tag-warn', sent: 'tag-neutral', 'not-sent': 'tag-neutral', none: 'tag-neutral',
};

/** The columns: what the table shows is exactly what the export holds. */
export const COLUMNS = [
  { key: 'name', label: 'Mottagare', header: true, type: 'text', sortValue: (r) => r.name, render: (r) => link(`/konsol/?vy=mottagare&id=${encodeURIComponent(r.id)}`, r.name), value: (r) => r.name },
  { key: 'code', label: 'Kod', type: 'text', sortValue: (r) => r.code, render: (r) => r.code, value: (r) => r.code },
  { key: 'kind', label: 'Typ', type: 'text', sortValue: (r) => r.kind, render: (r) => KIND_NAMES[r.kind] || r.kind, value: (r) => KIND_NAMES[r.kind] || r.kind },
  { key: 'region', label: 'Region', type: 'text', sortValue: (r) => r.region, render: (r) => r.region, value: (r) => r.region },
  { key: 'allocated', label: 'Tilldelat', num: true, type: 'number', sortValue: (r) => r.allocated, render: (r) => kr(r.allocated), value: (r) => r.allocated },
  { key: 'requisitioned', label: 'Rekvirerat', num: true, type: 'number', sortValue: (r) => r.requisitioned, render: (r) => kr(r.requisitioned), value: (r) => r.requisitioned },
  { key: 'redistributed', label: 'Omfördelat', num: true, type: 'number', sortValue: (r) => r.redistributed, render: (r) => kr(r.redistributed), value: (r) => r.redistributed },
  { key: 'paid', label: 'Utbetalt', num: true, type: 'number', sortValue: (r) => r.paid, render: (r) => kr(r.paid), value: (r) => r.paid },
  { key: 'reportStatus', label: 'Återrapport', type: 'text', sortValue: (r) => REPORT_STATUS[r.reportStatus] || r.reportStatus, render: (r) => h('span', { class: `status-tag ${TAG[r.reportStatus] || 'tag-neutral'}` }, REPORT_STATUS[r.reportStatus] || r.reportStatus), value: (r) => REPORT_STATUS[r.reportStatus] || r.reportStatus },
  { key: 'invoiced', label: 'Fakturerat', num: true, type: 'number', sortValue: (r) => r.invoiced, render: (r) => kr(r.invoiced), value: (r) => r.invoiced },
];

/** The export: the table's columns, and the organisation number for matching in other systems. */
export const EXPORT_COLUMNS = [...COLUMNS, { key: 'orgnr', label: 'Organisationsnummer', type: 'text', value: (r) => orgnr(r.orgnr) }];

const FILTERS = [
  { key: 'typ', label: 'Typ', options: [['', 'Alla'], ['region', 'Regioner'], ['kommun', 'Kommuner']], test: (r, v) => r.kind === v },
  { key: 'region', label: 'Region', options: [], test: (r, v) => r.regionCode === v },
  {
    key: 'rekv', label: 'Rekvisition', options: [['', 'Alla'], ['accepted', 'Rekvirerad, ej utbetald'], ['paid', 'Utbetald'], ['withdrawn', 'Återtagen'], ['none', 'Ej rekvirerad']],
    test: (r, v) => r.requisitionStatus === v,
  },
  {
    key: 'rapport', label: 'Återrapport', options: [['', 'Alla'], ['saknas', 'Saknas (ej inrapporterad)'], ['reported', 'Inrapporterad i tid'], ['late', 'Inrapporterad sent'], ['reminded', 'Påmind'], ['undeliverable', 'E-post når inte fram'], ['none', 'Inget att rapportera']],
    test: (r, v) => (v === 'saknas' ? ['sent', 'reminded', 'undeliverable', 'not-sent'].includes(r.reportStatus) : r.reportStatus === v),
  },
  {
    key: 'faktura', label: 'Faktura', options: [['', 'Alla'], ['har', 'Har fakturor'], ['forfallen', 'Förfallodag passerad, ej krediterad']],
    test: (r, v, today) => (v === 'har' ? r.invoiced !== 0 : r.outstanding > 0 && r.earliestDue && r.earliestDue < today),
  },
];

function normalise(s) {
  return String(s || '').toLocaleLowerCase('sv-SE').normalize('NFC');
}

function fileName(ext, today) {
  return `mottagare-${today}.${ext}`;
}

function download(bytes, type, name) {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = h('a', { href: url, download: name, class: 'sr-only', tabindex: '-1' }, name);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export async function render(main, ctx) {
  ctx.heading('Mottagare');
  const wait = loading('Hämtar mottagarna …');
  main.append(wait);
  const t0 = performance.now();
  const [d, grant] = await Promise.all([loadAll(NAMES), load('grant')]);
  if (ctx.stale()) {
    return;
  }
  performance.mark('konsol-tabell-data');
  wait.remove();
  const failed = NAMES.find((n) => !d[n].ok);
  if (failed) {
    main.append(d[failed].missing ? missingBox('Listan över mottagare behöver den.') : problemBox(d[failed], 'Mottagarna kunde inte hämtas.'));
    ctx.ready('mottagare');
    return;
  }
  const today = stockholmDate(grant.ok && grant.data.now ? grant.data.now : new Date().toISOString());
  const rows = recipientRows(Object.fromEntries(NAMES.map((n) => [n, d[n].data])));
  const searchKey = new Map(rows.map((r) => [r, normalise(`${r.name} ${r.code} ${r.orgnr} ${orgnr(r.orgnr)} ${r.id}`)]));
  const regions = [...new Map(rows.filter((r) => r.regionCode).map((r) => [r.regionCode, r.region])).entries()]
    .sort((a, b) => a[1].localeCompare(b[1], 'sv'));
  FILTERS[1].options = [['', 'Alla regioner'], ...regions];

  const p = ctx.params;
  const status = h('p', { class: 'result-count', role: 'status', id: 'antal' });
  const announce = (text) => { status.textContent = text; };
  const controls = {};
  const filterFields = FILTERS.map((f) => {
    const sel = h('select', { class: 'select', id: `filter-${f.key}`, name: f.key },
      f.options.map(([v, t]) => h('option', { value: v, selected: (p.get(f.key) || '') === v }, t)));
    controls[f.key] = sel;
    return h('div', { class: 'field' }, h('label', { class: 'label', for: `filter-${f.key}` }, f.label), sel);
  });
  const search = h('input', { class: 'input', id: 'filter-sok', name: 'q', type: 'search', autocomplete: 'off', spellcheck: 'false', value: p.get('q') || '', 'aria-describedby': 'filter-sok-hint' });
  const table = dataTable({
    id: 'tabell-mottagare',
    caption: 'Mottagare',
    columns: COLUMNS,
    sort: { key: COLUMNS.some((c) => c.key === p.get('sort')) ? p.get('sort') : 'name', dir: p.get('ordning') === 'fallande' ? 'descending' : 'ascending' },
    onSort: () => remember(),
    announce,
  });
  let shown = rows;

  function remember() {
    const q = new URLSearchParams({ vy: 'mottagare' });
    FILTERS.forEach((f) => { if (controls[f.key].value) { q.set(f.key, controls[f.key].value); } });
    if (search.value.trim()) {
      q.set('q', search.value.trim());
    }
    if (table.sort.key !== 'name' || table.sort.dir !== 'ascending') {
      q.set('sort', table.sort.key);
      q.set('ordning', table.sort.dir === 'descending' ? 'fallande' : 'stigande');
    }
    history.replaceState(null, '', `/konsol/?${q}`);
  }

  function apply({ silent = false } = {}) {
    const words = normalise(search.value).split(/\s+/).filter(Boolean).map((w) => w.replace(/-/g, ''));
    shown = rows.filter((r) => FILTERS.every((f) => !controls[f.key].value || f.test(r, controls[f.key].value, today))
      && words.every((w) => searchKey.get(r).replace(/-/g, '').includes(w)));
    table.setRows(shown);
    const text = shown.length === rows.length ? `${rows.length} mottagare` : `${shown.length} av ${rows.length} mottagare`;
    if (!silent) {
      remember();
    }
    announce(silent ? text : `${text} visas.`);
    exportButtons.forEach((b) => b.toggleAttribute('disabled', shown.length === 0));
  }

  FILTERS.forEach((f) => controls[f.key].addEventListener('change', () => apply()));
  const typed = debounce(() => apply(), 300);
  search.addEventListener('input', typed);
  search.addEventListener('search', () => typed.flush());

  const csvButton = button('Ladda ner CSV', () => {
    download(new TextEncoder().encode(toCsv(EXPORT_COLUMNS, table.rows())), 'text/csv;charset=utf-8', fileName('csv', today));
    announce(`CSV-filen med ${table.rows().length} mottagare är nedladdad.`);
  }, { kind: 'secondary', small: true, id: 'export-csv' });
  const xlsxButton = button('Ladda ner Excel', async () => {
    download(await toXlsx(EXPORT_COLUMNS, table.rows(), 'Mottagare'), XLSX_TYPE, fileName('xlsx', today));
    announce(`Excelfilen med ${table.rows().length} mottagare är nedladdad.`);
  }, { kind: 'secondary', small: true, id: 'export-xlsx' });
  const exportButtons = [csvButton, xlsxButton];
  const clear = h('button', { type: 'button', class: 'link-button', id: 'rensa' }, 'Rensa filter');
  clear.addEventListener('click', () => {
    FILTERS.forEach((f) => { controls[f.key].value = ''; });
    search.value = '';
    apply();
    search.focus();
  });

  main.append(
    h('p', { class: 'lead' }, 'Alla kommuner och regioner som får statsbidraget, med tilldelning, rekvisition, utbetalning, återrapport och fakturor.'),
    h('form', { class: 'filters', role: 'search', 'aria-label': 'Filtrera mottagare', onsubmit: (e) => { e.preventDefault(); typed.flush(); } },
      h('div', { class: 'field' },
        h('label', { class: 'label', for: 'filter-sok' }, 'Sök'),
        h('p', { class: 'hint', id: 'filter-sok-hint' }, 'Namn, kod eller organisationsnummer'),
        search),
      filterFields),
    h('div', { class: 'result-bar' }, status, h('div', { class: 'button-group' }, csvButton, xlsxButton, clear)),
    h('p', { class: 'hint' }, 'Filerna innehåller alla rader som filtret ger, på alla sidor, i den ordning tabellen är sorterad, och dessutom organisationsnumret. CSV-filen är gjord för Excel på svenska (semikolon mellan fälten).'),
    table.el);
  apply({ silent: true });
  requestAnimationFrame(() => setTimeout(() => {
    performance.mark('konsol-tabell-klar');
    document.documentElement.dataset.tableMs = String(Math.round(performance.now() - t0));
    ctx.ready('mottagare');
  }, 0));
}
