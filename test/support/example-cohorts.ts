/**
 * The repository's shipped example cohorts and settings, read once through the real loader (so the tests that use
 * them also prove the examples validate), shared by every test that needs a realistic cohort.
 */
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { formatProblem } from '../../src/cohort/problem.ts';
import { type LoadedCohort, loadRepository } from '../../src/cohort/repository.ts';
import type { ResolvedCohort } from '../../src/cohort/schema.ts';
import type { Settings } from '../../src/cohort/settings-schema.ts';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const WORKSHOPS_DIR = join(REPO_ROOT, 'workshops');
export const SEOUL = 'seoul-data-eng-2026-12';
export const BUSAN = 'busan-intro-2026-12';
export const EXAMPLE_IDS = [SEOUL, BUSAN] as const;

// Before the examples start, so no "already ended" warning whatever today's date.
const repository = await loadRepository(REPO_ROOT, { now: new Date('2026-11-01T00:00:00Z') });
if (repository.problems.length > 0 || repository.settings === undefined) {
  throw new Error(`the example cohorts do not validate:\n${repository.problems.map(formatProblem).join('\n')}`);
}
const settings: Settings = repository.settings;
const loaded = new Map<string, LoadedCohort>(repository.cohorts.map((c) => [c.cohort.id, c]));

function loadedCohort(id: string): LoadedCohort {
  const found = loaded.get(id);
  if (found === undefined) throw new Error(`no example cohort "${id}"`);
  return found;
}

export function exampleSettings(): Settings {
  return structuredClone(settings);
}

/** A fresh copy each call, so a test may change it freely. */
export function exampleCohort(id: string): ResolvedCohort {
  return structuredClone(loadedCohort(id).cohort);
}

export function exampleCohorts(): ResolvedCohort[] {
  return [exampleCohort(SEOUL), exampleCohort(BUSAN)];
}

/** Byte size of each dataset file of the cohort, by dataset name, as the CLI passes them to the estimate. */
export function exampleDatasetBytes(id: string): Record<string, number> {
  const { file, cohort } = loadedCohort(id);
  const folder = dirname(join(REPO_ROOT, file));
  return Object.fromEntries(cohort.datasets.map((d) => [d.name, statSync(join(folder, d.source)).size]));
}
