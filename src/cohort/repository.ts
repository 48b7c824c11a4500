/**
 * Loads and validates the cohorts of a repository: every cohort file under workshops/, the settings, rosters and
 * the checks across cohorts, with every problem at its position. The single entry point for the CLI, the actions
 * and synthesis.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { capacityProblems, capacitySites } from './capacity.ts';
import { type CohortUnit, checkCohortFile } from './cohort-file.ts';
import {
  type CohortIdSite,
  collisionProblems,
  duplicateIdProblems,
  type NameSite,
  nameLimitProblems,
  type OwnedProblem,
} from './cross-checks.ts';
import { derivedNames } from './names.ts';
import { hasErrors, type Problem, problemAt, START } from './problem.ts';
import { toRepoPath } from './repo-file.ts';
import type { ResolvedCohort } from './schema.ts';
import { loadSettings, SETTINGS_FILE, WORKSHOPS_DIR } from './settings-file.ts';
import type { Settings } from './settings-schema.ts';
import { studentTableProblems } from './student-tables.ts';

export interface LoadedCohort {
  /** Repository-relative path (`workshops/<id>.yaml`). */
  file: string;
  /** Defaults applied; `students` filled from the roster when the cohort uses one. */
  cohort: ResolvedCohort;
}

export interface LoadedRepository {
  /** Absent when the settings file is missing or has errors. */
  settings?: Settings;
  /** The checked cohorts without error-level problems, by file name. */
  cohorts: LoadedCohort[];
  /** Every problem found, grouped by cohort and ordered by position. */
  problems: Problem[];
  /** The files checked: the settings file and the cohort files asked for. */
  checked: string[];
  /** Files named in `files` that are neither the settings file, a cohort file nor a file a cohort uses. */
  unmatched: string[];
}

export interface LoadOptions {
  /** Only these cohort files (paths relative to root, or absolute); other files select the cohorts using them. */
  files?: readonly string[];
  /** The clock, for the "already ended" warning. */
  now?: Date;
}

/** More problems than this in one file add nothing but noise (and cost on pathological input). */
export const MAX_PROBLEMS_PER_FILE = 200;

interface Listing {
  cohorts: string[];
  misnamed: string[];
}

async function listCohortFiles(root: string): Promise<Listing> {
  const entries = await readdir(path.join(root, WORKSHOPS_DIR), { withFileTypes: true }).catch(() => []);
  const listing: Listing = { cohorts: [], misnamed: [] };
  for (const entry of entries) {
    if (entry.name.startsWith('_') || !(entry.isFile() || entry.isSymbolicLink())) continue;
    if (entry.name.endsWith('.yaml')) listing.cohorts.push(`${WORKSHOPS_DIR}/${entry.name}`);
    else if (entry.name.endsWith('.yml')) listing.misnamed.push(`${WORKSHOPS_DIR}/${entry.name}`);
  }
  listing.cohorts.sort();
  listing.misnamed.sort();
  return listing;
}

function misnamedProblem(file: string): Problem {
  const renamed = `${file.slice(0, -'.yml'.length)}.yaml`;
  return problemAt(file, START, `cohort files end in .yaml: rename this file to ${renamed}`);
}

interface Selection {
  cohorts: Set<string>;
  misnamed: string[];
  unmatched: string[];
}

/** Which cohort files to report on: all, or those named in `files` and those using a named roster, dataset or script. */
function select(root: string, listing: Listing, units: readonly CohortUnit[], files?: readonly string[]): Selection {
  if (files === undefined) return { cohorts: new Set(listing.cohorts), misnamed: listing.misnamed, unmatched: [] };
  const selection: Selection = { cohorts: new Set(), misnamed: [], unmatched: [] };
  for (const given of files) {
    const file = toRepoPath(root, path.resolve(root, given));
    const users = units.filter((unit) => unit.references.includes(file));
    if (listing.cohorts.includes(file)) selection.cohorts.add(file);
    else if (listing.misnamed.includes(file)) selection.misnamed.push(file);
    // Checking it would silently check only the settings: `workshops/_draft.yaml`, `workshops/sub/x.yaml`, README.md.
    else if (file !== SETTINGS_FILE && users.length === 0) selection.unmatched.push(file);
    for (const unit of users) selection.cohorts.add(unit.file);
  }
  return selection;
}

