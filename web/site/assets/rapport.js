// The reporting form (återrapportering): a small single-page app, one question page at a time.
//
// The personal link is <site>/rapport/#<token>. The token is read from the fragment once, kept in
// sessionStorage (this tab only, so a reload works) and removed from the address bar; it goes to the
// API only in the Authorization header. The steps are addressed as /rapport/?steg=<step> through the
// History API (the fragment is the token's place, so it is not used for routing); a step name is no
// secret. The server decides every rule; the page only helps with the arithmetic.

import { api } from './api.js';
import { debounce, errorMessage, errorSummary, h, ids, sr, summaryList } from './dom.js';
import { capitalise, date, dateTime, kronor, length, orgnr, parseKronor } from './format.js';

const SITE_TITLE = 'Återrapportering – Socialstyrelsen';
const ACCOUNT_MAX = 20000;
const NAME_MAX = 200;
const STORE_KEY = 'bidrag.rapport';
const STEPS = ['belopp', 'sarredovisning', 'uppgiftslamnare', 'kontroll'];
const AGENCY_EMAIL = 'socialstyrelsen@socialstyrelsen.se';

const main = document.getElementById('innehall');

const state = {
  token: null,
  form: null,
  draft: emptyDraft(),
  mode: 'new', // 'new' | 'correction' | 'done'
  errors: {}, // field key → message, for the step being shown
  pending: [], // steps that still have errors from the server
  editing: false, // came from "Ändra": go back to the check page afterwards
  submitting: false,
  receipt: null,
  notice: null,
};

function emptyDraft() {
  return { used: {}, separateAccounting: null, account: '', name: '', email: '' };
}

// ---- token and storage -----------------------------------------------------------------------

function readStore() {
  try {
    return JSON.parse(sessionStorage.getItem(STORE_KEY) || 'null');
  } catch (e) {
    return null;
  }
}

function save() {
  try {
    sessionStorage.setItem(STORE_KEY, JSON.stringify({ token: state.token, draft: state.draft, mode: state.mode }));
  } catch (e) {
    // storage off or full: the answers stay in memory for this page's life
  }
}

function looksLikeToken(s) {
  return s.length >= 20 && s.length <= 4096 && /^[A-Za-z0-9._~+/=-]+$/.test(s);
}

/** Takes the token from the fragment (a new link) or from this tab's storage (a reload). */
function takeToken() {
  let fragment = '';
  try {
    fragment = decodeURIComponent(location.hash.slice(1)).trim();
  } catch (e) {
    fragment = location.hash.slice(1).trim();
  }
  const saved = readStore();
  if (fragment && looksLikeToken(fragment)) {
    state.token = fragment;
    if (saved && saved.token === fragment) {
      restoreDraft(saved);
    } else {
      state.draft = emptyDraft();
      state.mode = 'new';
    }
    // out of the address bar, the history entry and anything copied from it
    history.replaceState(history.state, '', location.pathname + location.search);
    save();
  } else if (saved && saved.token) {
    state.token = saved.token;
    restoreDraft(saved);
  }
}

function restoreDraft(saved) {
  state.draft = { ...emptyDraft(), ...(saved.draft || {}) };
  state.mode = ['new', 'correction', 'done'].includes(saved.mode) ? saved.mode : 'new';
}

// ---- routing ----------------------------------------------------------------------------------

function currentStep() {
  return new URLSearchParams(location.search).get('steg') || 'start';
}

function urlOf(step) {
  return step === 'start' ? location.pathname : `${location.pathname}?steg=${encodeURIComponent(step)}`;
}

function go(step, focus = 'h1') {
  history.pushState({ steg: step }, '', urlOf(step));
  show(step, focus);
}

function replaceStep(step) {
  history.replaceState({ steg: step }, '', urlOf(step));
}

function canEdit() {
  const f = state.form;
  if (!f) {
    return false;
  }
  if (f.report) {
    return f.correctable === true && state.mode === 'correction';
  }
  return state.mode !== 'done';
}

/** Shows a step, or the page the situation calls for when the step is not open. */
function show(step, focus) {
  if (!state.form) {
    return;
  }
  if (STEPS.includes(step)) {
    if (!canEdit()) {
      replaceStep('start');
      return renderOverviewOrStart(focus);
    }
    const first = firstIncompleteStep();
    if (first && STEPS.indexOf(first) < STEPS.indexOf(step)) {
      replaceStep(first);
      step = first;
    }
    return renderStep(step, focus);
  }
  if (step === 'kvittens' && state.receipt) {
    return render(viewReceipt(), focus);
  }
  if (step !== 'start') {
    replaceStep('start');
  }
  return renderOverviewOrStart(focus);
}

function renderOverviewOrStart(focus) {
  return render(state.form.report ? viewOverview() : viewStart(), focus);
}

function renderStep(step, focus) {
  const views = { belopp: viewAmounts, sarredovisning: viewAccounting, uppgiftslamnare: viewReporter, kontroll: viewCheck };
  return render(views[step](), focus);
}

