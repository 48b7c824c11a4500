/**
 * Everything about one cohort file that does not need the other cohorts: YAML and schema, file name = id, the
 * files it points at, its roster and whether it already ended.
 */
import path from 'node:path';
import { accessEnd, teardownDue } from './lifecycle.ts';
import { type Position, type Problem, problemAt, START } from './problem.ts';
import { isAbsolutePath, readSourceText, resolveRepoFile } from './repo-file.ts';
import { checkRoster, MAX_ROSTER_BYTES, type RosterStudent } from './roster.ts';
import { Cohort, type ResolvedCohort } from './schema.ts';
import { parseWithSchema } from './schema-problems.ts';
import { MAX_YAML_BYTES } from './yaml-file.ts';
import type { DataPath, YamlSource } from './yaml-source.ts';

export interface SourceLocation {
  readonly file: string;
  readonly at: Position;
}

export interface CohortUnit {
  /** Repository-relative path of the cohort file. */
  readonly file: string;
  /** Problems of this cohort, in its file and in its roster. */
  readonly problems: Problem[];
  /** The id as written, when it is text (for cross-file checks even if other fields are wrong). */
  readonly id?: { readonly value: string; readonly at: Position };
  /** The cohort with defaults and students resolved, when the schema passed (problems may still hold errors). */
  readonly cohort?: ResolvedCohort;
  /** Repository-relative paths of the files the cohort points at (roster, datasets, scripts). */
  readonly references: string[];
  /** Where the value at `path` of the resolved cohort comes from (a roster student's id is a CSV cell). */
  locate(path: DataPath): SourceLocation;
}

const KIND = { what: 'cohort file', firstKey: 'id' };

/** The file-path fields of a cohort, read from the raw data so they are checked even when other fields fail. */
function pathFields(data: Record<string, unknown>): { path: DataPath; value: string; what: string }[] {
  const out: { path: DataPath; value: string; what: string }[] = [];
  const add = (fieldPath: DataPath, value: unknown, what: string) => {
    // Absolute paths and non-text values are already reported by the schema.
    if (typeof value === 'string' && value !== '' && !isAbsolutePath(value)) {
      out.push({ path: fieldPath, value, what });
    }
  };
  add(['roster'], data.roster, 'roster');
  const list = (key: string, field: string) => {
    const items = data[key];
    if (!Array.isArray(items)) return;
    items.forEach((item: unknown, i) => {
      if (typeof item === 'object' && item !== null)
        add([key, i, field], (item as Record<string, unknown>)[field], field);
    });
  };
  list('datasets', 'source');
  list('etl', 'script');
  return out;
}

async function loadRosterFile(absolute: string, relative: string) {
  const read = await readSourceText(absolute, relative, MAX_ROSTER_BYTES);
  if (!read.ok) return { students: [] as RosterStudent[], problems: [read.problem] };
  return checkRoster(relative, read.text);
}

function endedWarning(file: string, source: YamlSource, cohort: ResolvedCohort, now: Date): Problem[] {
  if (accessEnd(cohort).getTime() >= now.getTime()) return [];
  const due = teardownDue(cohort).toISOString();
  const message = `the cohort already ended (${cohort.schedule.end}); its teardown is due ${due}: delete the file once it is torn down`;
  return [problemAt(file, source.valueAt(['schedule', 'end']), message, 'warning')];
}

/** G.025X is accepted by the contract, but Glue only runs it for streaming jobs: say so before apply fails. */
function workerTypeWarnings(file: string, source: YamlSource, cohort: ResolvedCohort): Problem[] {
  return cohort.etl.flatMap((job, i) =>
    job.workerType === 'G.025X'
      ? [
          problemAt(
            file,
            source.valueAt(['etl', i, 'workerType']),
            'G.025X workers run only Glue streaming jobs; this batch job will fail to create: use G.1X',
            'warning',
          ),
        ]
      : [],
  );
}

export async function checkCohortFile(root: string, file: string, now: Date): Promise<CohortUnit> {
  const fallback = (problems: Problem[]): CohortUnit => ({
    file,
    problems,
    references: [],
    locate: () => ({ file, at: START }),
  });
  const dir = path.posix.dirname(file);
  const resolved = await resolveRepoFile(root, dir, path.posix.basename(file), 'cohort file');
  if (!resolved.ok) return fallback([problemAt(file, START, resolved.message)]);
  const read = await readSourceText(resolved.absolute, file, MAX_YAML_BYTES);
  if (!read.ok) return fallback([read.problem]);

  const parsed = parseWithSchema(file, read.text, Cohort, KIND);
  const { source, data } = parsed;
  if (source === undefined || data === undefined) return fallback(parsed.problems);
  const problems = [...parsed.problems];

  const idValue = data.id;
  const id = typeof idValue === 'string' ? { value: idValue, at: source.valueAt(['id']) } : undefined;
  const expected = path.posix.basename(file, '.yaml');
  if (id !== undefined && id.value !== expected) {
    problems.push(
      problemAt(
        file,
        id.at,
        `id "${id.value}" must equal the file name: rename the file to ${dir}/${id.value}.yaml or set id: ${expected}`,
      ),
    );
  }

  const references: string[] = [];
  let roster: { relative: string; students: RosterStudent[] } | undefined;
  for (const field of pathFields(data)) {
    const target = await resolveRepoFile(root, dir, field.value, field.what);
    if (!target.ok) {
      problems.push(problemAt(file, source.valueAt(field.path), target.message));
      continue;
    }
    references.push(target.relative);
    if (field.what === 'roster') {
      const result = await loadRosterFile(target.absolute, target.relative);
      problems.push(...result.problems);
      roster = { relative: target.relative, students: result.students };
    }
  }

  const locate = (valuePath: DataPath): SourceLocation => {
    const [head, index] = valuePath;
    const student = roster && head === 'students' && typeof index === 'number' ? roster.students[index] : undefined;
    if (roster && student) return { file: roster.relative, at: student.idAt };
    return { file, at: source.valueAt(valuePath) };
  };
  if (parsed.value === undefined) return { file, problems, references, locate, ...(id ? { id } : {}) };

  const students = parsed.value.students ?? roster?.students.map((s) => s.student) ?? [];
  const cohort: ResolvedCohort = { ...parsed.value, students };
  problems.push(...endedWarning(file, source, cohort, now), ...workerTypeWarnings(file, source, cohort));
  return { file, problems, references, locate, cohort, ...(id ? { id } : {}) };
}
