/** Cost-test helpers: the shared example cohorts with their dataset sizes, and the checked-in price table. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ResolvedCohort } from '../../src/cohort/schema.ts';
import { type PriceTable, parsePriceTable } from '../../src/cost/price-table.ts';
import { EXAMPLE_IDS, exampleCohort, exampleDatasetBytes } from '../support/example-cohorts.ts';

export { EXAMPLE_IDS };

const PRICES = fileURLToPath(new URL('../../src/cost/prices.json', import.meta.url));

export interface Example {
  readonly cohort: ResolvedCohort;
  readonly datasetBytes: Record<string, number>;
}

export function loadExample(id: (typeof EXAMPLE_IDS)[number]): Example {
  return { cohort: exampleCohort(id), datasetBytes: exampleDatasetBytes(id) };
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
