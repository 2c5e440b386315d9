// Forms in the GOV.UK error pattern: labelled fields, an error summary with links, the message beside
// the field, aria-invalid, focus on the summary; the API's own field errors shown in Swedish.

import { h, button, run, sr, apiDetails, problemBox } from './ui.js';

/**
 * A form with the GOV.UK error pattern. fields: [{name, label, type ('text'|'number'|'email'|'textarea'
 * |'select'|'amount'), hint, options: [[value, text]], required, autocomplete, value}]. submit(values)
 * returns the API result; field errors (errors[].field = a field's name or apiField) are shown at the
 * top, linked, and beside each field; other errors as a box. onDone(result) after success.
 */
export function form({ id, legend, fields, submitLabel, submit, onDone, secondary }) {
  const errorsSlot = h('div');
  const els = {};
  const groups = {};
  const body = fields.map((f) => {
    const fid = `${id}-${f.name}`;
    const hintId = f.hint ? `${fid}-hint` : null;
    let input;
    if (f.type === 'textarea') {
      input = h('textarea', { class: 'textarea', id: fid, name: f.name, rows: 3, 'aria-describedby': hintId }, f.value || '');
    } else if (f.type === 'select') {
      input = h('select', { class: 'select', id: fid, name: f.name, 'aria-describedby': hintId },
        f.options.map(([v, t]) => h('option', { value: v, selected: v === f.value }, t)));
    } else if (f.type === 'amount') {
      input = h('input', { class: 'input input-amount', id: fid, name: f.name, type: 'text', inputmode: 'numeric', spellcheck: 'false', autocomplete: 'off', 'aria-describedby': hintId, value: f.value || '' });
    } else {
      input = h('input', { class: 'input input-wide', id: fid, name: f.name, type: f.type || 'text', autocomplete: f.autocomplete || 'off', spellcheck: 'false', 'aria-describedby': hintId, value: f.value || '' });
    }
    els[f.name] = input;
    const control = f.type === 'amount' ? h('div', { class: 'amount' }, input, h('span', { class: 'suffix', 'aria-hidden': 'true' }, 'kr')) : input;
    const group = h('div', { class: 'field' },
      h('label', { class: 'label', for: fid }, f.label, f.required === false ? ' (frivilligt)' : ''),
      f.hint ? h('p', { class: 'hint', id: hintId }, f.hint) : null,
      control);
    groups[f.name] = { group, hintId, fid, field: f };
    return group;
  });
  const submitButton = button(submitLabel, null, { type: 'submit' });
  const el = h('form', { class: 'action-form', id, novalidate: true },
    errorsSlot,
    legend ? h('fieldset', { class: 'fieldset' }, h('legend', { class: 'legend legend-s' }, legend), body) : body,
    h('div', { class: 'button-group' }, submitButton, secondary || null));

  function clearErrors() {
    errorsSlot.replaceChildren();
    for (const { group, hintId, field } of Object.values(groups)) {
      group.classList.remove('field-error');
      group.querySelector('.error-message')?.remove();
      const input = els[field.name];
      input.removeAttribute('aria-invalid');
      if (hintId) {
        input.setAttribute('aria-describedby', hintId);
      } else {
        input.removeAttribute('aria-describedby');
      }
      input.classList.remove('input-error');
    }
  }

  function showFieldErrors(list, r) {
    const items = [];
    for (const e of list) {
      const g = groups[e.name];
      const msgId = `${g.fid}-fel`;
      if (!g.group.classList.contains('field-error')) {
        g.group.classList.add('field-error');
        const msg = h('p', { class: 'error-message', id: msgId }, sr('Fel: '), e.text);
        g.group.querySelector('.label').after(msg);
        if (g.hintId) {
          g.group.querySelector('.hint').after(msg);
        }
        const input = els[e.name];
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', [g.hintId, msgId].filter(Boolean).join(' '));
        input.classList.add('input-error');
      }
      items.push({ name: e.name, text: e.text });
    }
    const summary = h('div', { class: 'error-summary', tabindex: '-1', 'aria-labelledby': `${id}-fel-rubrik` },
      h('div', { role: 'alert' },
        h('h2', { class: 'error-summary-title', id: `${id}-fel-rubrik` }, 'Det finns ett problem'),
        h('ul', { class: 'error-summary-list' }, items.map((it) => h('li', null,
          h('a', {
            href: `#${groups[it.name].fid}`,
            onclick: (ev) => { ev.preventDefault(); els[it.name].focus(); },
          }, it.text)))),
        r ? apiDetails(r) : null));
    errorsSlot.replaceChildren(summary);
    summary.focus();
  }

  el.addEventListener('submit', (ev) => {
    ev.preventDefault();
    run(submitButton, async () => {
      clearErrors();
      const values = {};
      const local = [];
      for (const f of fields) {
        const raw = els[f.name].value;
        if (f.type === 'amount') {
          const t = raw.replace(/[\s\u00A0\u202F\u2009]+/g, '').replace(/(kr|:-)$/i, '');
          if (t === '' && f.required !== false) {
            local.push({ name: f.name, text: `Ange ${f.label.toLowerCase()} i hela kronor` });
          } else if (t !== '' && !/^\d+$/.test(t)) {
            local.push({ name: f.name, text: `${f.label} ska vara ett belopp i hela kronor, till exempel 125 000` });
          } else {
            values[f.name] = t === '' ? null : Number(t);
          }
        } else {
          const v = raw.trim();
          if (!v && f.required !== false && f.type !== 'select') {
            local.push({ name: f.name, text: `Ange ${f.label.toLowerCase()}` });
          }
          values[f.name] = v || null;
        }
      }
      if (local.length) {
        showFieldErrors(local, null);
        return;
      }
      const r = await submit(values);
      if (r.ok) {
        onDone(r, values);
        return;
      }
      const fieldErrors = [];
      for (const e of r.problem ? r.problem.errors : []) {
        const f = fields.find((x) => x.name === e.field || (x.apiFields || []).includes(e.field));
        if (f) {
          fieldErrors.push({ name: f.name, text: f.errorText ? f.errorText(e) : `${f.label}: ${swedishFieldError(e)}` });
        }
      }
      if (fieldErrors.length) {
        showFieldErrors(fieldErrors, r);
      } else {
        const box = problemBox(r);
        errorsSlot.replaceChildren(box);
        box.focus();
      }
    });
  });
  return { el, els, clearErrors };
}

/** A field error from the API in Swedish where its English is one of the common ones. */
function swedishFieldError(e) {
  const d = String(e.detail || e.message || '');
  if (/required|missing/i.test(d)) {
    return 'uppgiften saknas';
  }
  if (/e-?mail/i.test(d)) {
    return 'är inte en e-postadress';
  }
  if (/at most|exceeds|more than|too (large|much)/i.test(d)) {
    return 'beloppet är för stort';
  }
  if (/at least|must be 1|positive/i.test(d)) {
    return 'beloppet är för litet';
  }
  if (/longer than|characters/i.test(d)) {
    return 'texten är för lång';
  }
  return 'värdet godtogs inte (se svaret från API:t)';
}
