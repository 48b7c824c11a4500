import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/cohort/csv.ts';

const values = (text: string) => parseCsv(text).records.map((r) => r.fields.map((f) => f.value));

describe('parseCsv', () => {
  it('reads plain records with LF, CRLF and no final newline', () => {
    expect(values('a,b\n1,2\r\n3,4')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('handles RFC 4180 quoting: commas, doubled quotes and line breaks inside quotes', () => {
    const text = 'id,name\ns1,"Park, Minji"\ns2,"The ""Boss"""\ns3,"two\nlines"\ns4,""\n';
    expect(values(text)).toEqual([
      ['id', 'name'],
      ['s1', 'Park, Minji'],
      ['s2', 'The "Boss"'],
      ['s3', 'two\nlines'],
      ['s4', ''],
    ]);
  });

  it('keeps the line and column of every field, also after a quoted line break', () => {
    const { records } = parseCsv('id,name\n"s\n1",x\ns2,  y\n');
    expect(records[1]?.fields.map((f) => [f.line, f.column])).toEqual([
      [2, 1],
      [3, 4],
    ]);
    expect(records[2]?.line).toBe(4);
    expect(records[2]?.fields[1]).toMatchObject({ line: 4, column: 4, value: '  y' });
  });

  it('skips blank lines but keeps empty fields', () => {
    expect(values('a,b\n\n1,\n\n')).toEqual([
      ['a', 'b'],
      ['1', ''],
    ]);
  });

  it('reports an unclosed quote at the opening quote', () => {
    const { errors } = parseCsv('id,name\ns1,"Park\ns2,Lee\n');
    expect(errors).toEqual([{ at: { line: 2, column: 4 }, message: expect.stringContaining('never closed') }]);
  });

  it('reports a quote inside an unquoted field and text after a closing quote', () => {
    expect(parseCsv('a,b\ns1,Pa"rk\n').errors[0]).toMatchObject({ at: { line: 2, column: 6 } });
    expect(parseCsv('a,b\ns1,"Park"x\n').errors[0]).toMatchObject({ at: { line: 2, column: 10 } });
  });
});
