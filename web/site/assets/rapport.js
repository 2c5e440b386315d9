// The reporting form (återrapportering): a small single-page app, one question page at a time.
//
// The personal link is <site>/rapport/#<token>. The token is read from the fragment once, kept in
// sessionStorage (this tab only, so a reload works) and removed from the address bar; it goes to the
// API only in the Authorization header. The steps are addressed as /rapport/?steg=<step> through the
// History API (the fragment is the token's place, so it is not used for routing); a step name is no
// secret. The server decides every rule; the page only helps with the arithmetic.
//
// This module starts the app and handles the browser's events; the rest is in rapport/ (state, route,
// errors, parts, and the pages: overview, amounts, questions, review, load).

import { viewAmounts } from './rapport/amounts.js';
import { reload, renderNoLink } from './rapport/load.js';
import { viewOverview, viewReceipt, viewStart } from './rapport/overview.js';
import { viewAccounting, viewReporter } from './rapport/questions.js';
import { viewCheck } from './rapport/review.js';
import { currentStep, definePages, go, replaceStep, show } from './rapport/route.js';
import { state, takeToken } from './rapport/state.js';

definePages({
  start: viewStart,
  overview: viewOverview,
  receipt: viewReceipt,
  belopp: viewAmounts,
  sarredovisning: viewAccounting,
  uppgiftslamnare: viewReporter,
  kontroll: viewCheck,
});

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
