// Reading the console's exports back, independently of the code that wrote them: a CSV parser (RFC
// 4180 with ";"), and an .xlsx reader (ZIP central directory, inflate, the sheet's cells).

import zlib from 'node:zlib';

export function parseCsv(text) {
  assertBom(text);
  const t = text.slice(1);
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < t.length; i += 1) {
    const ch = t[i];
    if (quoted) {
      if (ch === '"' && t[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ';') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && t[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else {
      field += ch;
    }
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function assertBom(text) {
  if (text.charCodeAt(0) !== 0xFEFF) {
    throw new Error('the CSV has no UTF-8 byte order mark');
  }
}

/** The entries of a ZIP archive: {name: Buffer}. */
export function unzip(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) {
    eocd -= 1;
  }
  if (eocd < 0) {
    throw new Error('not a ZIP archive');
  }
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = {};
  for (let i = 0; i < count; i += 1) {
    if (buf.readUInt32LE(p) !== 0x02014b50) {
      throw new Error('bad central directory');
    }
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const csize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.slice(p + 46, p + 46 + nameLen).toString('utf8');
    const lName = buf.readUInt16LE(local + 26);
    const lExtra = buf.readUInt16LE(local + 28);
    const data = buf.slice(local + 30 + lName + lExtra, local + 30 + lName + lExtra + csize);
    const bytes = method === 8 ? zlib.inflateRawSync(data) : data;
    if (zlib.crc32 && zlib.crc32(bytes) !== crc) {
      throw new Error(`CRC mismatch in ${name}`);
    }
    out[name] = bytes;
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

const unxml = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The first sheet of an .xlsx as rows of cell values (numbers as numbers). */
export function readXlsx(buf) {
  const files = unzip(buf);
  for (const part of ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels']) {
    if (!files[part]) {
      throw new Error(`the workbook lacks ${part}`);
    }
  }
  const sheet = files['xl/worksheets/sheet1.xml'].toString('utf8');
  const rows = [];
  for (const m of sheet.matchAll(/<row r="(\d+)"[^>]*>([\s\S]*?)<\/row>/g)) {
    const cells = [];
    for (const c of m[2].matchAll(/<c r="([A-Z]+)\d+"([^>]*)>([\s\S]*?)<\/c>/g)) {
      const col = [...c[1]].reduce((s, ch) => s * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      const inline = /<t[^>]*>([\s\S]*?)<\/t>/.exec(c[3]);
      const v = /<v>(.*?)<\/v>/.exec(c[3]);
      cells[col] = inline ? unxml(inline[1]) : v ? Number(v[1]) : '';
    }
    rows[Number(m[1]) - 1] = Array.from(cells, (x) => (x === undefined ? '' : x));
  }
  return rows;
}

/** "1 234 567 kr" → 1234567; other text as it is. */
export function cellValue(text) {
  const t = String(text).replace(/[\u00A0\u202F\s]/g, ' ').trim();
  const m = /^(-?[\d ]+) kr$/.exec(t);
  return m ? Number(m[1].replace(/ /g, '')) : t;
}
