/**
 * Students own the catalog tables named `<their student id>_*` (their IAM user carries the id as a tag, and the
 * group policy scopes table writes on it). A crawler names its table after its dataset, so a dataset called
 * `s01_trips` would be a table student s01 could alter or drop: such a name is rejected. Student ids contain no
 * "_", so one student's prefix never reaches another student's tables.
 */
import type { CohortUnit } from './cohort-file.ts';
import type { OwnedProblem } from './cross-checks.ts';
import { problemAt } from './problem.ts';

/** The prefix of the tables a student creates and drops: `s01_` for student s01. */
export function studentTablePrefix(studentId: string): string {
  return `${studentId}_`;
}

export function studentTableProblems(units: readonly CohortUnit[]): OwnedProblem[] {
  return units.flatMap((unit) => {
    const cohort = unit.cohort;
    if (cohort === undefined || cohort.datasets.length === 0) return [];
    const ids = new Set(cohort.students.map((s) => s.id));
    return cohort.datasets.flatMap((dataset, i) => {
      // Student ids hold no "_", so the owner can only be the text before the first one.
      const cut = dataset.name.indexOf('_');
      const owner = cut > 0 ? dataset.name.slice(0, cut) : undefined;
      if (owner === undefined || !ids.has(owner)) return [];
      const message =
        `dataset "${dataset.name}" starts with "${studentTablePrefix(owner)}", the prefix of student ${owner}'s own ` +
        `tables: that student could alter or drop its crawler's table; rename the dataset`;
      const { at } = unit.locate(['datasets', i, 'name']);
      return [{ owner: unit.file, problem: problemAt(unit.file, at, message) }];
    });
  });
}
