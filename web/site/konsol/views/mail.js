// E-mail: addresses suppressed after a bounce or complaint (lift one after checking it), and what was sent.

import { del } from '../api.js';
import { invalidate, loadAll } from '../data.js';
import {
  button, h, loading, MAIL_PURPOSE, MAIL_STATE, missingBox, problemBox, section, simpleTable, successBox, tid,
} from '../ui.js';

export async function render(main, ctx) {
  ctx.heading('E-post');
  const wait = loading();
  main.append(wait);
  const d = await loadAll(['suppressions', 'emails', 'reports']);
  if (ctx.stale()) {
    return;
  }
  wait.remove();
  const slot = h('div');
  main.append(h('p', { class: 'lead' }, 'Bidrag skickar länkar, påminnelser, besked och fakturor till mottagarnas registratur. En adress som studsar eller klagar spärras, och då går ingen mer e-post dit.'), slot);
  const owner = new Map(d.reports.ok ? d.reports.data.recipients.map((r) => [r.registryEmail, r]) : []);
  if (!d.suppressions.ok) {
    main.append(section('Spärrade adresser', d.suppressions.missing ? missingBox('Spärrade adresser.') : problemBox(d.suppressions)));
  } else {
    const list = d.suppressions.data.suppressions;
    main.append(section(`Spärrade adresser (${list.length})`, list.length ? simpleTable('Spärrade adresser', [
      { label: 'Adress', header: true, value: (s) => h('span', { class: 'break' }, s.address) },
      { label: 'Mottagare', value: (s) => (owner.get(s.address) ? h('a', { href: `/konsol/?vy=mottagare&id=${encodeURIComponent(owner.get(s.address).recipientId)}`, 'data-route': '' }, owner.get(s.address).name) : '–') },
      { label: 'Orsak', value: (s) => (s.reason === 'bounce' ? 'Studsade' : s.reason === 'complaint' ? 'Klagomål' : s.reason) },
      { label: 'Sedan', value: (s) => tid(s.at) },
      {
        label: 'Åtgärd',
        value: (s) => button('Häv spärren', async () => {
          const r = await del(`/email/suppressions/${encodeURIComponent(s.address)}`);
          if (r.ok) {
            invalidate('suppressions', 'reports');
          }
          const box = r.ok ? successBox(h('p', null, `Spärren för ${s.address} är hävd.`)) : problemBox(r, `Spärren för ${s.address} kunde inte hävas.`);
          slot.replaceChildren(box);
          box.focus();
        }, { kind: 'secondary', small: true, describedBy: null }),
      },
    ], list) : h('p', null, 'Ingen adress är spärrad.')));
  }
  if (d.emails.ok) {
    const counts = new Map();
    for (const e of d.emails.data.emails) {
      const k = `${e.tags.purpose || 'annat'}|${e.state}`;
      counts.set(k, (counts.get(k) || 0) + 1);
    }
    const rows = [...counts.entries()].map(([k, n]) => ({ purpose: k.split('|')[0], state: k.split('|')[1], n })).sort((a, b) => (a.purpose < b.purpose ? -1 : 1));
    main.append(section('Skickat', simpleTable('E-post per slag och status', [
      { label: 'Slag', header: true, value: (r) => MAIL_PURPOSE[r.purpose] || r.purpose },
      { label: 'Status', value: (r) => MAIL_STATE[r.state] || r.state },
      { label: 'Antal', num: true, value: (r) => String(r.n) },
    ], rows)));
  } else {
    main.append(section('Skickat', d.emails.missing ? missingBox('E-posten.') : problemBox(d.emails)));
  }
  ctx.ready('epost');
}
