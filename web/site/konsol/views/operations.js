// Dead-letter queues: messages Bidrag could not handle after its retries. Redrive sends them back to
// their queue once the cause is fixed (the handlers are idempotent, so nothing happens twice).

import { post } from '../api.js';
import { invalidate, load } from '../data.js';
import { button, h, loading, missingBox, problemBox, section, simpleTable, successBox, tid } from '../ui.js';

export async function render(main, ctx) {
  ctx.heading('Felköer');
  const wait = loading();
  main.append(wait);
  const d = await load('deadLetters');
  if (ctx.stale()) {
    return;
  }
  wait.remove();
  const slot = h('div');
  main.append(h('p', { class: 'lead' }, 'Meddelanden som Bidrag inte kunde hantera efter flera försök hamnar i en felkö (dead-letter queue) och larmar. När orsaken är åtgärdad skickar du tillbaka dem. Bidrag gör inget två gånger, så det är ofarligt att skicka tillbaka.'), slot);
  if (!d.ok) {
    main.append(d.missing ? missingBox('Felköerna (GET /operations/dead-letters). Lokalt går de att tömma med ./bidrag; på AWS i AWS-konsolen.') : problemBox(d));
    ctx.ready('drift');
    return;
  }
  main.append(section('Köer', simpleTable('Felköer', [
    { label: 'Kö', header: true, value: (q) => h('span', null, q.source || q.name, h('br'), h('span', { class: 'muted' }, q.name)) },
    { label: 'Meddelanden', num: true, value: (q) => String(q.depth) },
    { label: 'Äldsta', value: (q) => (q.oldestAt ? tid(q.oldestAt) : '–') },
    {
      label: 'Åtgärd',
      value: (q) => (q.depth > 0 && q.redrivable === false ? 'Körs om enligt driftguiden' : q.depth > 0 ? button(`Skicka tillbaka ${q.depth}`, async () => {
        const r = await post(`/operations/dead-letters/${encodeURIComponent(q.name)}/redrive`);
        if (!r.ok) {
          const box = r.missing ? missingBox('Att skicka tillbaka meddelanden (POST /operations/dead-letters/{namn}/redrive).') : problemBox(r, 'Meddelandena skickades inte tillbaka.');
          slot.replaceChildren(box);
          box.focus();
          return;
        }
        invalidate('deadLetters');
        await ctx.refresh();
        const box = successBox(h('p', null, `${r.data.moved} meddelanden från ${q.name} skickas tillbaka till sin kö.`));
        document.querySelector('main h1').after(box);
        box.focus();
      }, { kind: 'secondary', small: true }) : 'Tom'),
    },
  ], d.data.queues)));
  ctx.ready('drift');
}
