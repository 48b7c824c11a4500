/**
 * Throw-away repositories for validation tests: a settings file, cohort files and the files they point at, in a
 * fresh folder under the OS temp dir. Positions in expectations are computed from the test's own text.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import type { Position, Problem } from '../../src/cohort/problem.ts';
import { type LoadedRepository, loadRepository } from '../../src/cohort/repository.ts';

export const SETTINGS_YAML = `namePrefix: acme-ws
state:
  bucket: acme-workshops-terraform-state
  region: us-east-1
github:
  repository: acme/workshop-gitops
  planRoleArn: arn:aws:iam::123456789012:role/workshop-gitops-plan
  applyRoleArn: arn:aws:iam::123456789012:role/workshop-gitops-apply
`;

/** A valid cohort file for `id`; tests edit it with string replacements. */
export function cohortYaml(id = 'test-cohort'): string {
  return `# yaml-language-server: $schema=./cohort.schema.json
id: ${id}
title: Test cohort
owner: jkim
schedule:
  start: 2026-12-07
  end: 2026-12-09
  timezone: Asia/Seoul
regions:
  primary: ap-northeast-2
budget:
  limitUsd: 100
instructors:
  - name: Jiwoo Kim
    email: jiwoo@example.com
students:
  - id: s01
    name: Minji Park
    email: minji@example.com
  - id: s02
    name: Jisoo Lee
    email: jisoo@example.com
`;
}

/** Before every example cohort ends, so no "already ended" warning. */
export const BEFORE = new Date('2026-11-01T00:00:00Z');

const created: string[] = [];
afterAll(async () => {
  await Promise.all(created.map((dir) => rm(dir, { recursive: true, force: true })));
});

export type RepoFiles = Record<string, string | Uint8Array | { symlinkTo: string }>;

/**
 * A repository with `files` (paths relative to its root). workshops/_settings.yaml is added unless given;
 * pass `null`-free content only: to omit the settings use `withoutSettings`.
 */
export async function makeRepo(files: RepoFiles, options: { withoutSettings?: boolean } = {}): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'workshop-test-'));
  created.push(root);
  const all: RepoFiles = options.withoutSettings ? files : { 'workshops/_settings.yaml': SETTINGS_YAML, ...files };
  for (const [name, content] of Object.entries(all)) {
    const target = path.join(root, name);
    await mkdir(path.dirname(target), { recursive: true });
    if (typeof content === 'object' && 'symlinkTo' in content) await symlink(content.symlinkTo, target);
    else await writeFile(target, content);
  }
  return root;
}

/** A repository holding one cohort file, validated. */
export async function validateCohort(
  text: string | Uint8Array,
  extra: RepoFiles = {},
  id = 'test-cohort',
): Promise<LoadedRepository & { root: string }> {
  const root = await makeRepo({ [`workshops/${id}.yaml`]: text, ...extra });
  return { root, ...(await loadRepository(root, { now: BEFORE })) };
}

/**
 * The 1-based position of `target` inside the first occurrence of `context` in `text` (the context makes the
 * target unambiguous: at(text, 'limitUsd: 0', '0')).
 */
export function at(text: string, context: string, target = context, occurrence = 1): Position {
  let index = -1;
  for (let n = 0; n < occurrence; n++) {
    index = text.indexOf(context, index + 1);
    if (index < 0) throw new Error(`test bug: ${JSON.stringify(context)} not in the text`);
  }
  const inner = context.indexOf(target);
  if (inner < 0) throw new Error(`test bug: ${JSON.stringify(target)} not in ${JSON.stringify(context)}`);
  const offset = index + inner;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/** The problems of one file, as `LINE:COL severity message` strings for readable failures. */
export function listProblems(problems: readonly Problem[], file?: string): string[] {
  return problems
    .filter((p) => file === undefined || p.file === file)
    .map((p) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.message}`);
}

/** Asserts one problem at `position` whose message matches `fragment`, and returns it. */
export function expectProblem(
  problems: readonly Problem[],
  file: string,
  position: Position,
  fragment: string | RegExp,
): Problem {
  const found = problems.find(
    (p) =>
      p.file === file &&
      p.line === position.line &&
      p.column === position.column &&
      (typeof fragment === 'string' ? p.message.includes(fragment) : fragment.test(p.message)),
  );
  if (!found) {
    throw new Error(
      `expected a problem at ${file}:${position.line}:${position.column} matching ${String(fragment)}; got:\n${listProblems(problems).join('\n')}`,
    );
  }
  return found;
}
