import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planDigest } from '../../src/plan/plan-digest.ts';
import { parsePlanText } from '../../src/plan/read-plan.ts';
import { GITHUB_COMMENT_LIMIT } from '../../src/render/split-comment.ts';
import { FIXTURE_DIR } from '../plan/plan-fixtures.ts';
import { runCli } from './run-cli.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SEOUL = 'seoul-data-eng-2026-12';
const BUSAN = 'busan-intro-2026-12';
const temp = (name: string) => mkdtempSync(path.join(os.tmpdir(), `workshop-${name}-`));
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

describe('workshop plan', () => {
  it('reviews every example cohort offline and writes the review, the comment parts and the summary', async () => {
    const out = temp('plan');
    const result = await runCli(['plan', '--out', out], ROOT);
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith('## Workshop plan · 2 cohorts')).toBe(true);
    expect(readFileSync(path.join(out, 'review.md'), 'utf8')).toBe(result.stdout);
    const parts = readJson(path.join(out, 'comment-parts.json'));
    expect(parts.key).toBe('plan');
    for (const part of parts.parts as string[]) expect(part.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(readJson(path.join(out, 'summary.json'))).toEqual({
      cohorts: [
        { id: BUSAN, action: 'plan', result: 'skipped', guardrailErrors: 0 },
        { id: SEOUL, action: 'plan', result: 'skipped', guardrailErrors: 0 },
      ],
      failed: false,
    });
    expect(result.stdout).toMatch(/Resources in the synthesized stack \(\d+\)/);
    expect(result.stdout).toContain('| `aws_athena_workgroup` | 31 |');
    expect(readJson(path.join(out, 'stacks', SEOUL, 'cdk.tf.json'))).toHaveProperty('resource');
  });

  it('renders Terraform plans given with --plan-json and records their digests', async () => {
    const plans = temp('plans');
    copyFileSync(path.join(FIXTURE_DIR, 'basic-create.json'), path.join(plans, `${SEOUL}.json`));
    const out = temp('plan');
    const result = await runCli(['plan', '--out', out, '--plan-json', plans, '--commit', 'abc1234', SEOUL], ROOT);
    expect(result.code).toBe(0);
    const digest = planDigest(parsePlanText(readFileSync(path.join(plans, `${SEOUL}.json`), 'utf8')));
    expect(readJson(path.join(out, 'summary.json'))).toEqual({
      cohorts: [{ id: SEOUL, action: 'plan', result: 'planned', digest, guardrailErrors: 0 }],
      failed: false,
    });
    expect(result.stdout).toContain('`Plan: 3 to add, 0 to change, 0 to destroy.`');
    expect(result.stdout).toContain(`<!-- workshop-plan-digest:${SEOUL}=${digest} -->`);
    expect(result.stdout).toContain('Plan for commit `abc1234`');
  });

  it('reviews a removed cohort as a destroy and fails on a failed plan', async () => {
    const plans = temp('plans');
    copyFileSync(path.join(FIXTURE_DIR, 'basic-delete.json'), path.join(plans, `${BUSAN}.json`));
    copyFileSync(path.join(FIXTURE_DIR, 'plan-error.json'), path.join(plans, `${SEOUL}.json`));
    const out = temp('plan');
    const result = await runCli(['plan', '--out', out, '--plan-json', plans, '--destroy', BUSAN, BUSAN, SEOUL], ROOT);
    expect(result.code).toBe(1);
    const summary = readJson(path.join(out, 'summary.json'));
    expect(summary.cohorts).toMatchObject([
      { id: BUSAN, action: 'destroy', result: 'planned' },
      { id: SEOUL, action: 'plan', result: 'failed' },
    ]);
    expect(summary.failed).toBe(true);
  });

  it('says which cohort has no plan file and why', async () => {
    const out = temp('plan');
    const plans = temp('plans');
    const reason = 'fork pull requests get no AWS credentials';
    const result = await runCli(['plan', '--out', out, '--plan-json', plans, '--skipped-reason', reason, BUSAN], ROOT);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Terraform plan skipped: ${reason}`);
  });

  it('rejects unknown cohorts and --destroy ids missing from IDS as usage errors', async () => {
    expect((await runCli(['plan', '--out', temp('plan'), 'no-such-cohort'], ROOT)).code).toBe(2);
    const result = await runCli(['plan', '--out', temp('plan'), '--destroy', BUSAN, SEOUL], ROOT);
    expect(result).toMatchObject({ code: 2, stderr: expect.stringContaining('must also be listed in IDS') });
    const missing = await runCli(['plan', '--out', temp('plan'), '--destroy', 'no-such-cohort'], ROOT);
    expect(missing).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--destroy no-such-cohort: no cohort file'),
    });
  });

  describe('with a cohort file that does not validate', () => {
    /** A copy of the repository's data whose Busan file misspells `students`. */
    function brokenRepo(): string {
      const repo = temp('broken');
      cpSync(path.join(ROOT, 'workshops'), path.join(repo, 'workshops'), { recursive: true });
      mkdirSync(path.join(repo, 'src/cost'), { recursive: true });
      copyFileSync(path.join(ROOT, 'src/cost/prices.json'), path.join(repo, 'src/cost/prices.json'));
      const file = path.join(repo, `workshops/${BUSAN}.yaml`);
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^students:/m, 'studnets:'));
      return repo;
    }

    it.each([
      ['named', [BUSAN]],
      ['among all the cohorts', []],
    ])('puts its problems, at file:line:column, in the review when it is %s, and fails', async (_, ids) => {
      const repo = brokenRepo();
      const out = temp('plan');
      const result = await runCli(['plan', '--out', out, ...ids], repo);
      expect(result.code).toBe(1);
      const line =
        readFileSync(path.join(repo, `workshops/${BUSAN}.yaml`), 'utf8')
          .split('\n')
          .findIndex((l) => l.startsWith('studnets:')) + 1;
      const [first] = (readJson(path.join(out, 'comment-parts.json')).parts as string[]) ?? [];
      expect(first).toContain('❌ 2 validation errors');
      expect(first).toContain(`\`workshops/${BUSAN}.yaml:${line}:1\``);
      expect(readJson(path.join(out, 'summary.json')).failed).toBe(true);
    });
  });
});

describe('workshop synth', () => {
  it('writes one stack per cohort and the bootstrap stack, and prints guardrail findings in the contract format', async () => {
    const out = temp('synth');
    const result = await runCli(['synth', '--out', out], ROOT);
    expect(result.stderr).toContain(`synthesized 3 stacks into ${out}/stacks (bootstrap, ${BUSAN}, ${SEOUL})`);
    for (const line of result.stdout.split('\n').filter(Boolean)) {
      expect(line).toMatch(/^[a-z0-9-]+ [a-z0-9_]+(\.[\w-]+)? [a-z0-9-]+: .+$/);
    }
    expect(result.code).toBe(result.stdout.includes(': ') ? 1 : 0);
  });
});
