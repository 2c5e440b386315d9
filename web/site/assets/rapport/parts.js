// Pieces the pages share: headings, captions, the back link, buttons, the report's answers.

import { h, sr, summaryList } from '../dom.js';
import { capitalise, kronor } from '../format.js';
import { urlOf } from './route.js';
import { areaName, state, STEPS } from './state.js';

export function h1(text) {
  return h('h1', { class: 'heading-l', tabindex: '-1' }, text);
}

export function caption(text) {
  return h('p', { class: 'caption' }, text);
}

export function stepCaption(step) {
  return caption(`Steg ${STEPS.indexOf(step) + 1} av ${STEPS.length}`);
}

export function backLink(step) {
  const i = STEPS.indexOf(step);
  const to = state.editing && step !== 'kontroll' ? 'kontroll' : i > 0 ? STEPS[i - 1] : 'start';
  return h('a', { class: 'back-link', href: urlOf(to), 'data-steg': to }, 'Tillbaka');
}

export function button(text, attrs = {}) {
  return h('button', { class: 'button', type: 'submit', ...attrs }, text);
}

export function areaLabel(a) {
  const title = capitalise(String(a.title || '').replace(/[\s,.;]+$/, ''));
  return title ? `${a.number}. ${title}` : `Insatsområde ${a.number}`;
}

export function reportRows(r, withChange) {
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
