// Steps 2 and 3: separate accounting and the account (with a character count); who is reporting.

import { debounce, errorMessage, h, ids } from '../dom.js';
import { length } from '../format.js';
import { errorList, submitStep } from './errors.js';
import { backLink, button, h1, stepCaption } from './parts.js';
import { ACCOUNT_MAX, kronorFree, save, state } from './state.js';

export function viewAccounting() {
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

export function viewReporter() {
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
