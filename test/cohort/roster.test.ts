import { describe, expect, it } from 'vitest';
import { checkRoster } from '../../src/cohort/roster.ts';
import { MAX_STUDENTS } from '../../src/cohort/schema.ts';
import { at, cohortYaml, expectProblem, listProblems, validateCohort } from './temp-repo.ts';

const CSV = 'workshops/rosters/list.csv';
const FILE = 'workshops/test-cohort.yaml';

function rosterCohort(): string {
  const base = cohortYaml();
  return `${base.slice(0, base.indexOf('students:'))}roster: rosters/list.csv\n`;
}

describe('checkRoster', () => {
  it('reads valid rows with quoted Unicode names', () => {
    const { students, problems } = checkRoster(
      CSV,
      'id,name,email\r\ns01,"Park, Minji",minji@example.com\r\ns02,정유진,yujin@example.com\r\n',
    );
    expect(problems).toEqual([]);
    expect(students.map((s) => s.student)).toEqual([
      { id: 's01', name: 'Park, Minji', email: 'minji@example.com' },
      { id: 's02', name: '정유진', email: 'yujin@example.com' },
    ]);
    expect(students[1]?.idAt).toMatchObject({ line: 3, column: 1 });
  });

  it.each([
    ['id,email,name\n', { line: 1, column: 4 }],
    ['ID,name,email\n', { line: 1, column: 1 }],
    ['id,name,email,team\n', { line: 1, column: 15 }],
    ['id,name\n', { line: 1, column: 4 }],
  ])('rejects the header %j', (text, position) => {
    const { problems } = checkRoster(CSV, `${text}s01,A,a@example.com\n`);
    expect(problems).toEqual([
      expect.objectContaining({ file: CSV, ...position, message: expect.stringContaining('exactly id,name,email') }),
    ]);
  });

  it('reports each bad cell at its CSV line and column', () => {
    const text = 'id,name,email\ns01,Ana,ana@example.com\nS02,,bo-at-example.com\ns03,Cy,cy@example.com,extra\n';
    const { problems, students } = checkRoster(CSV, text);
    expect(problems.map((p) => [p.line, p.column, p.message])).toEqual([
      [3, 1, expect.stringMatching(/^id: must be 1-24 characters/)],
      [3, 5, 'name: must not be empty'],
      [3, 6, 'email: "bo-at-example.com" is not a valid email address'],
      [4, 23, expect.stringContaining('expected 3 fields (id,name,email), found 4')],
    ]);
    expect(students.map((s) => s.student.id)).toEqual(['s01']);
  });

  it('rejects duplicate ids and emails (any case) at the repeat, naming the first line', () => {
    const text = 'id,name,email\ns01,Ana,ana@example.com\ns01,Bo,bo@example.com\ns03,Cy,ANA@example.com\n';
    const { problems, students } = checkRoster(CSV, text);
    expect(problems.map((p) => [p.line, p.column, p.message])).toEqual([
      [3, 1, 'duplicate id "s01" (first on line 2); each id must be unique'],
      [4, 8, 'duplicate email "ANA@example.com" (first on line 2); each email must be unique'],
    ]);
    expect(students).toHaveLength(1);
  });

  it('rejects a roster with no student rows, and an empty file', () => {
    expect(checkRoster(CSV, 'id,name,email\n').problems[0]).toMatchObject({
      line: 1,
      column: 1,
      message: expect.stringContaining('no students'),
    });
    expect(checkRoster(CSV, '').problems[0]?.message).toContain('the roster is empty');
  });

  it(`rejects more than ${MAX_STUDENTS} rows at the first one too many`, () => {
    const rows = Array.from({ length: MAX_STUDENTS + 1 }, (_, i) => `s${i},N${i},s${i}@example.com`);
    const { problems } = checkRoster(CSV, `id,name,email\n${rows.join('\n')}\n`);
    expect(problems).toEqual([expect.objectContaining({ line: MAX_STUDENTS + 2, column: 1 })]);
  });
});

describe('cohorts with a roster', () => {
  it('resolve their students from the CSV', async () => {
    const { problems, cohorts } = await validateCohort(rosterCohort(), {
      [CSV]: 'id,name,email\ns01,Ana,ana@example.com\ns02,Bo,bo@example.com\n',
    });
    expect(listProblems(problems)).toEqual([]);
    expect(cohorts[0]?.cohort.roster).toBe('rosters/list.csv');
    expect(cohorts[0]?.cohort.students.map((s) => s.id)).toEqual(['s01', 's02']);
  });

  it('report roster problems at ROSTER:LINE:COL and return no cohort', async () => {
    const { problems, cohorts } = await validateCohort(rosterCohort(), {
      [CSV]: 'id,name,email\ns01,Ana,ana@example.com\ns02,Bo,not-an-email\n',
    });
    expect(listProblems(problems)).toEqual([`${CSV}:3:8 error email: "not-an-email" is not a valid email address`]);
    expect(cohorts).toEqual([]);
  });

  it('report a roster without rows in the CSV', async () => {
    const { problems } = await validateCohort(rosterCohort(), { [CSV]: 'id,name,email\n' });
    expectProblem(problems, CSV, { line: 1, column: 1 }, 'the roster has no students');
  });

  it('report a missing roster file at the roster value', async () => {
    const text = rosterCohort();
    const { problems } = await validateCohort(text);
    expectProblem(problems, FILE, at(text, 'roster: rosters', 'rosters'), 'roster "rosters/list.csv" does not exist');
  });

  it('report a roster that is not UTF-8 at its line', async () => {
    const bytes = new TextEncoder().encode('id,name,email\ns01,Ana X,ana@example.com\n');
    bytes[bytes.indexOf(0x58)] = 0xe9; // "X" → a Latin-1 "é"
    const { problems } = await validateCohort(rosterCohort(), { [CSV]: bytes });
    expectProblem(problems, CSV, { line: 2, column: 9 }, 'invalid UTF-8 (byte 0xE9)');
  });
});
