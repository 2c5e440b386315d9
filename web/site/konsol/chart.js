// The pots as bars: one SVG per pot (no text inside, so it stays legible at any width), each with a
// text alternative giving its shares in words; the exact numbers are in the table beside it.

import { h, POT_NAMES } from './ui.js';

const NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs) {
  const el = document.createElementNS(NS, tag);
  Object.entries(attrs).forEach(([k, v]) => el.setAttribute(k, String(v)));
  return el;
}

/** "90,6 %" (one decimal, Swedish). */
export function percent(part, whole) {
  if (!whole) {
    return '0\u00A0%';
  }
  const v = (part * 100) / whole;
  return `${v.toLocaleString('sv-SE', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}\u00A0%`;
}

/**
 * pots: [{potId, allocated, requisitioned, redistributed, unallocated (null before the redistribution),
 * paid}]. tableId: the table with the numbers.
 */
export function potChart(pots, tableId) {
  const rows = pots.map((p) => {
    const W = 1000;
    const scale = (x) => (p.allocated ? (x * W) / p.allocated : 0);
    const bar = svg('svg', { viewBox: `0 0 ${W} 40`, preserveAspectRatio: 'none', role: 'img', focusable: 'false' });
    const rest = p.unallocated === null ? p.allocated - p.requisitioned - p.redistributed : p.unallocated;
    let x = 0;
    const seg = (value, cls) => {
      const w = scale(value);
      if (w > 0) {
        bar.append(svg('rect', { x, y: 0, width: Math.max(w - 2, 1), height: 24, class: cls }));
      }
      x += w;
    };
    bar.append(svg('rect', { x: 0, y: 0, width: W, height: 24, class: 'seg-track' }));
    seg(p.requisitioned, 'seg-requisitioned');
    seg(p.redistributed, 'seg-redistributed');
    seg(Math.max(rest, 0), 'seg-unallocated');
    bar.append(svg('rect', { x: 0, y: 30, width: W, height: 10, class: 'seg-track' }));
    if (p.paid > 0) {
      bar.append(svg('rect', { x: 0, y: 30, width: Math.max(scale(p.paid), 1), height: 10, class: 'seg-paid' }));
    }
    const name = POT_NAMES[p.potId] || p.potId;
    const words = `${name}: rekvirerat ${percent(p.requisitioned, p.allocated)}, omfördelat ${percent(p.redistributed, p.allocated)}, `
      + `${p.unallocated === null ? 'ännu inte fördelat' : 'ej fördelat'} ${percent(Math.max(rest, 0), p.allocated)}; utbetalt ${percent(p.paid, p.allocated)} av tilldelningen.`;
    bar.setAttribute('aria-label', words);
    return h('div', { class: 'chart-row' },
      h('p', { class: 'chart-name', 'aria-hidden': 'true' }, name, h('span', { class: 'muted' }, ` – utbetalt ${percent(p.paid, p.allocated)}`)),
      bar);
  });
  return h('figure', { class: 'chart', 'aria-describedby': tableId },
    h('figcaption', { class: 'heading-s' }, 'Hur varje pott är fördelad och utbetald (andel av potten)'),
    rows,
    h('ul', { class: 'chart-legend', 'aria-hidden': 'true' },
      h('li', null, h('span', { class: 'swatch swatch-requisitioned' }), 'Rekvirerat'),
      h('li', null, h('span', { class: 'swatch swatch-redistributed' }), 'Omfördelat'),
      h('li', null, h('span', { class: 'swatch swatch-unallocated' }), 'Ej fördelat'),
      h('li', null, h('span', { class: 'swatch swatch-paid' }), 'Utbetalt (smal stapel)')),
    h('p', { class: 'hint' }, 'Beloppen i kronor står i tabellen nedan.'));
}
