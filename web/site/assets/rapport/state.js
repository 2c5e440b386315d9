// The form's state: the link's token, the answers typed so far (in this tab's sessionStorage, so a
// reload works), and what follows from them: the live sum, the page's format checks, the report to send.

import { kronor, length, parseKronor } from '../format.js';

export const SITE_TITLE = 'Återrapportering – Socialstyrelsen';
export const ACCOUNT_MAX = 20000;
const NAME_MAX = 200;
const STORE_KEY = 'bidrag.rapport';
export const STEPS = ['belopp', 'sarredovisning', 'uppgiftslamnare', 'kontroll'];
export const AGENCY_EMAIL = 'socialstyrelsen@socialstyrelsen.se';

export const state = {
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

export function emptyDraft() {
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

export function save() {
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
export function takeToken() {
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

export function areaName(a) {
  return `insatsområde ${a.number}`;
}

export function received() {
  return Number(state.form.received) || 0;
}

/** Used, unspent and whether every amount could be read, from what is typed now. */
export function tally() {
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

export function amountMessage(a, error) {
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

export function validate(step) {
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

export function kronorFree(n) {
  return kronor(n).replace(/\u00A0kr$/, '');
}

export function firstIncompleteStep() {
  for (const step of STEPS.slice(0, 3)) {
    if (Object.keys(validate(step)).length) {
      return step;
    }
  }
  return null;
}

export function draftReport() {
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
