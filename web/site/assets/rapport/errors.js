// The error summary, a step's own checks on submit, and the server's field errors mapped onto steps
// and fields with a Swedish message (the server's own text is English, for developers).

import { errorSummary } from '../dom.js';
import { kronor, parseKronor } from '../format.js';
import { go, renderStep } from './route.js';
import { amountMessage, areaName, received, save, state, STEPS, tally, validate } from './state.js';

export function errorList(step) {
  const list = [];
  for (const [key, text] of Object.entries(state.errors)) {
    if (stepOfKey(key) === step) {
      list.push({ href: hrefOfKey(key), text });
    }
  }
  return list.length ? errorSummary(list) : null;
}

export function stepOfKey(key) {
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

/** Validates the step; on errors shows them with the summary focused, otherwise goes on. */
export function submitStep(step) {
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

export function mapField(field) {
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
export function serverMessage(key) {
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
