// Step 1: the amount per area, and the live sum and "ej förbrukade medel" (read out when typing pauses).

import { debounce, errorMessage, h, ids, sr } from '../dom.js';
import { kronor } from '../format.js';
import { submitStep, errorList } from './errors.js';
import { areaLabel, backLink, button, h1, stepCaption } from './parts.js';
import { received, save, state, tally } from './state.js';

export function viewAmounts() {
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
