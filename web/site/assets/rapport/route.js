// Steps as /rapport/?steg=<step> through the History API (the fragment is the token's), the fallback
// when a step is not open, and render(). The pages are registered by rapport.js (definePages).

import { firstIncompleteStep, SITE_TITLE, state, STEPS } from './state.js';

export const main = document.getElementById('innehall');

/** name → () => {title, nodes}: start, overview, receipt and one per step (belopp, sarredovisning, …). */
const pages = {};

export function definePages(views) {
  Object.assign(pages, views);
}

export function currentStep() {
  return new URLSearchParams(location.search).get('steg') || 'start';
}

export function urlOf(step) {
  return step === 'start' ? location.pathname : `${location.pathname}?steg=${encodeURIComponent(step)}`;
}

export function go(step, focus = 'h1') {
  history.pushState({ steg: step }, '', urlOf(step));
  show(step, focus);
}

export function replaceStep(step) {
  history.replaceState({ steg: step }, '', urlOf(step));
}

function canEdit() {
  const f = state.form;
  if (!f) {
    return false;
  }
  if (f.report) {
    return f.correctable === true && state.mode === 'correction';
  }
  return state.mode !== 'done';
}

/** Shows a step, or the page the situation calls for when the step is not open. */
export function show(step, focus) {
  if (!state.form) {
    return;
  }
  if (STEPS.includes(step)) {
    if (!canEdit()) {
      replaceStep('start');
      return renderOverviewOrStart(focus);
    }
    const first = firstIncompleteStep();
    if (first && STEPS.indexOf(first) < STEPS.indexOf(step)) {
      replaceStep(first);
      step = first;
    }
    return renderStep(step, focus);
  }
  if (step === 'kvittens' && state.receipt) {
    return render(pages.receipt(), focus);
  }
  if (step !== 'start') {
    replaceStep('start');
  }
  return renderOverviewOrStart(focus);
}

function renderOverviewOrStart(focus) {
  return render(state.form.report ? pages.overview() : pages.start(), focus);
}

export function renderStep(step, focus) {
  return render(pages[step](), focus);
}

/** Puts a view into <main>, sets the title and moves focus: 'h1', 'errors', an element id, or nothing. */
export function render(view, focus) {
  main.replaceChildren(...view.nodes.flat(Infinity).filter((n) => n !== null && n !== undefined && n !== false));
  const hasErrors = Boolean(main.querySelector('.error-summary'));
  document.title = `${hasErrors ? 'Fel: ' : ''}${view.title} – ${SITE_TITLE}`;
  let target = null;
  if (focus === 'errors' || (focus === 'h1' && hasErrors)) {
    target = main.querySelector('.error-summary');
  } else if (focus === 'h1') {
    target = main.querySelector('h1');
  } else if (focus) {
    target = document.getElementById(focus);
  }
  if (target) {
    target.focus();
  }
  if (focus !== null && focus !== undefined) {
    window.scrollTo(0, 0);
    if (target && focus !== 'h1' && focus !== 'errors') {
      target.scrollIntoView({ block: 'center' });
    }
  }
}