function nameSites(unit: CohortUnit, prefix: string): NameSite[] {
  if (unit.cohort === undefined) return [];
  const cohortId = unit.cohort.id;
  return derivedNames(prefix, unit.cohort).map((derived) => ({
    owner: unit.file,
    cohortId,
    derived,
    ...unit.locate(derived.source),
  }));
}

function crossFileProblems(units: readonly CohortUnit[], settings: Settings | undefined): OwnedProblem[] {
  const ids: CohortIdSite[] = units.flatMap((u) => (u.id ? [{ owner: u.file, id: u.id.value, at: u.id.at }] : []));
  // Without valid settings there is no name prefix; the settings problem is reported instead.
  const sites = settings === undefined ? [] : units.flatMap((u) => nameSites(u, settings.namePrefix));
  // Shared account limits need the quotas of the settings; student table names need no settings.
  const capacity = settings === undefined ? [] : capacityProblems(capacitySites(units), settings.quotas);
  return [
    ...duplicateIdProblems(ids),
    ...nameLimitProblems(sites),
    ...collisionProblems(sites),
    ...capacity,
    ...studentTableProblems(units),
  ];
}

/** Orders a cohort's problems: its own file first, then its roster, each by position; drops repeats; caps each file. */
function arrange(owner: string, problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const key = `${p.file}:${p.line}:${p.column}:${p.severity}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  unique.sort(
    (a, b) =>
      Number(a.file !== owner) - Number(b.file !== owner) ||
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column,
  );
  const perFile = new Map<string, number>();
  const out: Problem[] = [];
  for (const p of unique) {
    const count = (perFile.get(p.file) ?? 0) + 1;
    perFile.set(p.file, count);
    if (count <= MAX_PROBLEMS_PER_FILE) out.push(p);
  }
  for (const [file, count] of perFile) {
    if (count > MAX_PROBLEMS_PER_FILE) {
      const message = `${count - MAX_PROBLEMS_PER_FILE} more problems in this file are not shown; fix the ones above first`;
      out.push(problemAt(file, START, message));
    }
  }
  return out;
}

export async function loadRepository(root: string, options: LoadOptions = {}): Promise<LoadedRepository> {
  const now = options.now ?? new Date();
  const [settingsResult, listing] = await Promise.all([loadSettings(root), listCohortFiles(root)]);
  // Every cohort is loaded even when only some are asked for: ids and names must be unique across all of them.
  const units = await Promise.all(listing.cohorts.map((file) => checkCohortFile(root, file, now)));
  const selection = select(root, listing, units, options.files);

  const owned = new Map<string, Problem[]>(units.map((u) => [u.file, [...u.problems]]));
  for (const { owner, problem } of crossFileProblems(units, settingsResult.settings)) owned.get(owner)?.push(problem);

  const problems = [...arrange(SETTINGS_FILE, settingsResult.problems)];
  const cohorts: LoadedCohort[] = [];
  for (const unit of units) {
    if (!selection.cohorts.has(unit.file)) continue;
    const unitProblems = arrange(unit.file, owned.get(unit.file) ?? []);
    problems.push(...unitProblems);
    if (unit.cohort !== undefined && !hasErrors(unitProblems)) cohorts.push({ file: unit.file, cohort: unit.cohort });
  }
  problems.push(...selection.misnamed.map(misnamedProblem));
  const checked = [SETTINGS_FILE, ...[...selection.cohorts].sort(), ...selection.misnamed];
  return {
    ...(settingsResult.settings ? { settings: settingsResult.settings } : {}),
    cohorts,
    problems,
    checked,
    unmatched: selection.unmatched,
  };
}