/** Puts a view into <main>, sets the title and moves focus: 'h1', 'errors', an element id, or nothing. */
function render(view, focus) {
  main.replaceChildren(...view.nodes.flat(Infinity).filter((n) => n !== null && n !== undefined && n !== false));
  const hasErrors = Boolean(main.querySelector('.error-summary'));
  document.title = `${hasErrors ? 'Fel: ' : ''}${view.title} – ${SITE_TITLE}`;
  let target = null;
  if (focus === 'errors' || (focus === 'h1' && hasErrors)) {
    target = main.querySelector('.error-summary');
  } else if (focus === 'h1') {
    target = main.querySelector('h1');
  } else if (focus) {
    target = document.getElementById(focus);
  }
  if (target) {
    target.focus();
  }
  if (focus !== null && focus !== undefined) {
    window.scrollTo(0, 0);
    if (target && focus !== 'h1' && focus !== 'errors') {
      target.scrollIntoView({ block: 'center' });
    }
  }
}

// ---- shared pieces ----------------------------------------------------------------------------

function h1(text) {
  return h('h1', { class: 'heading-l', tabindex: '-1' }, text);
}

function caption(text) {
  return h('p', { class: 'caption' }, text);
}

function stepCaption(step) {
  return caption(`Steg ${STEPS.indexOf(step) + 1} av ${STEPS.length}`);
}

function backLink(step) {
  const i = STEPS.indexOf(step);
  const to = state.editing && step !== 'kontroll' ? 'kontroll' : i > 0 ? STEPS[i - 1] : 'start';
  return h('a', { class: 'back-link', href: urlOf(to), 'data-steg': to }, 'Tillbaka');
}

function button(text, attrs = {}) {
  return h('button', { class: 'button', type: 'submit', ...attrs }, text);
}

function areaLabel(a) {
  const title = capitalise(String(a.title || '').replace(/[\s,.;]+$/, ''));
  return title ? `${a.number}. ${title}` : `Insatsområde ${a.number}`;
}

function areaName(a) {
  return `insatsområde ${a.number}`;
}

function errorList(step) {
  const list = [];
  for (const [key, text] of Object.entries(state.errors)) {
    if (stepOfKey(key) === step) {
      list.push({ href: hrefOfKey(key), text });
    }
  }
  return list.length ? errorSummary(list) : null;
}

function stepOfKey(key) {
  if (key.startsWith('belopp')) {
    return 'belopp';
  }
  if (key === 'sarredovisat' || key === 'beskrivning') {
    return 'sarredovisning';
  }
  if (key === 'namn' || key === 'epost') {
    return 'uppgiftslamnare';
  }
  return 'kontroll';
}

function hrefOfKey(key) {
  if (key === 'belopp') {
    const first = state.form.areas[0];
    return first ? `#belopp-${first.number}` : null;
  }
  if (key === 'sarredovisat') {
    return '#sarredovisat-ja';
  }
  if (key === 'allmant') {
    return null;
  }
  return `#${key}`;
}

function received() {
  return Number(state.form.received) || 0;
}

/** Used, unspent and whether every amount could be read, from what is typed now. */
function tally() {
  let used = 0;
  let unreadable = false;
  let typed = 0;
  for (const a of state.form.areas) {
    const p = parseKronor(state.draft.used[a.number]);
    if (p.error && p.error !== 'empty') {
      unreadable = true;
    } else if (!p.error) {
      used += p.value;
      typed += 1;
    }
  }
  return { used, unspent: received() - used, unreadable, empty: typed === 0 && !unreadable };
}

// ---- validation (format only; the sums are the server's) ---------------------------------------

function amountMessage(a, error) {
  if (error === 'empty') {
    return `Ange hur mycket ni har använt för ${areaName(a)}. Skriv 0 om ni inte har använt något där.`;
  }
  if (error === 'negative') {
    return `Beloppet för ${areaName(a)} kan inte vara mindre än 0 kr.`;
  }
  if (error === 'too-large') {
    return `Beloppet för ${areaName(a)} är för stort. Kontrollera att det är skrivet i hela kronor.`;
  }
  return `Skriv beloppet för ${areaName(a)} med siffror i hela kronor, till exempel 125 000.`;
}

function validate(step) {
  const d = state.draft;
  const e = {};
  if (step === 'belopp') {
    for (const a of state.form.areas) {
      const p = parseKronor(d.used[a.number]);
      if (p.error) {
        e[`belopp-${a.number}`] = amountMessage(a, p.error);
      }
    }
  } else if (step === 'sarredovisning') {
    if (d.separateAccounting !== 'ja' && d.separateAccounting !== 'nej') {
      e.sarredovisat = 'Välj om ni har särredovisat medlen.';
    }
    e.beskrivning = accountMessage();
    if (!e.beskrivning) {
      delete e.beskrivning;
    }
  } else if (step === 'uppgiftslamnare') {
    const name = d.name.trim();
    if (!name) {
      e.namn = 'Ange namnet på den som lämnar återrapporten.';
    } else if (length(name) > NAME_MAX) {
      e.namn = `Namnet får vara högst ${NAME_MAX} tecken.`;
    }
    const email = d.email.trim();
    if (!email) {
      e.epost = 'Ange en e-postadress.';
    } else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      e.epost = 'Ange en e-postadress i rätt format, till exempel namn@kommun.se.';
    }
  }
  return e;
}

