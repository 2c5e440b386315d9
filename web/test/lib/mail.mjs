// Mail: the personal link out of an e-mail, and the SES emulator's store (GET <ses>/store returns
// {emails: [{messageId, from, destination: {to, cc, bcc}, subject, body: {text, html}, at}]}).

const LINK = /https?:\/\/[^\s<>"'()]+?\/rapport\/#[A-Za-z0-9._~+/=-]+/g;

/**
 * The reporting form's link in a mail's text (plain text or HTML; the first one found), or null.
 * It must carry the token in the fragment: a link with "?token=" is not accepted.
 */
export function extractReportLink(text) {
  const s = String(text ?? '').replace(/&amp;/g, '&').replace(/=\r?\n/g, ''); // HTML entities, quoted-printable soft breaks
  const m = s.match(LINK);
  return m ? m[0] : null;
}

/** Every link to the form in a mail's text, in order. */
export function extractReportLinks(text) {
  return String(text ?? '').replace(/&amp;/g, '&').replace(/=\r?\n/g, '').match(LINK) || [];
}

/** The store's mails. storeUrl: the emulator's base or its /store address. */
export async function readMailbox(storeUrl) {
  const url = /\/store\/?$/.test(storeUrl) ? storeUrl : `${storeUrl.replace(/\/+$/, '')}/store`;
  const res = await fetch(url);
  if (!res.ok) {
    throw new Error(`GET ${url}: ${res.status}`);
  }
  const body = await res.json();
  return Array.isArray(body.emails) ? body.emails : [];
}

/** Waits (up to timeoutMs) for a mail to `to` that arrived after `since` (the count seen before) and matches. */
export async function waitForMail(storeUrl, { to, after = 0, match = () => true, timeoutMs = 15000 } = {}) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const mails = (await readMailbox(storeUrl)).slice(after);
    const hit = mails.find((m) => (!to || (m.destination?.to || []).some((a) => a.toLowerCase() === to.toLowerCase())) && match(m));
    if (hit) {
      return hit;
    }
    if (Date.now() > until) {
      throw new Error(`no mail${to ? ` to ${to}` : ''} arrived within ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A mail's text: the plain part, or the HTML part's text. */
export function mailText(m) {
  return m.body?.text || m.body?.html || '';
}
