/**
 * Synthesis of the whole app: a `bootstrap` stack and one stack per cohort, written as
 * `DIR/stacks/<id>/cdk.tf.json` (with any uploaded files beside it under `assets/`) and `DIR/manifest.json`.
 * The same input gives byte-identical files: no timestamps, no absolute paths, no stack traces, and each stack
 * folder is rebuilt from scratch.
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ResolvedCohort } from '../src/cohort/schema.ts';
import type { Settings } from '../src/cohort/settings-schema.ts';
import { BOOTSTRAP_STACK_ID } from './bootstrap-names.ts';
import { BootstrapStack } from './bootstrap-stack.ts';
import { App } from './cdktf-classes.ts';
import { CohortStack } from './cohort-stack.ts';
import { SynthesisError } from './constructs/address.ts';

export { SynthesisError } from './constructs/address.ts';

export interface SynthesizeInput {
  readonly settings: Settings;
  readonly cohorts: readonly ResolvedCohort[];
  readonly outDir: string;
  /** Cohort ids to synthesize; all when absent. The bootstrap stack is always written. */
  readonly only?: readonly string[];
  /**
   * Folder the cohorts' relative paths (`datasets[].source`, `etl[].script`) are resolved against: the folder of the
   * cohort files. Default: `workshops` under the current directory.
   */
  readonly cohortDir?: string;
}

export interface SynthesizedStack {
  readonly id: string;
  /** `<outDir>/stacks/<id>/cdk.tf.json` */
  readonly file: string;
}

export const STACKS_FOLDER = 'stacks';
export const STACK_FILE = 'cdk.tf.json';
/** Files uploaded by the stack (cdktf's TerraformAsset copies), beside its cdk.tf.json. */
export const ASSETS_FOLDER = 'assets';

/** Environment variables through which the cdktf CLI changes what `app.synth()` writes. */
const CDKTF_ENV = ['SYNTH_HCL_OUTPUT', 'CDKTF_CONTEXT_JSON', 'CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS'] as const;

function selectCohorts(cohorts: readonly ResolvedCohort[], only: readonly string[] | undefined): ResolvedCohort[] {
  const ids = new Set<string>();
  for (const cohort of cohorts) {
    if (cohort.id === BOOTSTRAP_STACK_ID) {
      throw new SynthesisError(`"${BOOTSTRAP_STACK_ID}" is reserved for the account stack; rename that cohort`);
    }
    if (ids.has(cohort.id)) throw new SynthesisError(`cohort id "${cohort.id}" is used twice`);
    ids.add(cohort.id);
  }
  if (only === undefined) return [...cohorts];
  const unknown = only.filter((id) => !ids.has(id));
  if (unknown.length > 0) {
    throw new SynthesisError(
      `no cohort with id ${unknown.map((id) => `"${id}"`).join(', ')}; known: ${[...ids].join(', ')}`,
    );
  }
  const wanted = new Set(only);
  return cohorts.filter((c) => wanted.has(c.id));
}

/**
 * Removes what an earlier synthesis wrote into each stack folder (cdk.tf.json and assets/), so nothing stale is left
 * behind — a removed cohort's stack disappears. Terraform's own files there (.terraform/, the lock file, the
 * bootstrap stack's local state) are kept.
 */
function clearStacks(outDir: string): void {
  const stacks = join(outDir, STACKS_FOLDER);
  let entries: string[];
  try {
    entries = readdirSync(stacks);
  } catch {
    return;
  }
  for (const entry of entries) {
    const folder = join(stacks, entry);
    if (!existsSync(join(folder, STACK_FILE))) continue;
    rmSync(join(folder, STACK_FILE), { force: true });
    rmSync(join(folder, ASSETS_FOLDER), { recursive: true, force: true });
  }
}

/** Runs `fn` with the cdktf CLI's environment switches cleared, so output does not depend on the caller's shell. */
function withoutCdktfEnv<T>(fn: () => T): T {
  const saved = CDKTF_ENV.map((name) => [name, process.env[name]] as const);
  for (const [name] of saved) delete process.env[name];
  try {
    return fn();
  } finally {
    for (const [name, value] of saved) if (value !== undefined) process.env[name] = value;
  }
}

/**
 * Runs `fn` without stack traces. cdktf captures an unbounded stack trace for every token it creates (each `.arn`,
 * each nested block), only to quote it should that token fail to resolve; capturing and formatting them (through
 * source maps, under tsx) took half of the synthesis time. Synthesis is synchronous, so nothing else runs
 * meanwhile; an error thrown from it still gets its stack, which V8 formats on first read, after the restore.
 */
function withoutStackTraces<T>(fn: () => T): T {
  const { captureStackTrace, prepareStackTrace } = Error;
  Error.captureStackTrace = () => undefined;
  Error.prepareStackTrace = () => '';
  try {
    return fn();
  } finally {
    Error.captureStackTrace = captureStackTrace;
    Error.prepareStackTrace = prepareStackTrace;
  }
}

export function synthesize(input: SynthesizeInput): { stacks: SynthesizedStack[] } {
  const outDir = resolve(input.outDir);
  const cohortDir = resolve(input.cohortDir ?? 'workshops');
  const selected = selectCohorts(input.cohorts, input.only);
  mkdirSync(outDir, { recursive: true });
  clearStacks(outDir);

  withoutCdktfEnv(() =>
    withoutStackTraces(() => {
      const app = new App({ outdir: outDir, stackTraces: false, hclOutput: false });
      new BootstrapStack(app, { settings: input.settings, cohorts: input.cohorts });
      for (const cohort of selected) new CohortStack(app, { settings: input.settings, cohort, cohortDir });
      app.synth();
    }),
  );

  const file = (id: string) => join(outDir, STACKS_FOLDER, id, STACK_FILE);
  return {
    stacks: [BOOTSTRAP_STACK_ID, ...selected.map((c) => c.id)].map((id) => ({ id, file: file(id) })),
  };
}
