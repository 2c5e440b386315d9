// A recipient's history from the audit trail (GET /grants/{g}/audit?recipient=…): every change, who
// made it and when, oldest first, 25 at a time, with what changed in words.

import { get } from '../api.js';
import { grantPath } from '../data.js';
import { actorName, button, h, kr, missingBox, problemBox, REQUISITION_STATUS, scrollRegion, section, tid } from '../ui.js';

const ACTIONS = {
  'requisition.submitted': 'Rekvisitionen skickades in',
  'requisition.amended': 'Rekvisitionen ändrades',
  'requisition.resubmitted': 'Rekvisitionen skickades in igen',
  'requisition.withdrawn': 'Rekvisitionen togs tillbaka',
  'requisition.paid': 'Rekvisitionen betalades ut',
  'redistribution-share.paid': 'Den omfördelade andelen betalades ut',
  'report.submitted': 'Återrapporten lämnades',
  'report.submitted-late': 'Återrapporten lämnades (sent)',
  'report.corrected': 'Återrapporten rättades',
  'report-link.revoked': 'Länken till återrapporteringen återkallades',
  'report-link.resent': 'En ny länk till återrapporteringen skickades',
  'invoice.issued': 'Faktura utfärdades',
  'credit-note.issued': 'Kreditfaktura utfärdades',
  'ombud.registered': 'Ombud registrerades',
  'ombud.replaced': 'Ombud byttes',
  'delegate.invited': 'Representant bjöds in',
  'delegate.removed': 'Representant togs bort',
  'suppression.lifted': 'Spärren av e-postadressen hävdes',
  'recovery-proposal.proposed': 'Återkrav föreslogs',
  'recovery-proposal.approved': 'Återkrav attesterades',
  'recovery-proposal.rejected': 'Återkrav avslogs',
  'waiver-proposal.proposed': 'Eftergift föreslogs',
  'waiver-proposal.approved': 'Eftergift attesterades',
  'waiver-proposal.rejected': 'Eftergift avslogs',
  'payout-account-proposal.approved': 'Nytt utbetalningskonto attesterades',
  'payout-account-proposal.rejected': 'Nytt utbetalningskonto avslogs',
};

const FIELD_NAMES = {
  amount: 'belopp', status: 'status', areas: 'områden', wantsRemainingFunds: 'vill ha del av omfördelning', total: 'belopp',
  used: 'använt', unspent: 'ej förbrukat', name: 'namn', subject: 'användar-id', email: 'e-post', registryEmail: 'registratur',
  implementers: 'genomförare', state: 'läge', sentTo: 'skickad till', revokedAt: 'återkallad', reason: 'orsak',
};

function fmt(key, v) {
  if (v === null || v === undefined) {
    return '–';
  }
  if (['amount', 'total', 'used', 'unspent'].includes(key) && typeof v === 'number') {
    return kr(v);
  }
  if (key === 'status') {
    return REQUISITION_STATUS[v] || v;
  }
  if (typeof v === 'boolean') {
    return v ? 'ja' : 'nej';
  }
  if (Array.isArray(v)) {
    return v.join(', ');
  }
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** What changed between before and after, in words ("belopp: 1 000 kr → 2 000 kr"). */
function changes(e) {
  const b = e.before && typeof e.before === 'object' ? e.before : {};
  const a = e.after && typeof e.after === 'object' ? e.after : {};
  const keys = Object.keys(FIELD_NAMES).filter((k) => k in a || k in b);
  const out = [];
  for (const k of keys) {
    const bv = JSON.stringify(b[k]);
    const av = JSON.stringify(a[k]);
    if (bv !== av) {
      out.push(e.before ? `${FIELD_NAMES[k]}: ${fmt(k, b[k])} → ${fmt(k, a[k])}` : `${FIELD_NAMES[k]}: ${fmt(k, a[k])}`);
    }
  }
  return out.length ? out.join('; ') : '–';
}

export async function auditSection(id) {
  const list = h('tbody');
  const more = h('div');
  const sec = section('Historik', h('p', { class: 'hint' }, 'Ur Bidrags granskningslogg: varje ändring, vem som gjorde den och när.'));
  const table = h('table', { class: 'table', id: 'historik' }, h('caption', { class: 'sr-only' }, 'Historik'),
    h('thead', null, h('tr', null, ['Tid', 'Vem', 'Händelse', 'Ändring'].map((t) => h('th', { scope: 'col' }, t)))), list);
  async function page(cursor) {
    const q = new URLSearchParams({ recipient: id });
    if (cursor) {
      q.set('cursor', cursor);
    }
    const r = await get(`${grantPath()}/audit?${q}`);
    if (!r.ok) {
      return r;
    }
    for (const e of r.data.entries) {
      list.append(h('tr', null, h('td', { class: 'nowrap' }, tid(e.at)), h('td', null, actorName(e.actor)),
        h('td', null, ACTIONS[e.action] || e.action), h('td', null, changes(e))));
    }
    more.replaceChildren(...(r.data.next ? [button('Visa fler händelser', async () => {
      const before = list.children.length;
      await page(r.data.next);
      list.children[before]?.querySelector('td')?.setAttribute('tabindex', '-1');
      list.children[before]?.querySelector('td')?.focus();
    }, { kind: 'secondary', small: true })] : []));
    return r;
  }
  const r = await page(null);
  if (!r.ok) {
    sec.append(r.missing ? missingBox('Historiken kommer från granskningsloggen (GET /grants/{id}/audit).') : problemBox(r, 'Historiken kunde inte hämtas.'));
    return sec;
  }
  sec.append(scrollRegion('Historik', table), more);
  return sec;
}