function accountMessage() {
  const text = state.draft.account.trim();
  if (!text) {
    return 'Beskriv kort hur medlen har använts.';
  }
  const n = length(state.draft.account);
  if (n > ACCOUNT_MAX) {
    return `Beskrivningen får vara högst ${kronorFree(ACCOUNT_MAX)} tecken. Nu är den ${kronorFree(n)} tecken.`;
  }
  return null;
}

function kronorFree(n) {
  return kronor(n).replace(/\u00A0kr$/, '');
}

function firstIncompleteStep() {
  for (const step of STEPS.slice(0, 3)) {
    if (Object.keys(validate(step)).length) {
      return step;
    }
  }
  return null;
}

/** Validates the step; on errors shows them with the summary focused, otherwise goes on. */
function submitStep(step) {
  const errors = validate(step);
  for (const key of Object.keys(state.errors)) {
    if (stepOfKey(key) === step) {
      delete state.errors[key];
    }
  }
  Object.assign(state.errors, errors);
  save();
  if (Object.keys(errors).length) {
    return renderStep(step, 'errors');
  }
  state.pending = state.pending.filter((s) => s !== step);
  if (state.pending.length) {
    return go(state.pending[0]);
  }
  if (state.editing) {
    return go('kontroll');
  }
  return go(STEPS[STEPS.indexOf(step) + 1]);
}

// ---- the pages --------------------------------------------------------------------------------

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

