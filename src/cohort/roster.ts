/**
 * Rosters: a CSV file (header `id,name,email`) instead of a `students` list, for cohorts whose student list comes
 * from a registration spreadsheet. Every row obeys the same rules as a `students` item; problems point at the cell.
 */
import { parseCsv } from './csv.ts';
import { type Position, type Problem, problemAt, START } from './problem.ts';
import { MAX_STUDENTS, Student } from './schema.ts';
import { issueMessage } from './zod-messages.ts';

export const ROSTER_HEADER = ['id', 'name', 'email'] as const;
/** About 4,000 rows of typical length, far above MAX_STUDENTS; keeps reading bounded. */
export const MAX_ROSTER_BYTES = 256 * 1024;

export interface RosterStudent {
  readonly student: Student;
  /** Where the student's id is, for problems about names derived from it. */
  readonly idAt: Position;
}

export interface RosterResult {
  /** Valid, distinct rows in file order. */
  readonly students: RosterStudent[];
  readonly problems: Problem[];
}

const HEADER_TEXT = ROSTER_HEADER.join(',');

export function checkRoster(file: string, text: string): RosterResult {
  const { records, errors } = parseCsv(text);
  const problems = errors.map((e) => problemAt(file, e.at, e.message));
  const [header, ...rows] = records;
  if (header === undefined) {
    problems.push(problemAt(file, START, `the roster is empty; start it with the header line ${HEADER_TEXT}`));
    return { students: [], problems };
  }
  const found = header.fields.map((f) => f.value).join(',');
  if (found !== HEADER_TEXT) {
    const wrong = header.fields.find((f, i) => f.value !== ROSTER_HEADER[i]) ?? header.fields.at(-1);
    problems.push(
      problemAt(file, wrong ?? START, `the header must be exactly ${HEADER_TEXT} (found ${JSON.stringify(found)})`),
    );
    return { students: [], problems };
  }
  if (rows.length === 0) {
    problems.push(problemAt(file, START, `the roster has no students; add one line per student below the header`));
  }
  const students: RosterStudent[] = [];
  const firstLine = { id: new Map<string, number>(), email: new Map<string, number>() };
  rows.forEach((row, index) => {
    if (index === MAX_STUDENTS) {
      const message = `at most ${MAX_STUDENTS} students per cohort; split larger groups into several cohorts`;
      problems.push(problemAt(file, { line: row.line, column: 1 }, message));
    }
    if (row.fields.length !== ROSTER_HEADER.length) {
      const at = row.fields[ROSTER_HEADER.length] ?? { line: row.line, column: 1 };
      const message = `expected ${ROSTER_HEADER.length} fields (${HEADER_TEXT}), found ${row.fields.length}; quote values that contain commas`;
      problems.push(problemAt(file, at, message));
      return;
    }
    const cell = (i: number) => row.fields[i] as { value: string; line: number; column: number };
    const values = { id: cell(0).value, name: cell(1).value, email: cell(2).value };
    let valid = true;
    const result = Student.safeParse(values, { error: issueMessage });
    for (const issue of result.error?.issues ?? []) {
      const column = ROSTER_HEADER.indexOf(String(issue.path[0]) as (typeof ROSTER_HEADER)[number]);
      problems.push(problemAt(file, cell(Math.max(0, column)), `${String(issue.path[0])}: ${issue.message}`));
      valid = false;
    }
    for (const [key, column] of [['id', 0] as const, ['email', 2] as const]) {
      const normalised = key === 'email' ? values.email.toLowerCase() : values.id;
      const first = firstLine[key].get(normalised);
      if (first === undefined) {
        firstLine[key].set(normalised, row.line);
      } else {
        const message = `duplicate ${key} "${values[key]}" (first on line ${first}); each ${key} must be unique`;
        problems.push(problemAt(file, cell(column), message));
        valid = false;
      }
    }
    if (valid && result.success) students.push({ student: result.data, idAt: cell(0) });
  });
  return { students, problems };
}
