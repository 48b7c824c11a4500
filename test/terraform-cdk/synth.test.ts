import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ResolvedCohort } from '../../src/cohort/schema.ts';
import { SynthesisError, synthesize } from '../../terraform-cdk/synth.ts';
import {
  BUSAN,
  exampleCohort,
  exampleCohorts,
  exampleSettings,
  SEOUL,
  WORKSHOPS_DIR,
} from '../support/example-cohorts.ts';
import { resource, resources, type Synthesized, synthesizeInto, tempDir } from './synthesized.ts';

const settings = exampleSettings();
const dirs: string[] = [];
function newDir(): string {
  const dir = tempDir();
  dirs.push(dir);
  return dir;
}
function synth(cohorts?: readonly ResolvedCohort[], only?: readonly string[], outDir = newDir()): Synthesized {
  return synthesizeInto(outDir, cohorts, settings, only);
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Every file under `dir`, relative path → content. */
function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder).sort()) {
      const path = join(folder, entry);
      if (statSync(path).isDirectory()) walk(path);
      else out.set(relative(dir, path), readFileSync(path));
    }
  };
  walk(dir);
  return out;
}

describe('synthesize', () => {
  it('writes byte-identical files for the same input, whatever the output folder', () => {
    const first = files(synth().outDir);
    const second = files(synth().outDir);
    expect([...second.keys()]).toEqual([...first.keys()]);
    expect(first.size).toBeGreaterThan(3);
    for (const [path, content] of first) expect(second.get(path)?.equals(content), path).toBe(true);
    for (const content of first.values()) expect(content.toString('latin1')).not.toContain(WORKSHOPS_DIR);
  });

  it('writes one folder per cohort plus bootstrap, and returns where', () => {
    const outDir = newDir();
    const result = synthesize({ settings, cohorts: exampleCohorts(), outDir, cohortDir: WORKSHOPS_DIR });
    expect(result.stacks).toEqual(
      ['bootstrap', SEOUL, BUSAN].map((id) => ({ id, file: join(outDir, 'stacks', id, 'cdk.tf.json') })),
    );
    for (const { file } of result.stacks) expect(existsSync(file)).toBe(true);
  });

  it('synthesizes only the cohorts asked for, always with bootstrap, and drops earlier stacks', () => {
    const outDir = newDir();
    synth(undefined, undefined, outDir);
    const terraformFiles = join(outDir, 'stacks', SEOUL, '.terraform');
    mkdirSync(terraformFiles);
    writeFileSync(join(terraformFiles, 'keep'), 'provider cache');
    const partial = synth(undefined, [BUSAN], outDir);
    expect([...partial.stacks.keys()]).toEqual(['bootstrap', BUSAN]);
    expect(existsSync(join(outDir, 'stacks', SEOUL, 'cdk.tf.json'))).toBe(false);
    expect(existsSync(join(outDir, 'stacks', SEOUL, 'assets'))).toBe(false);
    // Terraform's own working files in a stack folder survive a new synthesis.
    expect(readFileSync(join(terraformFiles, 'keep'), 'utf8')).toBe('provider cache');
    const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.stacks).sort()).toEqual([BUSAN, 'bootstrap'].sort());
  });

  it('rejects unknown, duplicate and reserved cohort ids with a message naming them', () => {
    expect(() => synth(undefined, ['nope'])).toThrow(
      new SynthesisError(`no cohort with id "nope"; known: ${SEOUL}, ${BUSAN}`),
    );
    const busan = exampleCohort(BUSAN);
    expect(() => synth([busan, busan])).toThrow(/cohort id "busan-intro-2026-12" is used twice/);
    expect(() => synth([{ ...busan, id: 'bootstrap' }])).toThrow(/"bootstrap" is reserved/);
  });

  it('writes JSON even when the cdktf CLI asks for HCL, and leaves the environment as it was', () => {
    process.env.SYNTH_HCL_OUTPUT = 'true';
    try {
      const result = synth([exampleCohort(BUSAN)]);
      expect(result.stack(BUSAN).resource).toBeDefined();
      expect(process.env.SYNTH_HCL_OUTPUT).toBe('true');
    } finally {
      delete process.env.SYNTH_HCL_OUTPUT;
    }
  });

  it('fails with both names when two resources would get the same Terraform address', () => {
    const busan = exampleCohort(BUSAN);
    const seoul = exampleCohort(SEOUL);
    const script = seoul.etl[0];
    if (script === undefined) throw new Error('the Seoul example has an ETL job');
    // ETL "a" × student "b-c" and ETL "a-b" × student "c" both map to aws_glue_job.etl_a_b_c.
    const clashing: ResolvedCohort = {
      ...busan,
      etl: [
        { ...script, name: 'a' },
        { ...script, name: 'a-b' },
      ],
      students: [
        { id: 'b-c', name: 'B C', email: 'bc@example.com' },
        { id: 'c', name: 'C', email: 'c@example.com' },
      ],
    };
    expect(() => synth([clashing])).toThrow(SynthesisError);
    expect(() => synth([clashing])).toThrow(/aws_glue_job\.etl_a_b_c/);
  });

  it('reports a missing dataset file by path instead of crashing', () => {
    const seoul = exampleCohort(SEOUL);
    const broken = {
      ...seoul,
      datasets: seoul.datasets.map((d) => ({ ...d, source: 'assets/datasets/missing.csv' })),
    };
    expect(() => synth([broken])).toThrow(/cannot read .*missing\.csv \(ENOENT\): check the path/);
  });

  it('uploads a script shared by two ETL entries once, and refuses two scripts with one file name', () => {
    const seoul = exampleCohort(SEOUL);
    const job = seoul.etl[0];
    if (job === undefined) throw new Error('the Seoul example has an ETL job');
    const shared = synth([{ ...seoul, etl: [job, { ...job, name: 'again' }] }]).stack(SEOUL);
    expect(Object.keys(resources(shared, 'aws_s3_object')).filter((id) => id.startsWith('etl_script_'))).toHaveLength(
      1,
    );
    const other = { ...job, name: 'other', script: 'assets/other/clean_taxi_trips.py' };
    expect(() => synth([{ ...seoul, etl: [job, other] }])).toThrow(
      /ETL scripts .* would both upload to _assets\/etl\/clean_taxi_trips\.py; give them different file names/,
    );
  });

  it('keeps text from the cohort file literal: Terraform never evaluates it', () => {
    const busan = exampleCohort(BUSAN);
    const result = synth([{ ...busan, title: 'Intro ${file("/etc/passwd")} %{ if true }x%{ endif }' }]);
    const description = resource(result.stack(BUSAN), 'aws_glue_catalog_database', 'cohort').description;
    expect(description).toBe(`Workshop cohort ${BUSAN}: Intro $\${file("/etc/passwd")} %%{ if true }x%%{ endif }`);
  });

  it('leaves out the budget action when freezing is disabled', () => {
    const busan = exampleCohort(BUSAN);
    const stack = synth([{ ...busan, budget: { ...busan.budget, freezeAtPercent: null } }]).stack(BUSAN);
    expect(stack.resource.aws_budgets_budget_action).toBeUndefined();
    expect(resources(stack, 'aws_iam_policy').freeze).toBeUndefined();
    expect(resources(stack, 'aws_iam_role').budget_action).toBeUndefined();
  });

  it('sends budget emails to at most ten instructors, each address once', () => {
    const busan = exampleCohort(BUSAN);
    const instructors = Array.from({ length: 12 }, (_, i) => ({ name: `I${i}`, email: `i${i}@example.com` }));
    const duplicate = { name: 'Again', email: 'I0@EXAMPLE.com' };
    const stack = synth([{ ...busan, instructors: [...instructors, duplicate] }]).stack(BUSAN);
    const budget = resource(stack, 'aws_budgets_budget', 'cohort');
    for (const n of budget.notification as Record<string, unknown>[]) {
      expect(n.subscriber_email_addresses).toEqual(instructors.slice(0, 10).map((i) => i.email));
    }
    const subscriptions = Object.values(resources(stack, 'aws_sns_topic_subscription'));
    expect(subscriptions).toHaveLength(12);
  });
});
