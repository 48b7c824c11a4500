/**
 * A small RFC 4180 CSV reader that keeps the line and column of every field, so roster problems point at the
 * spreadsheet cell. Quoted fields may hold commas, doubled quotes and line breaks; CRLF and LF both end a record.
 */
import type { Position } from './problem.ts';

export interface CsvField extends Position {
  readonly value: string;
}

export interface CsvRecord {
  readonly line: number;
  readonly fields: CsvField[];
}

export interface CsvResult {
  readonly records: CsvRecord[];
  readonly errors: { at: Position; message: string }[];
}

export function parseCsv(text: string): CsvResult {
  const records: CsvRecord[] = [];
  const errors: CsvResult['errors'] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const here = (): Position => ({ line, column: i - lineStart + 1 });
  const newline = (width: number) => {
    i += width;
    line += 1;
    lineStart = i;
  };
  const lineBreakWidth = (): number => (text[i] === '\n' ? 1 : text[i] === '\r' ? (text[i + 1] === '\n' ? 2 : 1) : 0);

  while (i < text.length) {
    const record: CsvRecord = { line, fields: [] };
    let quoted = false;
    for (;;) {
      const start = here();
      let value = '';
      quoted = text[i] === '"';
      if (quoted) {
        i += 1;
        let closed = false;
        while (i < text.length) {
          if (text[i] === '"') {
            if (text[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i += 1;
            closed = true;
            break;
          }
          const width = lineBreakWidth();
          if (width > 0) {
            value += text.slice(i, i + width);
            newline(width);
          } else {
            value += text[i];
            i += 1;
          }
        }
        if (!closed) {
          errors.push({ at: start, message: 'quoted field is never closed; add the closing double quote' });
          record.fields.push({ ...start, value });
          records.push(record);
          return { records, errors };
        }
        if (i < text.length && text[i] !== ',' && lineBreakWidth() === 0) {
          errors.push({ at: here(), message: 'unexpected text after a closing quote; quote the whole field' });
          while (i < text.length && text[i] !== ',' && lineBreakWidth() === 0) i += 1;
        }
      } else {
        const from = i;
        while (i < text.length && text[i] !== ',' && lineBreakWidth() === 0) i += 1;
        value = text.slice(from, i);
        const quote = value.indexOf('"');
        if (quote >= 0) {
          errors.push({
            at: { line: start.line, column: start.column + quote },
            message: 'double quote inside an unquoted field; wrap the field in double quotes and double the quote ("")',
          });
        }
      }
      record.fields.push({ ...start, value });
      if (text[i] === ',') {
        i += 1;
        continue;
      }
      break;
    }
    const width = lineBreakWidth();
    if (width > 0) newline(width);
    // A blank line reads as one unquoted empty field: skip it rather than report a short row.
    const blank = record.fields.length === 1 && record.fields[0]?.value === '' && !quoted;
    if (!blank) records.push(record);
  }
  return { records, errors };
}
