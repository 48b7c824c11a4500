import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../actions/apply-gate/main.ts';
import { planDigestMarker } from '../../src/github/plan-digest-marker.ts';
import { stickyMarker } from '../../src/github/sticky-comments.ts';
import { planDigest } from '../../src/plan/plan-digest.ts';
import { parsePlanText } from '../../src/plan/read-plan.ts';
import { MIN_DIGEST_KEY_LENGTH, sensitiveSeal } from '../../src/plan/sensitive-seal.ts';
import { FakeGitHub } from '../github/fake-github-api.ts';
import { fixtureText, loadFixture } from '../plan/plan-fixtures.ts';
import { runAction } from './run-action.ts';

const SHA = '5'.repeat(40);
const PR = 12;
const COHORT = 'seoul-data-eng-2026-12';
const dir = mkdtempSync(path.join(tmpdir(), 'apply-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const planFile = path.join(dir, 'plan.json');
writeFileSync(planFile, fixtureText('basic-create.json'));
const digest = planDigest(loadFixture('basic-create.json'));
const merged = { number: PR, merged_at: '2026-01-02T03:04:05Z', merge_commit_sha: SHA };

function review(recorded: string, login = 'github-actions[bot]') {
  return {
    id: 1,
    issue: PR,
    body: `${stickyMarker('plan', 1)}\n${planDigestMarker(COHORT, recorded)}\n\n## Workshop plan`,
    user: { login },
  };
}

const gate = (github: FakeGitHub, inputs: Record<string, string> = {}) =>
  runAction<Deps>(() => import('../../actions/apply-gate/main.ts'), {
    action: 'apply-gate',
    inputs: { cohort: COHORT, 'plan-json': planFile, 'github-token': 't', sha: SHA, ...inputs },
    eventName: 'push',
    deps: { fetch: github.fetch },
  });

describe('actions/apply-gate', () => {
  it('approves the plan reviewed on the merged pull request', async () => {
    const github = new FakeGitHub({ pulls: { [SHA]: [merged] }, comments: [review(digest)] });
    const result = await gate(github);
    expect(result.failed).toBe(false);
    expect(result.outputs).toEqual({ digest, 'pull-request': String(PR), approved: 'true' });
    expect(github.writes()).toEqual([]);
  });

  it('refuses a plan that differs, with the message reviewers act on', async () => {
    const github = new FakeGitHub({ pulls: { [SHA]: [merged] }, comments: [review('0'.repeat(64))] });
    const result = await gate(github);
    expect(result.failed).toBe(true);
    expect(result.outputs.approved).toBe('false');
    expect(result.commands.join('\n')).toContain(
      `the plan differs from the one reviewed on #${PR}: re-run the PR workflow and review again`,
    );
    expect(result.summary).toContain('⛔ Apply gate');
  });

  it('ignores a look-alike review posted by someone else than the workflow', async () => {
    const github = new FakeGitHub({ pulls: { [SHA]: [merged] }, comments: [review(digest, 'mallory')] });
    const result = await gate(github);
    expect(result.failed).toBe(true);
    expect(result.commands.join('\n')).toMatch(/no plan comment from the workflow on #12/);
  });

  it('refuses a commit that came from no pull request', async () => {
    const result = await gate(new FakeGitHub());
    expect(result.failed).toBe(true);
    expect(result.commands.join('\n')).toMatch(/no merged pull request found for commit 5{40}/);
  });

  it('seals sensitive values with digest-key, masks the key, and warns on a sensitive plan without one', async () => {
    const sensitiveFile = path.join(dir, 'sensitive.json');
    writeFileSync(sensitiveFile, fixtureText('sensitive-values.json'));
    const key = 'k'.repeat(MIN_DIGEST_KEY_LENGTH);
    const sealed = planDigest(parsePlanText(fixtureText('sensitive-values.json'), { seal: sensitiveSeal(key) }));
    const github = new FakeGitHub({ pulls: { [SHA]: [merged] }, comments: [review(sealed)] });

    const withKey = await gate(github, { 'plan-json': sensitiveFile, 'digest-key': key });
    expect(withKey.failed).toBe(false);
    expect(withKey.outputs.digest).toBe(sealed);
    expect(withKey.commands).toContain(`::add-mask::${key}`);

    const withoutKey = await gate(github, { 'plan-json': sensitiveFile });
    expect(withoutKey.failed).toBe(true);
    expect(withoutKey.commands.join('\n')).toMatch(/::warning::no digest-key: the plan has sensitive values/);
  });

  it('refuses an input that is not a cohort id', async () => {
    const result = await gate(new FakeGitHub(), { cohort: '../x' });
    expect(result.failed).toBe(true);
  });
});

describe('actions/apply-report', () => {
  const report = (github: FakeGitHub, outcome: string, gateOutcome = 'success') =>
    runAction<Deps>(() => import('../../actions/apply-report/main.ts'), {
      action: 'apply-report',
      inputs: { cohort: COHORT, outcome, 'gate-outcome': gateOutcome, 'github-token': 't', sha: SHA },
      eventName: 'push',
      env: { GITHUB_RUN_ID: '777', GITHUB_RUN_ATTEMPT: '2' },
      deps: { fetch: github.fetch },
    });

  it('reports on the merged pull request and updates that one comment on a re-run', async () => {
    const github = new FakeGitHub({ pulls: { [SHA]: [merged] } });
    const failed = await report(github, 'skipped', 'failure');
    expect(failed.failed).toBe(false);
    const [comment] = github.commentsOn(PR);
    expect(comment?.body).toMatch(new RegExp(`^${stickyMarker(`apply-${COHORT}`, 1)}\n### ⛔ Apply of \`${COHORT}\``));
    expect(comment?.body).toContain('(https://github.com/acme/workshop-gitops/actions/runs/777/attempts/2)');
    expect(failed.outputs['comment-url']).toBe(
      `https://github.com/acme/workshop-gitops/pull/${PR}#issuecomment-${comment?.id}`,
    );

    await report(github, 'success');
    expect(github.commentsOn(PR).map((c) => c.id)).toEqual([comment?.id]);
    expect(github.commentsOn(PR)[0]?.body).toContain(': applied');
  });

  it('only writes the summary when the commit has no merged pull request', async () => {
    const github = new FakeGitHub();
    const result = await report(github, 'success');
    expect(result.failed).toBe(false);
    expect(result.summary).toContain(`Apply of \`${COHORT}\`: applied`);
    expect(result.commands.join('\n')).toMatch(/::warning::no merged pull request found/);
    expect(github.writes()).toEqual([]);
  });

  it('refuses an outcome that is not a step outcome', async () => {
    const result = await report(new FakeGitHub(), 'green');
    expect(result.failed).toBe(true);
    expect(result.commands.join('\n')).toMatch(/outcome must be success, failure/);
  });
});
