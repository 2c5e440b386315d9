// The export writers on their own (node imports the browser module: it has no DOM in it): CSV quoting,
// the BOM, ";" and CRLF, formula cells neutralised; the .xlsx opens as a ZIP with the parts Excel needs,
// typed cells, and reads back to the same rows.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { neutralise, toCsv, toXlsx } from '../../site/konsol/export.js';
import { parseCsv, readXlsx, unzip } from './files.mjs';

const COLUMNS = [
  { label: 'Namn', type: 'text', value: (r) => r.name },
  { label: 'Belopp', type: 'number', value: (r) => r.amount },
];
const ROWS = [
  { name: 'Örebro', amount: 10745276 },
  { name: '=HYPERLINK("http://x")', amount: 1 },
  { name: 'Semi;kolon "citat"\nrad två', amount: 0 },
  { name: '+46 nummer', amount: 2 },
  { name: '-minus', amount: 3 },
  { name: '@at', amount: 4 },
];

test('CSV: BOM, ";", CRLF, quotes, and formula cells neutralised with an apostrophe', () => {
  const csv = toCsv(COLUMNS, ROWS);
  assert.equal(csv.charCodeAt(0), 0xFEFF);
  assert.ok(csv.includes('\r\n'));
  const rows = parseCsv(csv);
  assert.deepEqual(rows[0], ['Namn', 'Belopp']);
  assert.deepEqual(rows[1], ['Örebro', '10745276']);
  assert.deepEqual(rows[2], ['\'=HYPERLINK("http://x")', '1']);
  assert.deepEqual(rows[3], ['Semi;kolon "citat"\nrad två', '0']);
  assert.equal(rows[4][0], "'+46 nummer");
  assert.equal(rows[5][0], "'-minus");
  assert.equal(rows[6][0], "'@at");
  assert.equal(neutralise('Ale'), 'Ale');
});

test('XLSX: a ZIP with the SpreadsheetML parts; numbers typed; text as inline strings; reads back', async () => {
  const bytes = Buffer.from(await toXlsx(COLUMNS, ROWS, 'Mottagare'));
  assert.equal(bytes.readUInt32LE(0), 0x04034b50, 'a ZIP local file header');
  const files = unzip(bytes);
  assert.deepEqual(Object.keys(files).sort(), ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
  const sheet = files['xl/worksheets/sheet1.xml'].toString('utf8');
  assert.match(sheet, /<c r="B2" s="2"><v>10745276<\/v><\/c>/);
  assert.match(sheet, /<c r="A3" t="inlineStr"><is><t xml:space="preserve">=HYPERLINK\(&quot;http:\/\/x&quot;\)<\/t><\/is><\/c>/, 'text, never a formula');
  assert.match(sheet, /state="frozen"/);
  assert.match(files['xl/workbook.xml'].toString(), /<sheet name="Mottagare"/);
  const rows = readXlsx(bytes);
  assert.deepEqual(rows.slice(1).map((r) => r[0]), ROWS.map((r) => r.name));
  assert.deepEqual(rows.slice(1).map((r) => r[1]), ROWS.map((r) => r.amount));
});
