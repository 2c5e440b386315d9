// The page's formatting and parsing (site/assets/format.js), in node: amounts as "1 234 567 kr" with
// U+00A0, amounts typed with any kind of space, Swedish dates.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { capitalise, date, dateTime, kronor, number, orgnr, parseKronor } from '../site/assets/format.js';

const NBSP = '\u00A0';

test('amounts: grouped with U+00A0 only, "kr" after a U+00A0', () => {
  assert.equal(kronor(1234567), `1${NBSP}234${NBSP}567${NBSP}kr`);
  assert.equal(kronor(0), `0${NBSP}kr`);
  assert.equal(kronor(999), `999${NBSP}kr`);
  assert.equal(kronor(1000), `1${NBSP}000${NBSP}kr`);
  assert.equal(number(3674000000), `3${NBSP}674${NBSP}000${NBSP}000`);
  assert.doesNotMatch(kronor(12345678), /[\u202F\u2009 ]/, 'no narrow or plain spaces');
});

test('typed amounts: spaces of any kind, "kr", ":-" and ",00" are fine', () => {
  for (const s of ['1234567', '1 234 567', `1${NBSP}234${NBSP}567`, '1\u202F234\u202F567', ' 1 234 567 kr ', '1 234 567:-', '1234567,00', '1 234 567 KR']) {
    assert.deepEqual(parseKronor(s), { value: 1234567 }, JSON.stringify(s));
  }
  assert.deepEqual(parseKronor('0'), { value: 0 });
  assert.deepEqual(parseKronor('007'), { value: 7 });
});

test('typed amounts that are not whole kronor are refused with a reason', () => {
  assert.deepEqual(parseKronor(''), { error: 'empty' });
  assert.deepEqual(parseKronor('   '), { error: 'empty' });
  assert.deepEqual(parseKronor('-5'), { error: 'negative' });
  assert.deepEqual(parseKronor('\u22125'), { error: 'negative' });
  assert.deepEqual(parseKronor('12,5'), { error: 'format' });
  assert.deepEqual(parseKronor('12.500'), { error: 'format' });
  assert.deepEqual(parseKronor('tolv'), { error: 'format' });
  assert.deepEqual(parseKronor('1e6'), { error: 'format' });
  assert.deepEqual(parseKronor('1234567890123456'), { error: 'too-large' });
});

test('dates in Swedish', () => {
  assert.equal(date('2026-03-31'), '31 mars 2026');
  assert.equal(date('2025-04-17'), '17 april 2025');
  assert.equal(date('2026-01-01'), '1 januari 2026');
  assert.equal(dateTime('2026-03-20T09:00:00Z'), `20 mars 2026 kl.${NBSP}10.00`, 'CET');
  assert.equal(dateTime('2026-06-01T22:30:00Z'), `2 juni 2026 kl.${NBSP}00.30`, 'CEST, next day');
});

test('organisation numbers and titles', () => {
  assert.equal(orgnr('2120001843'), '212000-1843');
  assert.equal(orgnr('212000-1843'), '212000-1843');
  assert.equal(capitalise('tillgänglighet i primärvården'), 'Tillgänglighet i primärvården');
  assert.equal(capitalise('övrigt'), 'Övrigt');
});
