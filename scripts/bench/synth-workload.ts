/**
 * The synthesis benchmark's workload: copies of the Seoul example cohort (backup region, a dataset, an ETL job)
 * with generated ids and rosters, so the figures measure a realistic full-size stack.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { Cohort, type ResolvedCohort } from '../../src/cohort/schema.ts';
import { Settings } from '../../src/cohort/settings-schema.ts';

export const WORKSHOPS_DIR = resolve(import.meta.dirname, '../../workshops');
const TEMPLATE = 'seoul-data-eng-2026-12.yaml';

export function benchSettings(): Settings {
  return Settings.parse(parse(readFileSync(join(WORKSHOPS_DIR, '_settings.yaml'), 'utf8')));
}

/** `count` cohorts of `students` students each. */
export function benchCohorts(count: number, students: number): ResolvedCohort[] {
  const { roster: _roster, ...template } = parse(readFileSync(join(WORKSHOPS_DIR, TEMPLATE), 'utf8'));
  return Array.from({ length: count }, (_, c) => {
    const id = `bench-${String(c + 1).padStart(3, '0')}`;
    const roster = Array.from({ length: students }, (_, s) => {
      const sid = `s${String(s + 1).padStart(2, '0')}`;
      return { id: sid, name: `Student ${sid}`, email: `${id}.${sid}@example.com` };
    });
    const { students: parsed, ...cohort } = Cohort.parse({ ...template, id, students: roster });
    return { ...cohort, students: parsed ?? [] };
  });
}
