// Loading the form's data, and the dead ends: a link that does not work ("Skicka en ny länk"), no
// link, nothing to report, the API out of reach ("Försök igen").

import { api } from '../api.js';
import { h } from '../dom.js';
import { button, h1 } from './parts.js';
import { main, render, show } from './route.js';
import { AGENCY_EMAIL, SITE_TITLE, state } from './state.js';

const LINK_TEXT = {
  expired: ['Länken har slutat gälla', 'Länkarna till återrapporteringen gäller en begränsad tid, och den här länken gäller inte längre.'],
  revoked: ['Länken gäller inte längre', 'Länken har spärrats. Det kan bero på att en nyare länk har skickats till er.'],
  invalid: ['Länken fungerar inte', 'Länken är inte giltig. Den kan ha blivit avkortad eller ändrad när den kopierades. Prova att öppna den direkt från e-postmeddelandet.'],
};

export function renderLinkProblem(reason, focus = 'h1') {
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

export function renderNoLink() {
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

export function renderMissing() {
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

export async function reload(step, first = false) {
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
