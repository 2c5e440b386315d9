// Step 4: check your answers, and sending the report (and every answer the server can give).

import { api } from '../api.js';
import { h } from '../dom.js';
import { date, dateTime, kronor } from '../format.js';
import { errorList, mapField, serverMessage, stepOfKey, submitStep } from './errors.js';
import { reload, renderLinkProblem, renderMissing } from './load.js';
import { backLink, button, h1, reportRows, stepCaption } from './parts.js';
import { go, renderStep, urlOf } from './route.js';
import { draftReport, emptyDraft, firstIncompleteStep, received, save, state, STEPS } from './state.js';

export function viewCheck() {
  const f = state.form;
  const r = draftReport();
  const general = state.errors.allmant;
  const status = h('p', { class: 'status', role: 'status', id: 'skickar' }, state.submitting ? 'Skickar återrapporten …' : '');
  const nodes = [
    backLink('kontroll'),
    errorList('kontroll'),
    stepCaption('kontroll'),
    h1('Kontrollera dina svar'),
    ...reportRows({ ...r, reporter: r.reporter }, true),
  ];
  if (r.unspent < 0) {
    nodes.push(h('div', { class: 'warning' }, h('p', null, h('strong', null, 'Kontrollera beloppen: '),
      `summan av använda medel är ${kronor(-r.unspent)} större än det mottagna beloppet, ${kronor(received())}.`)));
  }
  nodes.push(h('h2', { class: 'heading-m' }, 'Skicka återrapporten'));
  if (f.report && state.mode === 'correction') {
    nodes.push(h('p', null, `Rättelsen ersätter den återrapport som lämnades ${dateTime(f.report.submittedAt)}.`));
  }
  if (f.late && !f.report) {
    nodes.push(h('p', null, `Sista dagen var ${date(f.grant.deadline)}. Återrapporten tas emot men markeras som sen.`));
  }
  nodes.push(
    h('p', null, `Vi skickar en kvittens till ${r.reporter.email} och till er registratur.`),
    h('form', { novalidate: true, onsubmit: (ev) => { ev.preventDefault(); submitReport(); } },
      button(general ? 'Försök skicka igen' : 'Skicka återrapporten', { 'aria-disabled': state.submitting ? 'true' : null, id: 'skicka' }),
      status));
  return { title: 'Kontrollera dina svar', nodes };
}

async function submitReport() {
  if (state.submitting) {
    return;
  }
  const first = firstIncompleteStep();
  if (first) {
    return submitStep(first);
  }
  state.submitting = true;
  const btn = document.getElementById('skicka');
  const status = document.getElementById('skickar');
  btn?.setAttribute('aria-disabled', 'true');
  if (status) {
    status.textContent = 'Skickar återrapporten …';
  }
  const { used, ...body } = draftReport();
  const res = await api.submit(state.token, body);
  state.submitting = false;
  delete state.errors.allmant;
  if (res.status === 200 || res.status === 201) {
    const report = res.data || {};
    state.receipt = report;
    state.form.report = report;
    state.form.correctable = state.form.late !== true;
    state.mode = 'done';
    state.errors = {};
    state.pending = [];
    state.editing = false;
    state.draft = emptyDraft();
    save();
    return go('kvittens');
  }
  if (res.network) {
    state.errors.allmant = 'Det gick inte att skicka återrapporten. Kontrollera internetanslutningen och försök igen. Dina svar finns kvar.';
    return renderStep('kontroll', 'errors');
  }
  const p = res.problem;
  if (res.status === 401) {
    return renderLinkProblem(p.reason);
  }
  if (res.status === 404) {
    return renderMissing();
  }
  if (res.status === 409) {
    state.notice = p.code === 'report-closed'
      ? `Rättelsen kunde inte tas emot eftersom sista dagen för rättelser var ${date(state.form.grant.deadline)}. Här är den återrapport som gäller.`
      : 'Återrapporten har ändrats under tiden, till exempel från en annan flik. Här är den som gäller nu. Rätta den igen om något inte stämmer.';
    state.mode = 'done';
    save();
    return reload('start');
  }
  if ((res.status === 400 || res.status === 422) && p.errors.length) {
    state.errors = {};
    for (const e of p.errors) {
      const key = mapField(e.field);
      state.errors[key] = serverMessage(key);
    }
    state.pending = STEPS.filter((s) => Object.keys(state.errors).some((k) => stepOfKey(k) === s));
    const step = state.pending[0];
    if (step !== 'kontroll') {
      state.editing = true;
    }
    state.pending = state.pending.filter((s) => s !== 'kontroll');
    history.pushState({ steg: step }, '', urlOf(step));
    return renderStep(step, 'errors');
  }
  state.errors.allmant = res.status >= 500
    ? 'Något gick fel hos Socialstyrelsen, och återrapporten har inte kommit in. Dina svar finns kvar. Försök igen om en stund.'
    : 'Återrapporten kunde inte tas emot. Dina svar finns kvar. Försök igen om en stund.';
  return renderStep('kontroll', 'errors');
}
