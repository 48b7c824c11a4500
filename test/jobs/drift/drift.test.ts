import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { githubRest } from '../../../src/github/github-rest.ts';
import { restTitledIssues } from '../../../src/github/titled-issue.ts';
import type { CohortReport, JobReport } from '../../../src/jobs/common/report.ts';
import { runDrift } from '../../../src/jobs/drift/drift.ts';
import { cohortYaml, makeRepo } from '../../cohort/temp-repo.ts';
import { BOT, FakeRepoGitHub, REPOSITORY } from '../../github/fake-repo-github.ts';
import { testContext } from '../common/fakes.ts';

const FIXTURES = '../shared/fixtures/terraform-show-json';
const NOW = '2026-12-20T05:00:00Z';
const MARKER = '<!-- workshop-gitops:drift:seoul -->';

const folders: string[] = [];
afterAll(() => Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true }))));

async function tempFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'drift-plans-'));
  folders.push(dir);
  return dir;
}

async function repo(): Promise<string> {
  return makeRepo({ 'workshops/seoul.yaml': cohortYaml('seoul'), 'workshops/busan.yaml': cohortYaml('busan') });
}

/** A folder of plans: cohort id → fixture file name. */
async function plans(files: Record<string, string>): Promise<string> {
  const dir = await tempFolder();
  for (const [id, fixture] of Object.entries(files))
    await copyFile(path.join(FIXTURES, fixture), path.join(dir, `${id}.json`));
  return dir;
}

function issuesOf(github: FakeRepoGitHub) {
  return (repository: string) =>
    restTitledIssues(githubRest({ token: 't', fetch: github.fetch }), { repository, author: BOT });
}

async function run(
  root: string,
  planDir: string,
  github: FakeRepoGitHub | undefined,
  dryRun = false,
): Promise<JobReport> {
  return runDrift({
    root,
    planDir,
    ctx: testContext(NOW, dryRun),
    ...(github === undefined ? {} : { issues: issuesOf(github) }),
  });
}

const cohort = (report: JobReport, id: string): CohortReport | undefined =>
  report.cohorts.find((c) => c.cohortId === id);
const issueAction = (report: JobReport, id: string) =>
  (cohort(report, id)?.data as { issue: { action: string } } | undefined)?.issue.action;

