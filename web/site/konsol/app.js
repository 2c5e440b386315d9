// The console's shell: signing in, the header and menu, and routing between views by the query string
// (/konsol/?vy=mottagare&id=kommun-1880), so that S3/CloudFront serve the one index.html, Back and
// Forward work and a view can be bookmarked. Views are modules loaded when first opened.

import { completeSignIn, config, signIn, signOut, user, wasSignedIn } from './auth.js';
import { get, setUnauthorizedHandler } from './api.js';
import { button, h, problemBox, ROLE_NAMES, warning } from './ui.js';
import { chooseGrant, grantId, invalidate } from './data.js';

const VIEWS = [
  { vy: 'oversikt', label: 'Översikt', module: './views/overview.js' },
  { vy: 'mottagare', label: 'Mottagare', module: './views/recipients.js' },
  { vy: 'omfordelning', label: 'Omfördelning', module: './views/redistribution.js' },
  { vy: 'utbetalningar', label: 'Utbetalningar', module: './views/payouts.js' },
  { vy: 'attest', label: 'Återkrav och attest', module: './views/proposals.js' },
  { vy: 'epost', label: 'E-post', module: './views/mail.js' },
  { vy: 'drift', label: 'Felköer', module: './views/operations.js' },
];
const RECIPIENT = { vy: 'mottagare', module: './views/recipient.js' };

const main = document.getElementById('innehall');
let renderCount = 0;
let expiredShown = false;
let shellNotice = null;
let grantNotice = null; // the chosen grant's allocation rests on illustrative inputs: said on every view

function setTitle(title) {
  document.title = `${title} – Bidrag – Socialstyrelsen`;
}

/** Replaces main's content with a fresh h1 and returns it. */
function heading(text) {
  const h1 = h('h1', { class: 'heading-l', tabindex: '-1' }, text);
  main.replaceChildren(h1);
  if (shellNotice) {
    main.append(shellNotice.cloneNode(true));
  }
  if (grantNotice) {
    main.append(grantNotice.cloneNode(true));
  }
  setTitle(text);
  return h1;
}

function ready(name) {
  document.documentElement.dataset.ready = name;
  performance.mark(`konsol-vy-${name}`);
}

function showEnvironment() {
  const env = config().environment;
  const el = document.getElementById('miljo');
  if (env) {
    el.replaceChildren(h('div', { class: 'wrap' }, h('strong', null, 'Obs! '), env));
    el.hidden = false;
  }
}

function signInPage({ message, error } = {}) {
  heading('Logga in i Bidrag');
  document.getElementById('meny').hidden = true;
  document.getElementById('anvandare').replaceChildren();
  const start = button('Logga in', async () => {
    try {
      await signIn(currentRoute());
    } catch (e) {
      main.append(problemBoxFor(e));
    }
  }, { id: 'logga-in' });
  main.append(...[ // Element.append would write a null as the text "null"
    message ? h('div', { class: 'notice', role: 'status' }, h('p', null, message)) : null,
    error ? problemBoxFor(error) : null,
    h('p', { class: 'lead' }, 'Här arbetar Socialstyrelsens handläggare och attestanter med statsbidraget: tilldelning, rekvisitioner, omfördelning, utbetalningar, återrapporter och återkrav.'),
    h('p', null, 'Du loggar in med Socialstyrelsens inloggningstjänst. Vad du får göra beror på dina roller (handläggare, attestant).'),
    start,
  ].filter(Boolean));
  ready('inloggning');
}

function problemBoxFor(e) {
  return h('div', { class: 'error-box', role: 'alert', tabindex: '-1' }, h('p', { class: 'error-box-title' }, e.message || String(e)));
}

function currentRoute() {
  return `${location.pathname}${location.search}`;
}

function params() {
  return new URLSearchParams(location.search);
}

function renderShell() {
  const u = user();
  const roles = u.roles.map((r) => ROLE_NAMES[r] || r).join(', ') || 'ingen roll';
  document.getElementById('anvandare').replaceChildren(
    h('span', { class: 'header-person' }, h('span', { class: 'sr-only' }, 'Inloggad som '), u.name, h('span', { class: 'header-roles' }, ` (${roles})`)),
    button('Logga ut', () => signOut(), { kind: 'header', id: 'logga-ut' }));
  const nav = document.getElementById('meny');
  nav.replaceChildren(h('div', { class: 'wrap' }, h('ul', { class: 'nav-list' },
    VIEWS.map((v) => h('li', null, h('a', { href: `/konsol/?vy=${v.vy}`, 'data-route': '', 'data-vy': v.vy, class: 'nav-link' }, v.label))))));
  nav.hidden = false;
}

/**
 * Which grant the console shows, when the deployment runs several (GET /grants: the grant years overlap, so
 * in spring the last year's reports come in while the new year takes requisitions). The choice takes effect
 * with the button, not on selecting (WCAG 3.2.2), and opens that grant's overview.
 */