function viewStart() {
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

function reportRows(r, withChange) {
  const f = state.form;
  const change = (step, what) => (withChange
    ? h('a', { class: 'link', href: urlOf(step), 'data-steg': step, 'data-andra': 'true' }, 'Ändra', sr(` ${what}`))
    : null);
  const used = r.usedPerArea || {};
  const areaRows = f.areas.map((a) => [areaLabel(a), kronor(Number(used[a.number]) || 0), change('belopp', `belopp för ${areaName(a)}`)]);
  return [
    h('h2', { class: 'heading-m' }, 'Använda medel'),
    summaryList([
      ...areaRows,
      ['Summa använda medel', kronor(r.used)],
      ['Ej förbrukade medel', kronor(r.unspent)],
      ['Mottaget belopp', kronor(f.received)],
    ]),
    h('h2', { class: 'heading-m' }, 'Särredovisning och beskrivning'),
    summaryList([
      ['Har ni särredovisat medlen?', r.separateAccounting === true ? 'Ja' : r.separateAccounting === false ? 'Nej' : 'Inte angivet',
        change('sarredovisning', 'om medlen har särredovisats')],
      ['Hur medlen har använts', h('span', { class: 'prewrap' }, r.account || ''), change('sarredovisning', 'beskrivningen av hur medlen har använts')],
    ]),
    h('h2', { class: 'heading-m' }, 'Uppgiftslämnare'),
    summaryList([
      ['Namn', r.reporter?.name || '', change('uppgiftslamnare', 'namn')],
      ['E-postadress', r.reporter?.email || '', change('uppgiftslamnare', 'e-postadress')],
    ]),
  ];
}

function viewOverview() {
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

function viewAmounts() {
  const f = state.form;
  const d = state.draft;
  const groupError = state.errors.belopp;
  const fields = f.areas.map((a) => {
    const id = `belopp-${a.number}`;
    const err = state.errors[id];
    return h('div', { class: `field${err ? ' field-error' : ''}` },
      h('label', { class: 'label', for: id }, areaLabel(a), sr(', i kronor')),
      err ? errorMessage(`${id}-fel`, err) : null,
      h('div', { class: 'amount' },
        h('input', {
          class: `input input-amount${err ? ' input-error' : ''}`, id, name: id, type: 'text', inputmode: 'numeric',
          autocomplete: 'off', spellcheck: 'false', value: d.used[a.number] ?? '',
          'aria-describedby': ids(err && `${id}-fel`), 'aria-invalid': err ? 'true' : null,
          oninput: (ev) => { d.used[a.number] = ev.target.value; save(); updateTally(); },
        }),
        h('span', { class: 'suffix', 'aria-hidden': 'true' }, 'kr')));
  });
  const nodes = [
    backLink('belopp'),
    errorList('belopp'),
    h('form', { novalidate: true, onsubmit: (ev) => { ev.preventDefault(); submitStep('belopp'); } },
      h('div', { class: `field${groupError ? ' field-error' : ''}` },
        h('fieldset', { class: 'fieldset', 'aria-describedby': ids('belopp-hjalp', groupError && 'belopp-fel') },
          h('legend', { class: 'legend' }, stepCaption('belopp'), h1('Hur mycket har ni använt inom varje insatsområde?')),
          h('p', { class: 'hint', id: 'belopp-hjalp' }, 'Ange belopp i hela kronor för de insatsområden som ni angav i rekvisitionen. ',
            'Skriv 0 för ett område där ni inte har använt något.'),
          groupError ? errorMessage('belopp-fel', groupError) : null,
          fields)),
      tallyBox(),
      button('Fortsätt')),
  ];
  return { title: 'Hur mycket har ni använt inom varje insatsområde?', nodes };
}

function tallyBox() {
  const t = tally();
  // The visible result changes as you type (so nothing moves when you leave the field); screen
  // readers hear the same result from a live region once typing pauses, not at every keystroke.
  return h('div', { class: 'tally' },
    h('dl', { class: 'tally-list' },
      h('div', null, h('dt', null, 'Mottaget belopp'), h('dd', null, kronor(received()))),
      h('div', null, h('dt', null, 'Summa använda medel'), h('dd', { id: 'summa-anvant' }, kronor(t.used)))),
    h('div', { id: 'ej-forbrukat-synligt', class: 'tally-result', 'aria-hidden': 'true' }, tallyResult(t)),
    h('p', { id: 'ej-forbrukat', class: 'sr-only', 'aria-live': 'polite', 'aria-atomic': 'true' }, tallyText(t)),
    h('p', { class: 'hint' }, 'Ej förbrukade medel räknas fram åt er: mottaget belopp minus summan av använda medel. ',
      'Använt + ej förbrukat = mottaget belopp.'));
}

function tallyResult(t) {
  if (t.empty) {
    return h('p', null, NOTHING_YET);
  }
  if (t.unreadable) {
    return h('p', null, UNREADABLE);
  }
  if (t.unspent < 0) {
    return [
      h('p', { class: 'tally-amount' }, 'Ej förbrukade medel: ', h('strong', null, kronor(0))),
      h('p', { class: 'overdraft' }, h('strong', null, 'Varning: '), overdraftText(t)),
    ];
  }
  return [
    h('p', { class: 'tally-amount' }, 'Ej förbrukade medel: ', h('strong', null, kronor(t.unspent))),
    h('p', null, t.unspent > 0 ? PAY_BACK : ALL_USED),
  ];
}

const NOTHING_YET = 'Ej förbrukade medel räknas fram här när du fyller i beloppen.';
const UNREADABLE = 'Ej förbrukade medel räknas fram när alla belopp är skrivna med siffror.';
const PAY_BACK = 'Ej förbrukade medel ska betalas tillbaka. Socialstyrelsen skickar en faktura.';
const ALL_USED = 'Hela det mottagna beloppet är använt.';

function overdraftText(t) {
  return `Summan av använda medel är ${kronor(-t.unspent)} större än det mottagna beloppet. Kontrollera beloppen.`;
}

/** The same result as one sentence, for the live region. */
function tallyText(t) {
  if (t.empty) {
    return NOTHING_YET;
  }
  if (t.unreadable) {
    return UNREADABLE;
  }
  if (t.unspent < 0) {
    return `Summa använda medel: ${kronor(t.used)}. Varning: ${overdraftText(t)}`;
  }
  return `Summa använda medel: ${kronor(t.used)}. Ej förbrukade medel: ${kronor(t.unspent)}. ${t.unspent > 0 ? PAY_BACK : ALL_USED}`;
}

const announceTally = debounce(() => {
  const live = document.getElementById('ej-forbrukat');
  if (live) {
    live.textContent = tallyText(tally());
  }
}, 1000);

function updateTally() {
  const t = tally();
  const sum = document.getElementById('summa-anvant');
  const shown = document.getElementById('ej-forbrukat-synligt');
  if (sum) {
    sum.textContent = kronor(t.used);
  }
  if (shown) {
    shown.replaceChildren(...[tallyResult(t)].flat());
  }
  announceTally();
}

function viewAccounting() {
  const d = state.draft;
  const errRadio = state.errors.sarredovisat;
  const errText = state.errors.beskrivning;
  const radio = (value, label) => h('div', { class: 'radio' },
    h('input', {
      class: 'radio-input', type: 'radio', id: `sarredovisat-${value}`, name: 'sarredovisat', value, checked: d.separateAccounting === value,
      onchange: () => { d.separateAccounting = value; save(); },
    }),
    h('label', { class: 'radio-label', for: `sarredovisat-${value}` }, label));
  const count = h('p', { class: 'hint count', id: 'beskrivning-antal', 'aria-hidden': 'true' }, countText(d.account));
  const countLive = h('p', { class: 'sr-only', 'aria-live': 'polite', id: 'beskrivning-antal-live' });
  const announceCount = debounce(() => { countLive.textContent = countText(d.account); }, 1000);
  const nodes = [
    backLink('sarredovisning'),
    errorList('sarredovisning'),
    stepCaption('sarredovisning'),
    h1('Särredovisning och hur medlen har använts'),
    h('form', { novalidate: true, onsubmit: (ev) => { ev.preventDefault(); submitStep('sarredovisning'); } },
      h('div', { class: `field${errRadio ? ' field-error' : ''}` },
        h('fieldset', { class: 'fieldset', 'aria-describedby': ids('sarredovisat-hjalp', errRadio && 'sarredovisat-fel') },
          h('legend', { class: 'legend legend-m' }, 'Har ni särredovisat medlen (t.ex. på ett separat konto eller projekt)?'),
          h('p', { class: 'hint', id: 'sarredovisat-hjalp' },
            'Socialstyrelsen rekommenderar att mottagna medel särredovisas, så att det går att granska hur bidraget har använts.'),
          errRadio ? errorMessage('sarredovisat-fel', errRadio) : null,
          h('div', { class: 'radios radios-inline' }, radio('ja', 'Ja'), radio('nej', 'Nej')))),
      h('div', { class: `field${errText ? ' field-error' : ''}` },
        h('label', { class: 'label label-m', for: 'beskrivning' }, 'Beskriv kort hur medlen har använts'),
        h('p', { class: 'hint', id: 'beskrivning-hjalp' },
          'Till exempel vilka insatser ni har genomfört och vilka som har genomfört dem. Du kan skriva upp till 20 000 tecken.'),
        errText ? errorMessage('beskrivning-fel', errText) : null,
        h('textarea', {
          class: `textarea${errText ? ' input-error' : ''}`, id: 'beskrivning', name: 'beskrivning', rows: '8', spellcheck: 'true',
          'aria-describedby': ids('beskrivning-hjalp', errText && 'beskrivning-fel'), 'aria-invalid': errText ? 'true' : null,
          value: d.account,
          oninput: (ev) => {
            d.account = ev.target.value; save();
            count.textContent = countText(d.account);
            count.classList.toggle('count-over', length(d.account) > ACCOUNT_MAX);
            announceCount();
          },
        }),
        count, countLive),
      button('Fortsätt')),
  ];
  if (length(d.account) > ACCOUNT_MAX) {
    count.classList.add('count-over');
  }
  return { title: 'Särredovisning och hur medlen har använts', nodes };
}

function countText(text) {
  const left = ACCOUNT_MAX - length(text);
  if (left >= 0) {
    return `Du har ${kronorFree(left)} tecken kvar`;
  }
  return `Du har ${kronorFree(-left)} tecken för mycket`;
}

function textField(key, label, value, attrs, onInput) {
  const err = state.errors[key];
  return h('div', { class: `field${err ? ' field-error' : ''}` },
    h('label', { class: 'label', for: key }, label),
    err ? errorMessage(`${key}-fel`, err) : null,
    h('input', {
      class: `input${err ? ' input-error' : ''}`, id: key, name: key, value,
      'aria-describedby': ids(err && `${key}-fel`), 'aria-invalid': err ? 'true' : null, oninput: onInput, ...attrs,
    }));
}

function viewReporter() {
  const d = state.draft;
  const nodes = [
    backLink('uppgiftslamnare'),
    errorList('uppgiftslamnare'),
    stepCaption('uppgiftslamnare'),
    h1('Vem lämnar återrapporten?'),
    h('p', null, 'Vi skickar en kvittens till den här e-postadressen och till er registratur.'),
    h('form', { novalidate: true, onsubmit: (ev) => { ev.preventDefault(); submitStep('uppgiftslamnare'); } },
      textField('namn', 'Namn', d.name, { type: 'text', autocomplete: 'name', spellcheck: 'false', class: `input input-wide${state.errors.namn ? ' input-error' : ''}` },
        (ev) => { d.name = ev.target.value; save(); }),
      textField('epost', 'E-postadress', d.email, { type: 'email', autocomplete: 'email', spellcheck: 'false', class: `input input-wide${state.errors.epost ? ' input-error' : ''}` },
        (ev) => { d.email = ev.target.value; save(); }),
      button('Fortsätt')),
  ];
  return { title: 'Vem lämnar återrapporten?', nodes };
}

function draftReport() {
  const d = state.draft;
  const usedPerArea = {};
  let used = 0;
  for (const a of state.form.areas) {
    const p = parseKronor(d.used[a.number]);
    const v = p.error ? 0 : p.value;
    usedPerArea[String(a.number)] = v;
    used += v;
  }
  return {
    usedPerArea,
    unspent: received() - used,
    account: d.account.trim(),
    separateAccounting: d.separateAccounting === 'ja',
    reporter: { name: d.name.trim(), email: d.email.trim() },
    used,
  };
}

function viewCheck() {
  const f = state.form;
  const r = draftReport();
  const general = state.errors.allmant;
  const status = h('p', { class: 'status', role: 'status', id: 'skickar' }, state.submitting ? 'Skickar återrapporten …' : '');
  const nodes = [
    backLink('kontroll'),
    errorList('kontroll'),
    stepCaption('kontroll'),
    h1('Kontrollera dina svar'),
    ...reportRows({ ...r, reporter: r.reporter }, true),
  ];
  if (r.unspent < 0) {
    nodes.push(h('div', { class: 'warning' }, h('p', null, h('strong', null, 'Kontrollera beloppen: '),
      `summan av använda medel är ${kronor(-r.unspent)} större än det mottagna beloppet, ${kronor(received())}.`)));
  }
  nodes.push(h('h2', { class: 'heading-m' }, 'Skicka återrapporten'));
  if (f.report && state.mode === 'correction') {
    nodes.push(h('p', null, `Rättelsen ersätter den återrapport som lämnades ${dateTime(f.report.submittedAt)}.`));
  }
  if (f.late && !f.report) {
    nodes.push(h('p', null, `Sista dagen var ${date(f.grant.deadline)}. Återrapporten tas emot men markeras som sen.`));
  }
  nodes.push(
    h('p', null, `Vi skickar en kvittens till ${r.reporter.email} och till er registratur.`),
    h('form', { novalidate: true, onsubmit: (ev) => { ev.preventDefault(); submitReport(); } },
      button(general ? 'Försök skicka igen' : 'Skicka återrapporten', { 'aria-disabled': state.submitting ? 'true' : null, id: 'skicka' }),
      status));
  return { title: 'Kontrollera dina svar', nodes };
}

// ---- submitting -------------------------------------------------------------------------------

function mapField(field) {
  const m = /^usedPerArea(?:[./](\d+))?$/.exec(field);
  if (m) {
    const area = m[1] && state.form.areas.find((a) => String(a.number) === m[1]);
    return area ? `belopp-${area.number}` : 'belopp';
  }
  if (field === 'unspent' || field === 'used' || field === 'received') {
    return 'belopp';
  }
  if (field === 'separateAccounting') {
    return 'sarredovisat';
  }
  if (field === 'account') {
    return 'beskrivning';
  }
  if (field === 'reporter.name' || field === 'reporter') {
    return 'namn';
  }
  if (field === 'reporter.email') {
    return 'epost';
  }
  return 'allmant';
}

/** A Swedish message for a field the server refused (its own text is for developers, in English). */
function serverMessage(key) {
  const f = state.form;
  if (key === 'belopp') {
    const t = tally();
    if (t.unspent < 0) {
      return `Summan av använda medel (${kronor(t.used)}) är större än det mottagna beloppet (${kronor(received())}). Kontrollera beloppen.`;
    }
    return `Använda medel och ej förbrukade medel ska tillsammans bli det mottagna beloppet, ${kronor(received())}. Kontrollera beloppen.`;
  }
  if (key.startsWith('belopp-')) {
    const a = f.areas.find((x) => `belopp-${x.number}` === key);
    const p = parseKronor(state.draft.used[a.number]);
    return p.error ? amountMessage(a, p.error)
      : `Beloppet för ${areaName(a)} kunde inte tas emot. Ange ett belopp i hela kronor, 0 eller mer.`;
  }
  const own = validate(stepOfKey(key))[key];
  if (own) {
    return own;
  }
  switch (key) {
    case 'sarredovisat':
      return 'Svaret om särredovisning kunde inte tas emot. Välj Ja eller Nej igen och fortsätt.';
    case 'beskrivning':
      return 'Beskrivningen kunde inte tas emot. Kontrollera texten och försök igen.';
    case 'namn':
      return 'Namnet kunde inte tas emot. Kontrollera det och försök igen.';
    case 'epost':
      return 'E-postadressen kunde inte tas emot. Ange en e-postadress i rätt format, till exempel namn@kommun.se.';
    default:
      return 'Återrapporten kunde inte tas emot. Kontrollera svaren och försök igen.';
  }
}

async function submitReport() {
  if (state.submitting) {
    return;
  }
  const first = firstIncompleteStep();
  if (first) {
    return submitStep(first);
  }
  state.submitting = true;
  const btn = document.getElementById('skicka');
  const status = document.getElementById('skickar');
  btn?.setAttribute('aria-disabled', 'true');
  if (status) {
    status.textContent = 'Skickar återrapporten …';
  }
  const { used, ...body } = draftReport();
  const res = await api.submit(state.token, body);
  state.submitting = false;
  delete state.errors.allmant;
  if (res.status === 200 || res.status === 201) {
    const report = res.data || {};
    state.receipt = report;
    state.form.report = report;
    state.form.correctable = state.form.late !== true;
    state.mode = 'done';
    state.errors = {};
    state.pending = [];
    state.editing = false;
    state.draft = emptyDraft();
    save();
    return go('kvittens');
  }
  if (res.network) {
    state.errors.allmant = 'Det gick inte att skicka återrapporten. Kontrollera internetanslutningen och försök igen. Dina svar finns kvar.';
    return renderStep('kontroll', 'errors');
  }
  const p = res.problem;
  if (res.status === 401) {
    return renderLinkProblem(p.reason);
  }
  if (res.status === 404) {
    return renderMissing();
  }
  if (res.status === 409) {
    state.notice = p.code === 'report-closed'
      ? `Rättelsen kunde inte tas emot eftersom sista dagen för rättelser var ${date(state.form.grant.deadline)}. Här är den återrapport som gäller.`
      : 'Återrapporten har ändrats under tiden, till exempel från en annan flik. Här är den som gäller nu. Rätta den igen om något inte stämmer.';
    state.mode = 'done';
    save();
    return reload('start');
  }
  if ((res.status === 400 || res.status === 422) && p.errors.length) {
    state.errors = {};
    for (const e of p.errors) {
      const key = mapField(e.field);
      state.errors[key] = serverMessage(key);
    }
    state.pending = STEPS.filter((s) => Object.keys(state.errors).some((k) => stepOfKey(k) === s));
    const step = state.pending[0];
    if (step !== 'kontroll') {
      state.editing = true;
    }
    state.pending = state.pending.filter((s) => s !== 'kontroll');
    history.pushState({ steg: step }, '', urlOf(step));
    return renderStep(step, 'errors');
  }
  state.errors.allmant = res.status >= 500
    ? 'Något gick fel hos Socialstyrelsen, och återrapporten har inte kommit in. Dina svar finns kvar. Försök igen om en stund.'
    : 'Återrapporten kunde inte tas emot. Dina svar finns kvar. Försök igen om en stund.';
  return renderStep('kontroll', 'errors');
}

function viewReceipt() {
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

// ---- when the link does not work, and other dead ends -----------------------------------------

const LINK_TEXT = {
  expired: ['Länken har slutat gälla', 'Länkarna till återrapporteringen gäller en begränsad tid, och den här länken gäller inte längre.'],
  revoked: ['Länken gäller inte längre', 'Länken har spärrats. Det kan bero på att en nyare länk har skickats till er.'],
  invalid: ['Länken fungerar inte', 'Länken är inte giltig. Den kan ha blivit avkortad eller ändrad när den kopierades. Prova att öppna den direkt från e-postmeddelandet.'],
};

function renderLinkProblem(reason, focus = 'h1') {
  const [title, text] = LINK_TEXT[reason] || LINK_TEXT.invalid;
  const result = h('div', { id: 'ny-lank-svar' });
  const nodes = [
    h1(title),
    h('p', null, text),
    h('p', null, 'Vi kan skicka en ny länk till er registratur, alltså den e-postadress som Socialstyrelsen redan har för er organisation. ',
      'Öppna sedan den nya länken.'),
    result,
    h('form', { novalidate: true, onsubmit: (ev) => { ev.preventDefault(); requestLink(result, ev.target); } },
      button('Skicka en ny länk', { id: 'skicka-lank' })),
  ];
  render({ title, nodes }, focus);
}

async function requestLink(result, form) {
  const btn = form.querySelector('button');
  if (btn.getAttribute('aria-disabled') === 'true') {
    return;
  }
  btn.setAttribute('aria-disabled', 'true');
  result.replaceChildren(h('p', { role: 'status' }, 'Skickar …'));
  const res = await api.requestLink(state.token);
  btn.removeAttribute('aria-disabled');
  const box = (cls, heading, ...body) => h('div', { class: cls, tabindex: '-1', id: 'ny-lank-besked' },
    h('h2', { class: 'heading-m' }, heading), ...body.map((b) => h('p', null, b)));
  let message;
  if (res.status === 202 || res.status === 200) {
    const to = res.data && res.data.sentTo;
    message = box('notice', 'En ny länk är skickad',
      to ? `Vi har skickat en ny länk till ${to}, er registratur.` : 'Vi har skickat en ny länk till er registratur.',
      'Det kan ta några minuter innan meddelandet kommer fram. Öppna länken i det nya meddelandet.');
    form.remove();
    document.title = `En ny länk är skickad – ${SITE_TITLE}`;
  } else if (res.status === 429) {
    const s = res.problem.retryAfter;
    const wait = Number.isFinite(s) && s > 0 ? `Vänta ${s >= 90 ? `${Math.ceil(s / 60)} minuter` : s > 60 ? 'ett par minuter' : 'en minut'} och försök igen.` : 'Vänta en stund och försök igen.';
    message = box('warning', 'Vänta innan du ber om en ny länk', 'En ny länk har nyligen skickats till er registratur.', wait);
  } else if (res.network) {
    message = box('warning', 'Det gick inte att nå Socialstyrelsen', 'Kontrollera internetanslutningen och försök igen.');
  } else if (res.status === 404) {
    message = box('warning', 'Vi kan inte skicka en ny länk', 'Den här länken gäller ingen organisation som ska lämna en återrapport. ',
      `Kontakta Socialstyrelsen: ${AGENCY_EMAIL}.`);
  } else {
    message = box('warning', 'Något gick fel', 'Det gick inte att skicka en ny länk just nu. Försök igen om en stund.');
  }
  result.replaceChildren(message);
  message.focus();
}

function renderNoLink() {
  const title = 'Öppna er personliga länk';
  render({
    title,
    nodes: [
      h1(title),
      h('p', null, 'Återrapporteringen görs via en personlig länk som Socialstyrelsen har skickat till er registratur.'),
      h('p', null, 'Öppna länken direkt från e-postmeddelandet. Om du har kopierat länken, kontrollera att hela länken kom med, också delen efter tecknet #.'),
      h('p', null, 'Kontakta Socialstyrelsen om ni inte har fått någon länk: ', h('a', { href: `mailto:${AGENCY_EMAIL}` }, AGENCY_EMAIL), '.'),
    ],
  });
}

function renderMissing() {
  const title = 'Det finns inga medel att återrapportera';
  render({
    title,
    nodes: [
      h1(title),
      h('p', null, 'Vi hittar inga utbetalda medel att återrapportera för den här länken.'),
      h('p', null, 'Kontakta Socialstyrelsen om ni tror att det är fel: ', h('a', { href: `mailto:${AGENCY_EMAIL}` }, AGENCY_EMAIL), '.'),
    ],
  }, 'h1');
}

function renderLoadError(network, step) {
  const title = network ? 'Det gick inte att hämta era uppgifter' : 'Något gick fel';
  render({
    title,
    nodes: [
      h1(title),
      h('p', null, network
        ? 'Det gick inte att nå Socialstyrelsens tjänst. Kontrollera internetanslutningen och försök igen.'
        : 'Det gick inte att hämta era uppgifter just nu. Försök igen om en stund.'),
      h('p', null, 'Inget av det du har skrivit har försvunnit.'),
      h('form', { novalidate: true, onsubmit: (ev) => { ev.preventDefault(); reload(step); } }, button('Försök igen')),
    ],
  }, 'h1');
}

// ---- loading ----------------------------------------------------------------------------------

async function reload(step, first = false) {
  main.setAttribute('aria-busy', 'true');
  const res = await api.form(state.token);
  main.removeAttribute('aria-busy');
  if (res.status === 200 && res.data) {
    state.form = res.data;
    if (state.form.report && state.mode === 'new') {
      state.mode = 'done'; // reported meanwhile (another tab or person): show it rather than a blank form
    }
    if (!state.form.report && state.mode !== 'new') {
      state.mode = 'new';
    }
    show(step, first ? null : 'h1');
    if (first) {
      performance.mark('bidrag-ready'); // the form is usable: data shown, controls focusable
    }
    return;
  }
  if (res.network) {
    return renderLoadError(true, step);
  }
  if (res.status === 401) {
    return renderLinkProblem(res.problem.reason, first ? null : 'h1');
  }
  if (res.status === 404) {
    return renderMissing();
  }
  return renderLoadError(false, step);
}

// In-page links: the skip link and the error summary's links move focus without touching the
// fragment (it is the token's place); step links go through the History API.
document.addEventListener('click', (ev) => {
  if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) {
    return;
  }
  const a = ev.target.closest('a');
  if (!a) {
    return;
  }
  const href = a.getAttribute('href') || '';
  if (href.startsWith('#')) {
    const target = document.getElementById(href.slice(1));
    ev.preventDefault();
    if (!target) {
      return;
    }
    if (target.matches('input, textarea, select')) {
      const container = target.closest('fieldset') && target.type === 'radio' ? target.closest('fieldset') : target.closest('.field');
      (container || target).scrollIntoView({ block: 'start' });
      target.focus({ preventScroll: true });
    } else {
      if (!target.hasAttribute('tabindex')) {
        target.setAttribute('tabindex', '-1');
      }
      target.focus();
    }
    return;
  }
  const step = a.getAttribute('data-steg');
  if (step) {
    ev.preventDefault();
    if (a.hasAttribute('data-andra')) {
      state.editing = true;
    } else if (step === 'kontroll' || step === 'start') {
      state.editing = false;
    }
    go(step);
  }
});

window.addEventListener('popstate', () => {
  state.errors = {};
  show(currentStep(), 'h1');
});

window.addEventListener('hashchange', () => {
  const before = state.token;
  takeToken();
  if (state.token && state.token !== before) {
    replaceStep('start');
    state.form = null;
    state.errors = {};
    state.receipt = null;
    state.notice = null;
    // a new link in the same tab: "ready" again only when its first page is drawn
    document.documentElement.removeAttribute('data-ready');
    reload('start').finally(() => document.documentElement.setAttribute('data-ready', 'true'));
  }
});

// data-ready: the first page has been drawn, whatever it says (for tests and measurements)
const ready = () => document.documentElement.setAttribute('data-ready', 'true');
takeToken();
if (state.token) {
  reload(currentStep(), true).finally(ready);
} else {
  renderNoLink();
  ready();
}
