/** The repository's example cohorts, loaded the way the CLI will: YAML → Cohort.parse → roster → dataset sizes. */
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { Cohort, type ResolvedCohort, type Student } from '../../src/cohort/schema.ts';
import { type PriceTable, parsePriceTable } from '../../src/cost/price-table.ts';

const WORKSHOPS = fileURLToPath(new URL('../../workshops/', import.meta.url));
const PRICES = fileURLToPath(new URL('../../src/cost/prices.json', import.meta.url));

export const EXAMPLE_IDS = ['seoul-data-eng-2026-12', 'busan-intro-2026-12'] as const;

function rosterStudents(path: string): Student[] {
  const [, ...rows] = readFileSync(`${WORKSHOPS}${path}`, 'utf8').trim().split(/\r?\n/);
  return rows.map((row) => {
    const [id = '', name = '', email = ''] = row.split(',');
    return { id, name, email };
  });
}

export interface Example {
  readonly cohort: ResolvedCohort;
  readonly datasetBytes: Record<string, number>;
}

export function loadExample(id: (typeof EXAMPLE_IDS)[number]): Example {
  const file = Cohort.parse(parse(readFileSync(`${WORKSHOPS}${id}.yaml`, 'utf8')));
  const students = file.students ?? (file.roster === undefined ? [] : rosterStudents(file.roster));
  const datasetBytes = Object.fromEntries(
    file.datasets.map((d) => [d.name, statSync(`${WORKSHOPS}${d.source}`).size] as const),
  );
  return { cohort: { ...file, students }, datasetBytes };
}

export function rawPrices(): unknown {
  return JSON.parse(readFileSync(PRICES, 'utf8'));
}

export function loadPrices(): PriceTable {
  return parsePriceTable(rawPrices());
}

/** A copy of `cohort` with `count` students. */
export function withStudents(cohort: ResolvedCohort, count: number): ResolvedCohort {
  const students = Array.from({ length: count }, (_, i) => ({
    id: `t${String(i + 1).padStart(3, '0')}`,
    name: `Student ${i + 1}`,
    email: `t${i + 1}@example.com`,
  }));
  return { ...cohort, students };
}
