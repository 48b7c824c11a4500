/**
 * The repository's example cohorts and settings, parsed with the schema and with rosters resolved by a plain CSV
 * split: enough for synthesis tests, without depending on the repository loader.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { Cohort, type ResolvedCohort, Student } from '../../src/cohort/schema.ts';
import { Settings } from '../../src/cohort/settings-schema.ts';

export const WORKSHOPS_DIR = resolve(import.meta.dirname, '../../workshops');
export const SEOUL = 'seoul-data-eng-2026-12';
export const BUSAN = 'busan-intro-2026-12';

export function exampleSettings(): Settings {
  return Settings.parse(parse(readFileSync(join(WORKSHOPS_DIR, '_settings.yaml'), 'utf8')));
}

function readRoster(file: string): Student[] {
  const [, ...rows] = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  return rows.map((row) => {
    const [id, name, email] = row.split(',');
    return Student.parse({ id, name, email });
  });
}

export function exampleCohort(id: string): ResolvedCohort {
  const file = join(WORKSHOPS_DIR, `${id}.yaml`);
  const { students, ...cohort } = Cohort.parse(parse(readFileSync(file, 'utf8')));
  const roster = cohort.roster === undefined ? [] : readRoster(resolve(dirname(file), cohort.roster));
  return { ...cohort, students: students ?? roster };
}

export function exampleCohorts(): ResolvedCohort[] {
  return [exampleCohort(SEOUL), exampleCohort(BUSAN)];
}
