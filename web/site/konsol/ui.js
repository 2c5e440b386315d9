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
    const role = ROLE_NAMES[actor.role] || actor.role || '';
    return [actor.name || actor.subject, role && `(${role})`].filter(Boolean).join(' ');
  }
  const s = String(actor);
  if (s.startsWith('system:')) {
    return `Bidrag (${s.slice(7)})`;
  }
  const parts = s.split('/');
  return parts.length === 3 ? `${parts[2]} (${ROLE_NAMES[parts[1]] || parts[1]})` : s;
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

/**
 * A form with the GOV.UK error pattern. fields: [{name, label, type ('text'|'number'|'email'|'textarea'
 * |'select'|'amount'), hint, options: [[value, text]], required, autocomplete, value}]. submit(values)
 * returns the API result; field errors (errors[].field = a field's name or apiField) are shown at the
 * top, linked, and beside each field; other errors as a box. onDone(result) after success.
 */
export function form({ id, legend, fields, submitLabel, submit, onDone, secondary }) {
  const errorsSlot = h('div');
  const els = {};
  const groups = {};
  const body = fields.map((f) => {
    const fid = `${id}-${f.name}`;
    const hintId = f.hint ? `${fid}-hint` : null;
    let input;
    if (f.type === 'textarea') {
      input = h('textarea', { class: 'textarea', id: fid, name: f.name, rows: 3, 'aria-describedby': hintId }, f.value || '');
    } else if (f.type === 'select') {
      input = h('select', { class: 'select', id: fid, name: f.name, 'aria-describedby': hintId },
        f.options.map(([v, t]) => h('option', { value: v, selected: v === f.value }, t)));
    } else if (f.type === 'amount') {
      input = h('input', { class: 'input input-amount', id: fid, name: f.name, type: 'text', inputmode: 'numeric', spellcheck: 'false', autocomplete: 'off', 'aria-describedby': hintId, value: f.value || '' });
    } else {
      input = h('input', { class: 'input input-wide', id: fid, name: f.name, type: f.type || 'text', autocomplete: f.autocomplete || 'off', spellcheck: 'false', 'aria-describedby': hintId, value: f.value || '' });
    }
    els[f.name] = input;
    const control = f.type === 'amount' ? h('div', { class: 'amount' }, input, h('span', { class: 'suffix', 'aria-hidden': 'true' }, 'kr')) : input;
    const group = h('div', { class: 'field' },
      h('label', { class: 'label', for: fid }, f.label, f.required === false ? ' (frivilligt)' : ''),
      f.hint ? h('p', { class: 'hint', id: hintId }, f.hint) : null,
      control);
    groups[f.name] = { group, hintId, fid, field: f };
    return group;
  });
  const submitButton = button(submitLabel, null, { type: 'submit' });
  const el = h('form', { class: 'action-form', id, novalidate: true },
    errorsSlot,
    legend ? h('fieldset', { class: 'fieldset' }, h('legend', { class: 'legend legend-s' }, legend), body) : body,
    h('div', { class: 'button-group' }, submitButton, secondary || null));

  function clearErrors() {
    errorsSlot.replaceChildren();
    for (const { group, hintId, field } of Object.values(groups)) {
      group.classList.remove('field-error');
      group.querySelector('.error-message')?.remove();
      const input = els[field.name];
      input.removeAttribute('aria-invalid');
      if (hintId) {
        input.setAttribute('aria-describedby', hintId);
      } else {
        input.removeAttribute('aria-describedby');
      }
      input.classList.remove('input-error');
    }
  }

  function showFieldErrors(list, r) {
    const items = [];
    for (const e of list) {
      const g = groups[e.name];
      const msgId = `${g.fid}-fel`;
      if (!g.group.classList.contains('field-error')) {
        g.group.classList.add('field-error');
        const msg = h('p', { class: 'error-message', id: msgId }, sr('Fel: '), e.text);
        g.group.querySelector('.label').after(msg);
        if (g.hintId) {
          g.group.querySelector('.hint').after(msg);
        }
        const input = els[e.name];
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', [g.hintId, msgId].filter(Boolean).join(' '));
        input.classList.add('input-error');
      }
      items.push({ name: e.name, text: e.text });
    }
    const summary = h('div', { class: 'error-summary', tabindex: '-1', 'aria-labelledby': `${id}-fel-rubrik` },
      h('div', { role: 'alert' },
        h('h2', { class: 'error-summary-title', id: `${id}-fel-rubrik` }, 'Det finns ett problem'),
        h('ul', { class: 'error-summary-list' }, items.map((it) => h('li', null,
          h('a', {
            href: `#${groups[it.name].fid}`,
            onclick: (ev) => { ev.preventDefault(); els[it.name].focus(); },
          }, it.text)))),
        r ? apiDetails(r) : null));
    errorsSlot.replaceChildren(summary);
    summary.focus();
  }

  el.addEventListener('submit', (ev) => {
    ev.preventDefault();
    run(submitButton, async () => {
      clearErrors();
      const values = {};
      const local = [];
      for (const f of fields) {
        const raw = els[f.name].value;
        if (f.type === 'amount') {
          const t = raw.replace(/[\s\u00A0\u202F\u2009]+/g, '').replace(/(kr|:-)$/i, '');
          if (t === '' && f.required !== false) {
            local.push({ name: f.name, text: `Ange ${f.label.toLowerCase()} i hela kronor` });
          } else if (t !== '' && !/^\d+$/.test(t)) {
            local.push({ name: f.name, text: `${f.label} ska vara ett belopp i hela kronor, till exempel 125 000` });
          } else {
            values[f.name] = t === '' ? null : Number(t);
          }
        } else {
          const v = raw.trim();
          if (!v && f.required !== false && f.type !== 'select') {
            local.push({ name: f.name, text: `Ange ${f.label.toLowerCase()}` });
          }
          values[f.name] = v || null;
        }
      }
      if (local.length) {
        showFieldErrors(local, null);
        return;
      }
      const r = await submit(values);
      if (r.ok) {
        onDone(r, values);
        return;
      }
      const fieldErrors = [];
      for (const e of r.problem ? r.problem.errors : []) {
        const f = fields.find((x) => x.name === e.field || (x.apiFields || []).includes(e.field));
        if (f) {
          fieldErrors.push({ name: f.name, text: f.errorText ? f.errorText(e) : `${f.label}: ${swedishFieldError(e)}` });
        }
      }
      if (fieldErrors.length) {
        showFieldErrors(fieldErrors, r);
      } else {
        const box = problemBox(r);
        errorsSlot.replaceChildren(box);
        box.focus();
      }
    });
  });
  return { el, els, clearErrors };
}

/** A field error from the API in Swedish where its English is one of the common ones. */
function swedishFieldError(e) {
  const d = String(e.detail || e.message || '');
  if (/required|missing/i.test(d)) {
    return 'uppgiften saknas';
  }
  if (/e-?mail/i.test(d)) {
    return 'är inte en e-postadress';
  }
  if (/at most|exceeds|more than|too (large|much)/i.test(d)) {
    return 'beloppet är för stort';
  }
  if (/at least|must be 1|positive/i.test(d)) {
    return 'beloppet är för litet';
  }
  if (/longer than|characters/i.test(d)) {
    return 'texten är för lång';
  }
  return 'värdet godtogs inte (se svaret från API:t)';
}
