// A sortable data table (WAI-ARIA sortable table: a button in each column header, aria-sort on the
// sorted column only) with pages of at most 500 rows: 311 recipients fit on one page; 10 000 make 20
// pages, each drawn in a few milliseconds, while sorting, filtering and export always cover every row.

import { h, scrollRegion } from './ui.js';

const collator = new Intl.Collator('sv', { sensitivity: 'base', numeric: true });
export const PAGE_SIZE = 500;

/**
 * columns: [{key, label, num?, header?, sortValue(row), render(row)}]. announce(text): the view's
 * live region. Returns {el, setRows(rows), rows() (sorted, every page), sort}.
 */
export function dataTable({ id, caption, columns, sort, onSort, announce }) {
  let all = [];
  let page = 0;
  let state = { ...sort };
  const captionEl = h('caption', { class: 'table-caption' }, caption);
  const headCells = columns.map((c) => {
    const icon = h('span', { class: 'sort-icon', 'aria-hidden': 'true' });
    const b = h('button', { type: 'button', class: 'sort-button', 'data-key': c.key }, c.label, icon);
    b.addEventListener('click', () => {
      const dir = state.key === c.key && state.dir === 'ascending' ? 'descending' : 'ascending';
      state = { key: c.key, dir };
      page = 0;
      sortRows();
      draw();
      if (onSort) {
        onSort(state);
      }
      announce(`Sorterad efter ${c.label.toLowerCase()}, ${dir === 'ascending' ? 'stigande' : 'fallande'}.`);
    });
    return { th: h('th', { scope: 'col', class: c.num ? 'num' : null }, b), icon, col: c };
  });
  const tbody = h('tbody');
  const table = h('table', { class: 'table data-table', id, tabindex: '-1' }, captionEl,
    h('thead', null, h('tr', null, headCells.map((x) => x.th))), tbody);
  const region = scrollRegion(caption, table);
  const pager = h('nav', { class: 'pagination', 'aria-label': 'Sidor i tabellen' });
  const el = h('div', { class: 'data-table-wrap' }, region, pager);

  function sortRows() {
    const col = columns.find((c) => c.key === state.key) || columns[0];
    const sign = state.dir === 'descending' ? -1 : 1;
    const keyed = all.map((r) => ({ r, k: col.sortValue(r) }));
    keyed.sort((a, b) => {
      let d;
      if (typeof a.k === 'number' && typeof b.k === 'number') {
        d = a.k - b.k;
      } else {
        d = collator.compare(String(a.k ?? ''), String(b.k ?? ''));
      }
      return d !== 0 ? sign * d : collator.compare(a.r.name || '', b.r.name || '') || collator.compare(a.r.id || '', b.r.id || '');
    });
    all = keyed.map((x) => x.r);
  }

  function draw() {
    for (const { th, icon, col } of headCells) {
      if (col.key === state.key) {
        th.setAttribute('aria-sort', state.dir);
        icon.textContent = state.dir === 'ascending' ? '▲' : '▼';
      } else {
        th.removeAttribute('aria-sort');
        icon.textContent = '↕';
      }
    }
    const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
    page = Math.min(page, pages - 1);
    const start = page * PAGE_SIZE;
    const slice = all.slice(start, start + PAGE_SIZE);
    const frag = document.createDocumentFragment();
    for (const r of slice) {
      const tr = document.createElement('tr');
      tr.dataset.id = r.id;
      for (const c of columns) {
        const cell = document.createElement(c.header ? 'th' : 'td');
        if (c.header) {
          cell.scope = 'row';
        }
        if (c.num) {
          cell.className = 'num';
        }
        const v = c.render(r);
        if (v instanceof Node) {
          cell.append(v);
        } else {
          cell.textContent = v;
        }
        tr.append(cell);
      }
      frag.append(tr);
    }
    tbody.replaceChildren(frag);
    drawPager(pages, start, slice.length);
  }

  function drawPager(pages, start, shown) {
    if (pages <= 1) {
      pager.hidden = true;
      pager.replaceChildren();
      return;
    }
    pager.hidden = false;
    const go = (p) => () => {
      page = p;
      draw();
      announce(`Sida ${p + 1} av ${pages}: rad ${p * PAGE_SIZE + 1}–${Math.min((p + 1) * PAGE_SIZE, all.length)} av ${all.length}.`);
      table.focus();
    };
    const nums = [];
    for (let p = 0; p < pages; p += 1) {
      if (p === 0 || p === pages - 1 || Math.abs(p - page) <= 2) {
        nums.push(p);
      } else if (nums[nums.length - 1] !== '…') {
        nums.push('…');
      }
    }
    pager.replaceChildren(
      h('p', { class: 'result-count' }, `Rad ${start + 1}–${start + shown} av ${all.length}`),
      page > 0 ? h('button', { type: 'button', class: 'page-button', onclick: go(page - 1) }, 'Föregående') : null,
      h('ul', { class: 'pagination-list' }, nums.map((p) => (p === '…' ? h('li', { 'aria-hidden': 'true' }, '…')
        : h('li', null, h('button', { type: 'button', class: 'page-button', 'aria-current': p === page ? 'page' : null, 'aria-label': `Sida ${p + 1}`, onclick: go(p) }, String(p + 1)))))),
      page < pages - 1 ? h('button', { type: 'button', class: 'page-button', onclick: go(page + 1) }, 'Nästa') : null);
  }

  return {
    el,
    table,
    setRows(rows) {
      all = rows.slice();
      page = 0;
      sortRows();
      draw();
    },
    rows: () => all,
    get sort() { return state; },
  };
}
