// The console's building blocks: headings, sections, boxes for errors and missing routes, simple
// tables in a scroll region, buttons that show they are busy, forms with the GOV.UK error pattern.
// Text always goes in as text; nothing sets a style attribute (the CSP allows no inline style).

import { h, sr, summaryList } from '/assets/dom.js';
import { date, dateTime, kronor, number, orgnr } from '/assets/format.js';

export { h, sr, summaryList, date, dateTime, kronor, number, orgnr };

let idCounter = 0;
/** A unique id for aria references. */
export function uid(prefix = 'k') {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** An amount, or a dash for nothing known. */
export function kr(n) {
  return n === null || n === undefined || Number.isNaN(n) ? '–' : kronor(n);
}

/** A date from an ISO instant or date, Swedish ("17 april 2025"); '–' when absent. */
export function datum(iso) {
  if (!iso) {
    return '–';
  }
  return /T/.test(iso) ? date(stockholmDate(iso)) : date(iso);
}

/** The calendar date (YYYY-MM-DD) of an instant in Europe/Stockholm. */
export function stockholmDate(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) {
    return String(iso);
  }
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

export function tid(iso) {
  return iso ? dateTime(iso) : '–';
}

export const ROLE_NAMES = { handlaggare: 'handläggare', attestant: 'attestant', admin: 'administratör' };
export const KIND_NAMES = { region: 'Region', kommun: 'Kommun' };
export const POT_NAMES = {
  'region-population': 'Regioner, befolkning',
  'region-rural': 'Regioner, landsbygd och glesbygd',
  'kommun-care-and-population': 'Kommuner, hälso- och sjukvård och befolkning',
  'kommun-rural': 'Kommuner, landsbygd och glesbygd',
};
export const REPORT_STATUS = {
  'not-sent': 'Länk ej skickad',
  sent: 'Länk skickad',
  reminded: 'Påmind',
  reported: 'Inrapporterad',
  late: 'Inrapporterad sent',
  undeliverable: 'E-post når inte fram',
  none: 'Inget att rapportera',
};
export const REQUISITION_STATUS = {
  accepted: 'Rekvirerad',
  withdrawn: 'Återtagen',
  paid: 'Utbetald',
  none: 'Ej rekvirerad',
};
export const MAIL_STATE = { sent: 'Skickat', claimed: 'Skickas', suppressed: 'Stoppat (adressen är spärrad)' };
export const MAIL_PURPOSE = {
  'report-link': 'Länk till återrapportering',
  'report-reminder': 'Påminnelse om återrapportering',
  'redistribution-notice': 'Besked om omfördelning',
  invoice: 'Faktura',
  'credit-note': 'Kreditfaktura',
  'report-receipt': 'Kvittens på återrapport',
};
export const BATCH_STATE = {
  AWAITING_ATTESTATION: 'Väntar på attest',
  APPROVED: 'Attesterad, betalfil skapas',
  REJECTED: 'Avslagen',
  FILED: 'Betalfil skapad',
  OPEN: 'Sammanställs',
  CLOSED: 'Stängd',
  RETURNED: 'Återlämnad',
};
export const ORDER_STATUS = { pending: 'Väntar', sent: 'Skickad', filed: 'I betalfil', proposed: 'Föreslagen' };
export const INVOICE_STATUS = { open: 'Öppen', 'partly-credited': 'Delvis krediterad', credited: 'Krediterad', issued: 'Utfärdad' };
export const INVOICE_REASON = {
  unspent: 'Ej förbrukade medel', recovery: 'Återkrav', correction: 'Rättad återrapport', waiver: 'Eftergift',
};
export const PROPOSAL_KIND = { recovery: 'Återkrav', waiver: 'Eftergift', 'payout-account': 'Utbetalningskonto' };

/** A person from an audit actor or a "orgnr/role/subject" string, in words. */
export function actorName(actor) {
  if (!actor) {
    return '–';
  }
  if (typeof actor === 'object') {
    const role = roleNames(actor.role || actor.roles || '');
    return [actor.name || actor.subject, role && `(${role})`].filter(Boolean).join(' ');
  }
  const s = String(actor);
  if (s.startsWith('system:')) {
    return `Bidrag (${s.slice(7)})`;
  }
  const parts = s.split('/');
  return parts.length === 3 ? `${parts[2]} (${roleNames(parts[1])})` : s;
}

/** "handlaggare+attestant" (or space-separated) in words: "handläggare och attestant". */
function roleNames(roles) {
  return String(roles).split(/[+\s,]+/).filter(Boolean).map((r) => ROLE_NAMES[r] || r).join(' och ');
}

/** A section with an h2. */
export function section(title, ...children) {
  const id = uid('rubrik');
  return h('section', { class: 'section' }, h('h2', { class: 'heading-m', id }, title), ...children);
}

/** "Hämtar …" while something loads (announced politely). */
export function loading(text = 'Hämtar …') {
  return h('p', { role: 'status', class: 'loading' }, text);
}

/** A notice (green edge) or a warning (amber edge). */
export function notice(...children) {
  return h('div', { class: 'notice' }, ...children);
}

export function warning(...children) {
  return h('div', { class: 'warning' }, ...children);
}

/** What a route the API does not have yet means for this view. */
export function missingBox(what) {
  return h('div', { class: 'warning missing' },
    h('p', null, h('strong', null, 'Uppgiften finns inte i API:t än. '), what),
    h('p', { class: 'hint' }, 'Resten av sidan fungerar. När Bidrags API får den här funktionen visas den här.'));
}

const PROBLEM_TEXT = {
  forbidden: 'Du har inte behörighet att göra det här.',
  'four-eyes': 'Du kan inte attestera något som du själv har föreslagit. En annan person med rollen attestant måste göra det.',
  'same-person': 'Du kan inte attestera något som du själv har föreslagit. En annan person med rollen attestant måste göra det.',
  'not-found': 'Uppgiften finns inte, eller finns inte längre.',
  'validation-failed': 'Uppgifterna behöver rättas.',
  'invalid-request': 'Begäran kunde inte tolkas av Bidrag.',
  'precondition-failed': 'Någon annan har ändrat uppgiften under tiden. Ladda om sidan och försök igen.',
  'route-missing': 'Bidrags API har inte den här funktionen än.',
  'rate-limited': 'För många försök på kort tid. Vänta en stund och försök igen.',
  unauthorized: 'Din inloggning har gått ut. Logga in igen.',
};

/** The Swedish headline for a failed call. */
export function problemText(r) {
  if (r.network) {
    return 'Bidrags API svarar inte. Kontrollera anslutningen och försök igen.';
  }
  const code = r.problem ? r.problem.code : '';
  if (PROBLEM_TEXT[code]) {
    return PROBLEM_TEXT[code];
  }
  if (r.status === 409) {
    return 'Det går inte just nu: läget i Bidrag tillåter det inte (till exempel en tidsgräns, eller att det redan är gjort).';
  }
  if (r.status === 403) {
    return PROBLEM_TEXT.forbidden;
  }
  if (r.status === 422 || r.status === 400) {
    return PROBLEM_TEXT['validation-failed'];
  }
  if (r.status >= 500) {
    return 'Något gick fel i Bidrag. Försök igen om en stund.';
  }
  return `Bidrag svarade med fel (${r.status}).`;
}

/** The API's own words, for the agency's staff and for support: status, problem type, detail, fields. */
export function apiDetails(r) {
  if (r.network || !r.problem) {
    return null;
  }
  const p = r.problem;
  return h('details', { class: 'api-details' },
    h('summary', null, 'Svar från API:t'),
    h('dl', { class: 'api-details-list' },
      h('dt', null, 'Status'), h('dd', null, String(r.status)),
      p.code ? [h('dt', null, 'Typ'), h('dd', null, h('code', null, p.code))] : null,
      p.detail ? [h('dt', null, 'Förklaring (engelska)'), h('dd', { lang: 'en' }, p.detail)] : null,
      p.errors.length ? [h('dt', null, 'Fält'), h('dd', null, h('ul', { class: 'plain' },
        p.errors.map((e) => h('li', null, h('code', null, e.field), ': ', h('span', { lang: 'en' }, e.detail || e.message || '')))))] : null));
}

/** An error box for a failed call: a Swedish headline and the API's own details. Focusable, announced. */
export function problemBox(r, lead) {
  return h('div', { class: 'error-box', role: 'alert', tabindex: '-1' },
    h('p', { class: 'error-box-title' }, lead ? `${lead} ` : '', problemText(r)),
    apiDetails(r));
}

/** A success box (announced). */
export function successBox(...children) {
  return h('div', { class: 'success-box', role: 'status', tabindex: '-1' }, ...children);
}

/** A button; kind: 'secondary' | 'warning'. While onClick's promise runs, the button says it is busy. */
export function button(label, onClick, opts = {}) {
  const b = h('button', {
    type: opts.type || 'button',
    class: `button${opts.kind ? ` button-${opts.kind}` : ''}${opts.small ? ' button-small' : ''}`,
    'aria-describedby': opts.describedBy || null,
    id: opts.id || null,
  }, label);
  if (onClick) {
    b.addEventListener('click', (e) => {
      e.preventDefault();
      run(b, () => onClick(e));
    });
  }
  return b;
}

/** Runs fn with the button marked busy (aria-disabled) and a second click ignored. */
export async function run(b, fn) {
  if (b.getAttribute('aria-disabled') === 'true') {
    return undefined;
  }
  b.setAttribute('aria-disabled', 'true');
  const label = b.textContent;
  b.dataset.label = label;
  try {
    return await fn();
  } finally {
    if (b.isConnected) {
      b.removeAttribute('aria-disabled');
    }
  }
}

/** A link inside the console (handled by the router). */
export function link(href, text, attrs = {}) {
  return h('a', { href, 'data-route': '', ...attrs }, text);
}

/**
 * A scroll region for a wide table: labelled, and focusable (so it can be scrolled with the
 * keyboard) only while it actually overflows.
 */
export function scrollRegion(label, content) {
  const region = h('div', { class: 'table-scroll', role: 'region', 'aria-label': label }, content);
  const update = () => {
    if (region.scrollWidth > region.clientWidth + 1) {
      region.setAttribute('tabindex', '0');
    } else {
      region.removeAttribute('tabindex');
    }
  };
  if (typeof ResizeObserver === 'function') {
    new ResizeObserver(update).observe(region);
  }
  requestAnimationFrame(update);
  return region;
}

/**
 * A plain table. columns: [{label, num?, value(row) → node|text, header?: true for the row header}].
 */
export function simpleTable(caption, columns, rows, opts = {}) {
  const table = h('table', { class: `table${opts.compact ? ' table-compact' : ''}` },
    h('caption', { class: opts.captionHidden ? 'sr-only' : 'table-caption' }, caption),
    h('thead', null, h('tr', null, columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)))),
    h('tbody', null, rows.map((r) => h('tr', { class: r && r.className ? r.className : null }, columns.map((c) => {
      const v = c.value(r);
      return c.header ? h('th', { scope: 'row', class: c.num ? 'num' : null }, v) : h('td', { class: c.num ? 'num' : null }, v);
    })))),
    opts.foot ? h('tfoot', null, opts.foot) : null);
  return scrollRegion(caption, table);
}