async function grantChoice() {
  const bar = document.getElementById('bidragsval');
  const r = await get('/grants');
  const grants = r.ok && r.data && Array.isArray(r.data.grants) ? r.data.grants : [];
  if (grants.length && !grants.some((x) => x.id === grantId())) {
    chooseGrant((grants.find((x) => x.id === config().grantId) || grants[0]).id);
  }
  if (grants.length < 2) {
    bar.hidden = true;
    return;
  }
  const select = h('select', { id: 'statsbidrag', class: 'select' },
    grants.map((x) => h('option', { value: x.id, selected: x.id === grantId() }, x.title)));
  const show = button('Visa', () => {
    if (select.value !== grantId()) {
      chooseGrant(select.value);
      delete document.documentElement.dataset.ready; // the view is no longer the one shown
      return illustrativeNotice().then(() => navigate('/konsol/?vy=oversikt'));
    }
    return null;
  }, { kind: 'secondary', small: true, id: 'visa-statsbidrag' });
  bar.replaceChildren(h('div', { class: 'wrap grant-choice' },
    h('label', { class: 'label', for: 'statsbidrag' }, 'Statsbidrag'), select, show));
  bar.hidden = false;
}

/** The API's own words when the chosen grant's published allocation uses illustrative inputs (a test stage only). */
async function illustrativeNotice() {
  const r = await get(`/grants/${encodeURIComponent(grantId())}`);
  grantNotice = r.ok && r.data && r.data.illustrative && r.data.notice
    ? warning(h('p', { class: 'illustrative' }, r.data.notice)) : null;
}

function markCurrent(vy) {
  document.querySelectorAll('#meny a[data-vy]').forEach((a) => {
    if (a.dataset.vy === vy) {
      a.setAttribute('aria-current', 'page');
    } else {
      a.removeAttribute('aria-current');
    }
  });
}

async function route({ focus }) {
  renderCount += 1;
  const mine = renderCount;
  delete document.documentElement.dataset.ready;
  const p = params();
  const vy = p.get('vy') || 'oversikt';
  const def = vy === 'mottagare' && p.get('id') ? RECIPIENT : (VIEWS.find((v) => v.vy === vy) || VIEWS[0]);
  markCurrent(def.vy);
  const ctx = {
    params: p,
    user: user(),
    heading,
    navigate,
    ready: (name) => { if (mine === renderCount) { ready(name); } },
    stale: () => mine !== renderCount,
    refresh: () => route({ focus: true }),
  };
  let mod;
  try {
    mod = await import(def.module);
  } catch (e) {
    heading('Sidan kunde inte laddas');
    main.append(problemBox({ network: true }));
    ctx.ready('fel');
    return;
  }
  if (ctx.stale()) {
    return;
  }
  await mod.render(main, ctx);
  if (focus && !ctx.stale()) {
    main.querySelector('h1')?.focus();
  }
}

/** Goes to a console URL (pushes history) and renders it. */
export function navigate(url, { replace = false, focus = true } = {}) {
  if (replace) {
    history.replaceState(null, '', url);
  } else {
    history.pushState(null, '', url);
  }
  window.scrollTo(0, 0);
  return route({ focus });
}

function onLinkClick(e) {
  const a = e.target.closest && e.target.closest('a[data-route]');
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) {
    return;
  }
  e.preventDefault();
  navigate(a.getAttribute('href'));
}

function sessionExpired() {
  if (expiredShown) {
    return;
  }
  expiredShown = true;
  const again = button('Logga in igen', () => signIn(currentRoute()), { id: 'logga-in-igen' });
  const box = h('div', { class: 'error-box session-expired', role: 'alert', tabindex: '-1' },
    h('p', { class: 'error-box-title' }, 'Din inloggning har gått ut.'),
    h('p', null, 'Logga in igen för att fortsätta. Du kommer tillbaka till den här sidan.'),
    again);
  main.prepend(box);
  box.focus();
}

async function start() {
  showEnvironment();
  document.addEventListener('click', onLinkClick);
  window.addEventListener('popstate', () => route({ focus: true }));
  setUnauthorizedHandler(sessionExpired);
  const q = params();
  try {
    const r = await completeSignIn();
    if (r.done) {
      expiredShown = false;
    }
  } catch (e) {
    signInPage({ error: e });
    return;
  }
  if (!user()) {
    if (q.get('utloggad') === '1') {
      history.replaceState(null, '', '/konsol/');
      signInPage({ message: 'Du är utloggad.' });
      return;
    }
    if (wasSignedIn()) {
      // a reload: the tokens were in memory only, so sign in again (quick with the provider's session)
      heading('Loggar in …');
      try {
        await signIn(currentRoute());
      } catch (e) {
        signInPage({ error: e });
      }
      return;
    }
    signInPage();
    return;
  }
  renderShell();
  const u = user();
  if (!u.roles.some((r) => r === 'handlaggare' || r === 'attestant' || r === 'admin')) {
    shellNotice = warning(h('p', null, h('strong', null, 'Du saknar roll i Bidrag. '),
      'Du är inloggad men har varken rollen handläggare eller attestant, så Bidrag visar inga uppgifter. Kontakta den som ger behörigheter på Socialstyrelsen.'));
  } else {
    await grantChoice(); // the API answers a token without a role 401, which would end the session
    await illustrativeNotice();
  }
  invalidate();
  await route({ focus: false });
}

start();
