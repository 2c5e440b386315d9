// What waits for an attestant besides payouts: recoveries (återkrav), waivers (eftergift) and changed
// payout accounts. The person who proposed cannot decide; the API says so, and the page explains it.

import { post } from '../api.js';
import { grantPath, invalidate, loadAll } from '../data.js';
import {
  actorName, button, h, kr, link, loading, missingBox, problemBox, PROPOSAL_KIND, section, successBox, summaryList, tid,
} from '../ui.js';
import { form } from '../forms.js';

const STATE = { AWAITING_ATTESTATION: 'Väntar på attest', APPROVED: 'Attesterad', REJECTED: 'Avslagen' };

function what(p) {
  if (!p.name && p.summary) {
    return p.summary; // the API's own one-line summary
  }
  if (p.kind === 'recovery') {
    return `Återkrav av ${kr(p.amount)} från ${p.name}`;
  }
  if (p.kind === 'waiver') {
    return `Eftergift av ${kr(p.amount)} på faktura ${p.invoiceNumber} till ${p.name}`;
  }
  if (p.kind === 'payout-account') {
    return `Nytt utbetalningskonto för ${p.name}: bankgiro ${p.bankgiro}${p.previous ? ` (i dag ${p.previous})` : ''}`;
  }
  return p.summary || `${PROPOSAL_KIND[p.kind] || p.kind} ${p.proposalId}`;
}

function block(p, me, staleDays, now) {
  const mine = me && String(p.proposedBy || '').split('/').pop() === me.subject;
  const id = `forslag-${p.proposalId}`;
  const slot = h('div');
  const old = p.state === 'AWAITING_ATTESTATION' && Date.parse(now) - Date.parse(p.proposedAt) > staleDays * 86400000;
  const parts = [
    h('h3', { class: 'heading-s', id }, what(p)),
    old ? h('p', null, h('strong', { class: 'status-tag tag-warn' }, `Har väntat mer än ${staleDays} dagar`)) : null,
    summaryList([
      ['Förslag', `${PROPOSAL_KIND[p.kind] || p.kind} ${p.proposalId}`],
      ['Läge', STATE[p.state] || p.state],
      ['Skäl', p.reason || '–'],
      ['Föreslaget', `${tid(p.proposedAt)} av ${p.proposedByName || actorName(p.proposedBy)}`],
      ...(p.decidedAt ? [['Beslutat', `${tid(p.decidedAt)} av ${p.decidedByName || actorName(p.decidedBy)}`]] : []),
      ...(p.recipientId ? [['Mottagare', link(`/konsol/?vy=mottagare&id=${encodeURIComponent(p.recipientId)}`, p.name)]] : []),
    ]),
    slot,
  ];
  if (p.state === 'AWAITING_ATTESTATION') {
    if (mine) {
      parts.push(h('p', { class: 'hint', id: `${id}-egen` }, 'Du föreslog det här. En annan attestant måste besluta.'));
    }
    const approve = button('Attestera', async () => {
      const r = await post((p.links && p.links.approve) || `${grantPath()}/proposals/${encodeURIComponent(p.proposalId)}/approve`);
      if (!r.ok) {
        const box = r.missing ? missingBox('Attest av förslag (POST …/approve).') : problemBox(r, 'Förslaget attesterades inte.');
        slot.replaceChildren(box);
        box.focus();
        return;
      }
      invalidate('proposals', 'invoices');
      const inv = r.data && r.data.invoices && r.data.invoices[0];
      const box = successBox(h('p', null, 'Attesterat. ', inv ? `${inv.type === 'credit-note' ? 'Kreditfaktura' : 'Faktura'} ${inv.number} på ${kr(inv.amount)} är utfärdad.` : ''));
      slot.replaceChildren(box);
      box.focus();
      approve.remove();
      rejectDetails.remove();
    }, { id: `attestera-${p.proposalId}`, describedBy: mine ? `${id}-egen` : id });
    const rejectBox = h('div');
    const rf = form({
      id: `avsla-${p.proposalId}`,
      fields: [{ name: 'reason', label: 'Skäl till avslaget', type: 'textarea' }],
      submitLabel: 'Avslå förslaget',
      submit: (v) => post((p.links && p.links.reject) || `${grantPath()}/proposals/${encodeURIComponent(p.proposalId)}/reject`, { reason: v.reason }),
      onDone: () => {
        invalidate('proposals');
        const box = successBox(h('p', null, 'Förslaget är avslaget.'));
        rejectBox.replaceChildren(box);
        box.focus();
        approve.remove();
      },
    });
    rejectBox.append(rf.el);
    const rejectDetails = h('details', { class: 'action' }, h('summary', null, 'Avslå'), rejectBox);
    parts.push(h('div', { class: 'button-group' }, approve), rejectDetails);
  }
  return h('div', { class: 'proposal', 'data-proposal': p.proposalId, 'data-state': p.state }, ...parts);
}

export async function render(main, ctx) {
  ctx.heading('Återkrav och attest');
  const wait = loading();
  main.append(wait);
  const d = await loadAll(['proposals', 'grant']);
  if (ctx.stale()) {
    return;
  }
  wait.remove();
  main.append(h('p', { class: 'lead' }, 'Återkrav, eftergifter och nya utbetalningskonton gäller först när en attestant, en annan person än den som föreslog, har godkänt dem. Återkrav föreslår du på mottagarens sida.'),
    h('p', null, link('/konsol/?vy=utbetalningar', 'Utbetalningar som väntar på attest finns under Utbetalningar.')));
  if (!d.proposals.ok) {
    main.append(d.proposals.missing ? missingBox('Förslag som väntar på attest (GET …/proposals).') : problemBox(d.proposals));
    ctx.ready('attest');
    return;
  }
  const now = d.grant.ok && d.grant.data.now ? d.grant.data.now : new Date().toISOString();
  const staleDays = d.proposals.data.staleAfterDays || 7;
  const all = [...d.proposals.data.proposals].sort((a, b) => (a.proposedAt < b.proposedAt ? -1 : 1));
  const waiting = all.filter((p) => p.state === 'AWAITING_ATTESTATION');
  main.append(section(`Väntar på attest (${waiting.length})`, waiting.length ? waiting.map((p) => block(p, ctx.user, staleDays, now)) : h('p', null, 'Inget väntar på attest.')));
  const decided = all.filter((p) => p.state !== 'AWAITING_ATTESTATION').reverse();
  main.append(section('Beslutade', decided.length ? decided.map((p) => block(p, ctx.user, staleDays, now)) : h('p', null, 'Inga beslut än.')));
  ctx.ready('attest');
}