describe('drift', () => {
  it('opens one issue for a drifted cohort with the rendered drift, and none for a clean one', async () => {
    const root = await repo();
    const github = new FakeRepoGitHub();
    const report = await run(root, await plans({ seoul: 'drift.json', busan: 'basic-update.json' }), github);

    expect(report.cohorts.map((c) => [c.cohortId, c.status])).toEqual([
      ['busan', 'ok'],
      ['seoul', 'warning'],
    ]);
    expect(github.issues).toHaveLength(1);
    const [issue] = github.issues;
    expect(issue?.title).toBe('Drift: seoul');
    expect(issue?.body.startsWith(`${MARKER}\n## Drift: \`seoul\``)).toBe(true);
    // The review loop's drift section: the address and the changed attribute, before and after.
    expect(issue?.body).toContain('<details><summary>Changed outside Terraform (1)</summary>');
    expect(issue?.body).toContain('test_instance.should_refresh');
    expect(issue?.body).toMatch(/refresh-me[\s\S]*refreshed/);
    expect((cohort(report, 'seoul')?.data as { drifted: unknown[] } | undefined)?.drifted).toEqual([
      { address: 'test_instance.should_refresh', action: 'update' },
    ]);
  });

  it('updates the issue in place, never duplicates it, and writes nothing while the drift is the same', async () => {
    const root = await repo();
    const github = new FakeRepoGitHub();
    await run(root, await plans({ seoul: 'drift.json', busan: 'basic-update.json' }), github);
    const writes = github.writes().length;

    const same = await run(root, await plans({ seoul: 'drift.json', busan: 'basic-update.json' }), github);
    expect(issueAction(same, 'seoul')).toBe('unchanged');
    expect(github.writes().length).toBe(writes);

    const moved = await run(root, await plans({ seoul: 'moved-drift.json', busan: 'basic-update.json' }), github);
    expect(issueAction(moved, 'seoul')).toBe('updated');
    expect(github.issues).toHaveLength(1);
    expect(github.issues[0]?.body).toContain('test_instance.should_refresh_with_move');
    expect(github.writes().slice(writes)).toEqual([`PATCH /repos/${REPOSITORY}/issues/1`]);
  });

  it('closes the issue with a comment when the cohort is clean again, and reopens the same one when it drifts', async () => {
    const root = await repo();
    const github = new FakeRepoGitHub();
    await run(root, await plans({ seoul: 'drift.json', busan: 'basic-update.json' }), github);

    const clean = await run(root, await plans({ seoul: 'basic-update.json', busan: 'basic-update.json' }), github);
    expect(issueAction(clean, 'seoul')).toBe('closed');
    expect(github.issues[0]).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(github.issues[0]?.comments[0]?.body).toMatch(/^✅ The read-only plan of 2026-12-20 found no changes/);

    const stillClean = await run(root, await plans({ seoul: 'basic-update.json', busan: 'basic-update.json' }), github);
    expect(issueAction(stillClean, 'seoul')).toBe('none');

    const again = await run(root, await plans({ seoul: 'drift.json', busan: 'basic-update.json' }), github);
    expect(issueAction(again, 'seoul')).toBe('reopened');
    expect(github.issues).toHaveLength(1);
    expect(github.issues[0]?.state).toBe('open');
    expect(github.issues[0]?.comments).toHaveLength(2);
  });

  it('never takes or touches a look-alike issue written by someone else', async () => {
    const root = await repo();
    const github = new FakeRepoGitHub();
    github.addIssue({ title: 'Drift: seoul', body: `${MARKER}\nfake`, state: 'open', user: 'mallory' });
    await run(root, await plans({ seoul: 'drift.json', busan: 'basic-update.json' }), github);
    expect(github.issues.map((i) => [i.user, i.body.endsWith('fake')])).toEqual([
      ['mallory', true],
      [BOT, false],
    ]);
  });

  it('fails a cohort without a plan or with a failed plan, and leaves its issue as it is', async () => {
    const root = await repo();
    const github = new FakeRepoGitHub();
    await run(root, await plans({ seoul: 'drift.json', busan: 'basic-update.json' }), github);
    const writes = github.writes().length;
    const report = await run(root, await plans({ seoul: 'plan-error.json' }), github);
    expect(report.cohorts.map((c) => [c.cohortId, c.status])).toEqual([
      ['busan', 'failed'],
      ['seoul', 'failed'],
    ]);
    expect(cohort(report, 'busan')?.problems[0]).toMatch(/^no plan at .*busan\.json: the plan job failed/);
    expect(cohort(report, 'seoul')?.problems[0]).toContain('the plan failed, so drift could not be checked');
    expect(github.writes().length).toBe(writes);
    expect(github.issues[0]?.state).toBe('open');
  });

  it('keeps the issue body under GitHub’s limit however large the drift', async () => {
    const root = await repo();
    const plan = JSON.parse(await readFile(path.join(FIXTURES, 'drift.json'), 'utf8')) as {
      resource_drift: { address: string; name: string; change: { after: Record<string, string> } }[];
    };
    const [template] = plan.resource_drift;
    plan.resource_drift = Array.from({ length: 3000 }, (_, i) => ({
      ...structuredClone(template as NonNullable<typeof template>),
      address: `test_instance.drifted_${i}`,
      name: `drifted_${i}`,
    }));
    for (const entry of plan.resource_drift) entry.change.after.ami = 'x'.repeat(150);
    const dir = await tempFolder();
    await writeFile(path.join(dir, 'seoul.json'), JSON.stringify(plan));
    const github = new FakeRepoGitHub();
    await runDrift({ root, planDir: dir, cohortId: 'seoul', ctx: testContext(NOW), issues: issuesOf(github) });
    const body = github.issues[0]?.body ?? '';
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body.length).toBeGreaterThan(60_000);
    expect(body).toMatch(/_[\d,]+ resources not shown here: see the drift workflow's plan artifact\._/);
  });

  it('only reports on a dry run, and without a token', async () => {
    const root = await repo();
    const github = new FakeRepoGitHub();
    const dir = await plans({ seoul: 'drift.json', busan: 'basic-update.json' });
    const dry = await run(root, dir, github, true);
    expect(issueAction(dry, 'seoul')).toBe('opened');
    expect(dry.cohorts.find((c) => c.cohortId === 'seoul')?.summary).toMatch(/; issue would be opened \(dry run\)$/);
    expect(github.writes()).toEqual([]);
    const none = await run(root, dir, undefined);
    expect(issueAction(none, 'seoul')).toBe('skipped');
    expect(none.notes).toEqual(['No GitHub token: drift was checked; no issue was opened, updated or closed.']);
  });

  it('refuses a plan folder that does not exist', async () => {
    const root = await repo();
    await mkdir(path.join(root, 'empty'));
    await expect(run(root, path.join(root, 'nope'), undefined)).rejects.toThrow(/is not a folder/);
    const report = await run(root, path.join(root, 'empty'), undefined);
    expect(report.cohorts.every((c) => c.status === 'failed')).toBe(true);
  });
});
