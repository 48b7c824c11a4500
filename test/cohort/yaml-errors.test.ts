import { describe, expect, it } from 'vitest';
import { MAX_FLOW_DEPTH } from '../../src/cohort/yaml-file.ts';
import { at, cohortYaml, expectProblem, listProblems, validateCohort } from './temp-repo.ts';

const FILE = 'workshops/test-cohort.yaml';

describe('YAML-level problems are errors with positions', () => {
  it('reports a duplicate key at the repeat, naming the first line', async () => {
    const text = cohortYaml().replace('owner: jkim\n', 'owner: jkim\ntitle: Again\n');
    const { problems, cohorts } = await validateCohort(text);
    expectProblem(problems, FILE, at(text, 'title: Again', 'title'), 'duplicate key "title" (first on line 3)');
    expect(cohorts).toEqual([]);
  });

  it('reports duplicate keys in nested mappings and flow mappings', async () => {
    const text = cohortYaml()
      .replace('  timezone: Asia/Seoul\n', '  timezone: Asia/Seoul\n  end: 2026-12-10\n')
      .replace('regions:\n  primary: ap-northeast-2\n', 'regions: { primary: ap-northeast-2, primary: us-east-1 }\n');
    const { problems } = await validateCohort(text);
    expectProblem(problems, FILE, at(text, 'end: 2026-12-10', 'end'), 'duplicate key "end"');
    expectProblem(problems, FILE, at(text, 'primary: us-east-1', 'primary'), 'duplicate key "primary"');
  });

  it('reports a syntax error at its line and does not guess further', async () => {
    const text = cohortYaml().replace('title: Test cohort', 'title: Data: Engineering');
    const { problems } = await validateCohort(text);
    expectProblem(
      problems,
      FILE,
      at(text, 'Data: Engineering', 'Data'),
      /invalid YAML: .*put quotes around a value that contains ": "/,
    );
    expect(problems.every((p) => p.message.startsWith('invalid YAML'))).toBe(true);
  });

  it('reports an unclosed flow sequence', async () => {
    const text = cohortYaml().replace('  limitUsd: 100\n', '  limitUsd: 100\n  alertPercents: [50, 80\n');
    const { problems } = await validateCohort(text);
    expect(problems.length).toBeGreaterThan(0);
    expect(
      problems.every((p) => p.file === FILE && p.severity === 'error' && p.message.startsWith('invalid YAML')),
    ).toBe(true);
    expect(problems[0]?.line).toBeGreaterThanOrEqual(at(text, 'alertPercents').line);
  });

  it.each([
    ['"', 'title: "Intro'],
    ["'", "title: 'Intro"],
  ])('reports an unclosed %s quote where it opens, not past the last line', async (quote, line) => {
    const text = cohortYaml().replace('title: Test cohort', line);
    const { problems } = await validateCohort(text);
    const open = at(text, line, quote);
    expect(listProblems(problems)).toEqual([
      `${FILE}:${open.line}:${open.column} error invalid YAML: the ${quote} opened here is never closed; add the closing ${quote} at the end of the value`,
    ]);
  });

  it('reports an unclosed quote in a list item and as the last value of the file', async () => {
    const listed = cohortYaml().replace('  - name: Jiwoo Kim', '  - name: "Jiwoo Kim');
    const listedProblems = (await validateCohort(listed)).problems;
    expectProblem(listedProblems, FILE, at(listed, '"Jiwoo', '"'), 'the " opened here is never closed');
    const last = `${cohortYaml()}tags: { team: "data }`;
    expectProblem((await validateCohort(last)).problems, FILE, at(last, '"data', '"'), 'the " opened here');
  });

  it('reports tabs used for indentation', async () => {
    const text = cohortYaml().replace('  start: 2026-12-07', '\tstart: 2026-12-07');
    const { problems } = await validateCohort(text);
    expectProblem(problems, FILE, at(text, '\tstart', '\t'), 'indent with spaces, not tabs');
  });

  it('reports a second document at its separator', async () => {
    const text = `${cohortYaml()}---\nid: another\n`;
    const { problems, cohorts } = await validateCohort(text);
    expectProblem(problems, FILE, at(text, '---'), 'holds exactly one YAML document');
    expect(listProblems(problems)).toHaveLength(1);
    expect(cohorts).toEqual([]);
  });

  it.each([
    ['a list', '- id: test-cohort\n- title: x\n', 'not a list'],
    ['a single value', '# just a string\nhello\n', 'not the single value "hello"'],
  ])('rejects a top level that is %s', async (_, text, fragment) => {
    const { problems } = await validateCohort(text);
    const first = text.startsWith('#') ? { line: 2, column: 1 } : { line: 1, column: 1 };
    expectProblem(problems, FILE, first, `must be a mapping of keys such as "id: ...", ${fragment}`);
  });

  it.each([
    ['empty', ''],
    ['only comments', '# nothing here yet\n\n'],
    ['only a document marker', '---\n'],
  ])('rejects a file that is %s at 1:1', async (_, text) => {
    const { problems } = await validateCohort(text);
    expectProblem(problems, FILE, { line: 1, column: 1 }, 'the file is empty');
    expect(listProblems(problems)).toHaveLength(1);
  });

  it('reports invalid UTF-8 at the first bad byte', async () => {
    const text = cohortYaml().replace('title: Test cohort', 'title: Caf\u0000 time');
    const bytes = new TextEncoder().encode(text);
    bytes[bytes.indexOf(0)] = 0xff;
    const { problems } = await validateCohort(bytes);
    expectProblem(problems, FILE, at(text, 'Caf\u0000', '\u0000'), 'invalid UTF-8 (byte 0xFF)');
  });

  it('counts the column in characters after multi-byte text', async () => {
    const text = cohortYaml().replace('title: Test cohort', 'title: 데이터 \u0000');
    const bytes = new TextEncoder().encode(text);
    bytes[bytes.indexOf(0)] = 0xc3; // a lead byte followed by a space: truncated sequence
    const { problems } = await validateCohort(bytes);
    expectProblem(problems, FILE, at(text, '\u0000'), 'invalid UTF-8 (byte 0xC3)');
  });

  it('accepts a byte-order mark and CRLF line endings, with positions still right', async () => {
    const text = cohortYaml().replace('limitUsd: 100', 'limitUsd: 0');
    const crlf = `\uFEFF${text.replaceAll('\n', '\r\n')}`;
    const { problems } = await validateCohort(crlf);
    expectProblem(problems, FILE, at(text, 'limitUsd: 0', '0'), 'must be greater than 0');
    expect(listProblems(problems)).toHaveLength(1);
  });

  it('stops an alias bomb with an error at the first alias', async () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [i, name] of ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].entries()) {
      const previous = String.fromCharCode('a'.charCodeAt(0) + i);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    }
    const text = `${cohortYaml()}${lines.join('\n')}\n`;
    const { problems } = await validateCohort(text);
    expectProblem(problems, FILE, at(text, 'b: &b [*a', '*a'), 'aliases expand to too many values');
    expect(listProblems(problems)).toHaveLength(1);
  });

  it('accepts a few aliases and reports an unknown one at the alias', async () => {
    const good = `${cohortYaml().replace('email: jiwoo@example.com', 'email: &contact jiwoo@example.com')}notifications:\n  emails: [*contact]\n`;
    const ok = await validateCohort(good);
    expect(listProblems(ok.problems)).toEqual([]);
    expect(ok.cohorts[0]?.cohort.notifications.emails).toEqual(['jiwoo@example.com']);

    const bad = good.replace('[*contact]', '[*contacts]');
    // An alias before its anchor is unknown too (YAML reads top to bottom).
    const early = cohortYaml()
      .replace('email: jiwoo@example.com', 'email: &contact jiwoo@example.com')
      .replace('  limitUsd: 100\n', '  limitUsd: 100\nnotifications:\n  emails: [*contact]\n');
    const before = await validateCohort(early);
    expectProblem(before.problems, FILE, at(early, '*contact'), 'unknown alias *contact');
    const { problems } = await validateCohort(bad);
    expectProblem(problems, FILE, at(bad, '*contacts'), 'unknown alias *contacts; define the anchor &contacts');
  });

  it('rejects deep bracket nesting before parsing, at the first bracket too deep', async () => {
    const depth = 10_000;
    const text = `${cohortYaml()}tags: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
    const { problems } = await validateCohort(text);
    const start = at(text, 'tags: [', '[');
    expectProblem(problems, FILE, { line: start.line, column: start.column + MAX_FLOW_DEPTH }, 'nested more than');
    expect(listProblems(problems)).toHaveLength(1);
  });

  it('counts brackets inside quoted text as text', async () => {
    const title = '[[[['.repeat(20);
    const text = cohortYaml().replace('title: Test cohort', `title: "${title}"`);
    const { problems, cohorts } = await validateCohort(text);
    expect(listProblems(problems)).toEqual([]);
    expect(cohorts[0]?.cohort.title).toBe(title);
  });

  it('reports deep block nesting as an error without crashing', async () => {
    const nested = Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i + 2)}k${i}:`).join('\n');
    const text = `${cohortYaml()}tags:\n${nested}\n`;
    const { problems } = await validateCohort(text);
    expect(problems.some((p) => p.severity === 'error')).toBe(true);
    expect(problems.every((p) => p.file === FILE && p.line >= 1 && p.column >= 1)).toBe(true);
  });

  it('rejects a file over the size limit at 1:1 without parsing it', async () => {
    const text = `${cohortYaml()}# ${'x'.repeat(5 * 1024 * 1024)}\n`;
    const { problems } = await validateCohort(text);
    expectProblem(problems, FILE, { line: 1, column: 1 }, /file is 5\.0 MiB; the limit is 128 KiB/);
  });

  it('caps the problems reported for one file', async () => {
    const keys = Array.from({ length: 600 }, (_, i) => `unknown${i}: 1`).join('\n');
    const { problems } = await validateCohort(`${cohortYaml()}${keys}\n`);
    expect(problems.length).toBeLessThanOrEqual(201);
    expect(problems.at(-1)?.message).toMatch(/^400 more problems in this file are not shown/);
  });

  it('treats YAML 1.1 booleans and dates as the strings they are in YAML 1.2', async () => {
    const text = cohortYaml().replace('title: Test cohort', 'title: yes').replace('name: Minji Park', 'name: on');
    const { problems, cohorts } = await validateCohort(text);
    expect(listProblems(problems)).toEqual([]);
    expect(cohorts[0]?.cohort.title).toBe('yes');
    expect(cohorts[0]?.cohort.schedule.start).toBe('2026-12-07');
  });
});
