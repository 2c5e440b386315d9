// Formatting and parsing in Swedish: amounts as "1 234 567 kr" (non-breaking spaces), dates as
// "31 mars 2026". No rule of the grant lives here; the server decides.

export const NBSP = '\u00A0';
const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september',
  'oktober', 'november', 'december'];
const GROUPING = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0, useGrouping: true });

/** A whole number with Swedish digit grouping; every space kind becomes U+00A0. */
export function number(n) {
  return GROUPING.format(n).replace(/[\s\u202F\u2009]/g, NBSP);
}

/** "1 234 567 kr" with non-breaking spaces. */
export function kronor(n) {
  return number(n) + NBSP + 'kr';
}

/**
 * Reads an amount typed in whole kronor. Accepts spaces of any kind as thousands separators, a
 * trailing "kr", ":-" or ",00". Returns {value} or {error: 'empty' | 'negative' | 'format' | 'too-large'}.
 */
export function parseKronor(text) {
  let t = String(text ?? '').replace(/[\s\u00A0\u202F\u2009]+/g, '');
  t = t.replace(/(kr\.?|kronor|:-|,00|\.00)$/i, '');
  if (t === '') {
    return { error: 'empty' };
  }
  if (/^[-\u2212]\d/.test(t)) {
    return { error: 'negative' };
  }
  if (!/^\d+$/.test(t)) {
    return { error: 'format' };
  }
  t = t.replace(/^0+(?=\d)/, '');
  if (t.length > 15) {
    return { error: 'too-large' };
  }
  return { value: Number(t) };
}

/** "2026-03-31" → "31 mars 2026" (a calendar date; no time zone involved). */
export function date(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(iso ?? ''));
  if (!m) {
    return String(iso ?? '');
  }
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

/** An instant as Swedish local time: "20 mars 2026 kl. 10.00" (Europe/Stockholm). */
export function dateTime(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) {
    return String(iso ?? '');
  }
  const parts = {};
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm', year: 'numeric', month: 'numeric', day: 'numeric',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(d).forEach((p) => { parts[p.type] = p.value; });
  return `${Number(parts.day)} ${MONTHS[Number(parts.month) - 1]} ${parts.year} kl.${NBSP}${parts.hour}.${parts.minute}`;
}

/** "2120001843" → "212000-1843"; anything else is shown as it came. */
export function orgnr(s) {
  const digits = String(s ?? '').replace(/\D/g, '');
  return digits.length === 10 ? `${digits.slice(0, 6)}-${digits.slice(6)}` : String(s ?? '');
}

/** The first letter in upper case (area titles are written as list items in the instructions). */
export function capitalise(s) {
  const t = String(s ?? '');
  return t.charAt(0).toLocaleUpperCase('sv-SE') + t.slice(1);
}

/** Characters as the server counts them (Java String.length(): UTF-16 code units). */
export function length(s) {
  return String(s ?? '').length;
}
