/**
 * The steps `workshop synth` and `workshop plan` share: load and validate the repository, synthesize the selected
 * cohorts, and run the guardrails over every stack written.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { formatProblem, type Problem } from '../../src/cohort/problem.ts';
import { type LoadedCohort, type LoadedRepository, loadRepository } from '../../src/cohort/repository.ts';
import { cohortFilePath, SETTINGS_FILE } from '../../src/cohort/settings-file.ts';
import type { Settings } from '../../src/cohort/settings-schema.ts';
import { type GuardrailReport, runGuardrails } from '../../src/guardrails/run.ts';
import { SynthesisError, synthesize } from '../../terraform-cdk/synth.ts';
import type { CliIo } from './command.ts';
import { UsageError } from './command.ts';
import { findRepositoryRoot } from './repository-root.ts';

export interface SynthesisRun {
  readonly root: string;
  readonly settings: Settings;
  readonly cohorts: readonly LoadedCohort[];
  readonly stacks: readonly { readonly id: string; readonly file: string; readonly json: unknown }[];
  readonly guardrails: readonly GuardrailReport[];
  /** Validation problems were errors for a selected cohort or the settings. */
  readonly invalid: boolean;
  /** The validation problems of what was selected: its cohort files, the settings, and every other data file. */
  readonly problems: readonly Problem[];
}

export function stringList(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

function printProblems(io: CliIo, problems: readonly Problem[]): void {
  for (const problem of problems) io.stderr.write(`${formatProblem(problem)}\n`);
}

/**
 * Loads every cohort (cross-file checks need them all), keeps the requested ones (all when `ids` is empty) and
 * synthesizes them into `outDir`. Cohorts with validation errors are left out and make the run invalid.
 */
export async function synthesizeRepository(
  io: CliIo,
  ids: readonly string[],
  outDir: string,
  options: { readonly destroy?: readonly string[] } = {},
): Promise<SynthesisRun> {
  const root = findRepositoryRoot(io.cwd);
  const repository = await loadRepository(root);
  printProblems(io, repository.problems);
  const { settings } = repository;
  if (settings === undefined) {
    throw new UsageError('workshops/_settings.yaml is missing or invalid (see above); fix it and run again');
  }
  const valid = new Map(repository.cohorts.map((c) => [c.cohort.id, c]));
  const failedFiles = new Set(repository.problems.filter((p) => p.severity === 'error').map((p) => p.file));
  const exists = (id: string) => valid.has(id) || failedFiles.has(cohortFilePath(id));
  const unknown = ids.filter((id) => !exists(id));
  if (unknown.length > 0) throw new UsageError(`no cohort file for ${unknown.join(', ')} under workshops/`);
  const unknownDestroyed = (options.destroy ?? []).filter((id) => !exists(id));
  if (unknownDestroyed.length > 0) {
    throw new UsageError(
      `--destroy ${unknownDestroyed.join(', ')}: no cohort file under workshops/; a removed cohort is reviewed ` +
        'from its file restored from the base commit (actions/restore-deleted)',
    );
  }

  const cohorts = ids.length === 0 ? repository.cohorts : ids.flatMap((id) => valid.get(id) ?? []);
  const invalid =
    (ids.length === 0 ? failedFiles.size > 0 : ids.some((id) => !valid.has(id))) ||
    failedFiles.has('workshops/_settings.yaml');

  let written: { id: string; file: string }[];
  try {
    written = synthesize({
      settings,
      cohorts: repository.cohorts.map((c) => c.cohort),
      only: cohorts.map((c) => c.cohort.id),
      outDir: path.resolve(io.cwd, outDir),
      cohortDir: path.join(root, 'workshops'),
    }).stacks;
  } catch (error) {
    if (error instanceof SynthesisError) throw new UsageError(`synthesis failed: ${error.message}`);
    throw error;
  }
  const stacks = written.map((stack) => ({ ...stack, json: JSON.parse(readFileSync(stack.file, 'utf8')) as unknown }));
  const guardrails = stacks.map((stack) => runGuardrails(stack.id, stack.json));
  return { root, settings, cohorts, stacks, guardrails, invalid, problems: selectedProblems(repository, ids) };
}

/**
 * With cohort ids, the problems of all but the other cohorts' files (the loader's list of what it checked): their
 * own files, the settings, and rosters and the like, which any cohort may use. Without ids, all of them.
 */
function selectedProblems(repository: LoadedRepository, ids: readonly string[]): Problem[] {
  if (ids.length === 0) return [...repository.problems];
  const selected = new Set(ids.map(cohortFilePath));
  const others = new Set(repository.checked.filter((file) => file !== SETTINGS_FILE && !selected.has(file)));
  return repository.problems.filter((p) => !others.has(p.file));
}

export function resourceCounts(json: unknown): Record<string, number> {
  const resources = (json as { resource?: Record<string, Record<string, unknown>> }).resource ?? {};
  return Object.fromEntries(Object.entries(resources).map(([type, byName]) => [type, Object.keys(byName).length]));
}
