// A few DOM helpers. Text always goes in as text (never as HTML), and nothing sets a style attribute
// (the Content-Security-Policy allows no inline styles).

/** h('p', {class: 'x'}, 'text', child, [more]) — attributes: true = present, false/null = absent; on* = listener. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === false || v === null || v === undefined) {
      continue;
    }
    if (k.startsWith('on') && typeof v === 'function') {
      el.addEventListener(k.slice(2), v);
    } else if (k === 'value' && 'value' in el) {
      el.value = v;
    } else if (k === 'checked') {
      el.checked = Boolean(v);
    } else {
      el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) {
      continue;
    }
    if (Array.isArray(c)) {
      append(el, c);
    } else {
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
  }
}

/** Visually hidden text for screen readers. */
export const sr = (text) => h('span', { class: 'sr-only' }, text);

/** A GOV.UK-style summary list: rows of [key, value, action?]. */
export function summaryList(rows) {
  const anyAction = rows.some((r) => r[2]);
  return h('dl', { class: 'summary' }, rows.map(([key, value, action]) => h('div', { class: `summary-row${anyAction && !action ? ' summary-row-no-action' : ''}` },
    h('dt', { class: 'summary-key' }, key),
    h('dd', { class: 'summary-value' }, value),
    action ? h('dd', { class: 'summary-action' }, action) : null)));
}

/**
 * The error summary: a heading, then one link per error to the field it concerns. errors: [{href, text}];
 * an error without href is shown as text.
 */
export function errorSummary(errors) {
  return h('div', { class: 'error-summary', tabindex: '-1', 'aria-labelledby': 'fel-rubrik', id: 'fel' },
    h('div', { role: 'alert' },
      h('h2', { class: 'error-summary-title', id: 'fel-rubrik' }, 'Det finns ett problem'),
      h('ul', { class: 'error-summary-list' }, errors.map((e) => h('li', null,
        e.href ? h('a', { href: e.href }, e.text) : e.text)))));
}

/** The message beside a field (its id is referred to by aria-describedby). */
export function errorMessage(id, text) {
  return h('p', { class: 'error-message', id }, sr('Fel: '), text);
}

/** ids joined for aria-describedby, skipping empty ones. */
export function ids(...list) {
  const s = list.filter(Boolean).join(' ');
  return s || null;
}

/** Calls fn once typing has paused for ms milliseconds; flush() calls it now. */
export function debounce(fn, ms) {
  let t = null;
  const d = (...args) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), ms);
  };
  d.flush = () => {
    clearTimeout(t);
    fn();
  };
  return d;
}
