import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type Json, jobRuns, type Scenario, type StepRun, simulateSteps } from './simulate-job.ts';
import { triggersOf } from './workflow-rules.ts';

const load = (file: string) => parse(readFileSync(`.github/workflows/${file}`, 'utf8')) as Json;
const workflow = load('cohort-pr-fork-comment.yml');
const jobs = workflow.jobs as Record<string, Json>;
const job = jobs.comment as Json;
const steps = job.steps as Json[];
const runScripts = steps.flatMap((s) => (typeof s.run === 'string' ? [s.run] : []));

const REPO = 'acme/workshop-gitops';
const HEAD = 'a'.repeat(40);
function workflowRun(overrides: Json = {}): Json {
  return {
    repository: REPO,
    event: {
      repository: { default_branch: 'main' },
      workflow_run: {
        event: 'pull_request',
        conclusion: 'failure',
        head_sha: HEAD,
        head_repository: { full_name: 'someone/workshop-gitops' },
        pull_requests: [],
        ...overrides,
      },
    },
  };
}

const found = {
  found: 'true',
  'pull-number': '7',
  'base-sha': 'b'.repeat(40),
  'head-sha': HEAD,
  'head-repository': 'someone/workshop-gitops',
};
const scenario = (pr: Record<string, string>, targets: unknown[] = [{ id: 'seoul', action: 'plan' }]): Scenario => ({
  github: workflowRun(),
  outputs: {
    pr,
    changed: { any: String(targets.length > 0), targets: JSON.stringify(targets) },
  },
});
const ran = (runs: StepRun[]) => runs.filter((r) => r.ran).map((r) => r.id ?? r.name);
const stepIndex = (predicate: (step: Json) => boolean) => steps.findIndex(predicate);

describe('cohort-pr-fork-comment.yml', () => {
  it('runs when a cohort-pr run completes, and that is the name cohort-pr.yml has', () => {
    expect(triggersOf(workflow)).toEqual(['workflow_run']);
    expect((workflow.on as Json).workflow_run).toEqual({ workflows: ['cohort-pr'], types: ['completed'] });
    expect(load('cohort-pr.yml').name).toBe('cohort-pr');
  });

  it('comments only for pull requests from another repository, and not for a superseded run', () => {
    expect(jobRuns(job, { github: workflowRun() })).toBe(true);
    expect(jobRuns(job, { github: workflowRun({ conclusion: 'success' }) })).toBe(true);
    expect(jobRuns(job, { github: workflowRun({ head_repository: { full_name: REPO } }) })).toBe(false);
    expect(jobRuns(job, { github: workflowRun({ event: 'push' }) })).toBe(false);
    expect(jobRuns(job, { github: workflowRun({ conclusion: 'cancelled' }) })).toBe(false);
  });

  it('may read the repository and write pull-request comments, nothing more', () => {
    expect(workflow.permissions).toEqual({});
    expect(job.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
  });

  it("checks out the default branch, never the pull request's head, and uses nothing its run produced", () => {
    const checkouts = steps.filter((s) => String(s.uses).startsWith('actions/checkout@'));
    expect(checkouts.map((s) => s.with)).toEqual([
      { ref: '${{ github.event.repository.default_branch }}', 'fetch-depth': 0, 'persist-credentials': false },
    ]);
    expect(steps.some((s) => /download-artifact|github-script/.test(String(s.uses)))).toBe(false);
    expect(JSON.stringify(steps)).not.toMatch(/workflow_run\.(head_sha|head_branch|artifacts_url|pull_requests)/);
  });

  it('fetches the head from this repository (public and private forks alike), the token masked and for git only', () => {
    const script = String(steps.find((s) => s.id === 'files')?.run);
    expect(script).toMatch(/echo "::add-mask::\$auth"/);
    expect(script).toMatch(
      /git -c "http\.\$GITHUB_SERVER_URL\/\.extraheader=AUTHORIZATION: basic \$auth" fetch .* origin "\$1"/,
    );
    expect(script.indexOf('::add-mask::')).toBeLessThan(script.indexOf('fetch "$HEAD_SHA"'));
    // The token reaches no other command of the step.
    const tokenLines = script.split('\n').filter((line) => /READ_TOKEN|\$auth/.test(line));
    expect(tokenLines.map((line) => line.trim().split(/[ (]/)[0])).toEqual(['auth="$', 'echo', 'fetch']);
  });

  it('takes only workshops/ from the pull request head, after refusing links and submodules', () => {
    const files = steps.find((s) => s.id === 'files');
    expect(files?.env).toEqual({
      HEAD_SHA: '${{ steps.pr.outputs.head-sha }}',
      BASE_SHA: '${{ steps.pr.outputs.base-sha }}',
      READ_TOKEN: '${{ github.token }}',
    });
    const script = String(files?.run);
    const refuse = script.indexOf('git ls-tree -r "$HEAD_SHA" -- workshops/');
    const take = script.indexOf('git checkout "$HEAD_SHA" -- workshops/');
    expect(refuse).toBeGreaterThan(-1);
    expect(take).toBeGreaterThan(refuse);
    // Every use of the head commit: fetch it as objects, inspect or take workshops/, compute the merge base, name it
    // in the review footer.
    const uses = runScripts.flatMap((run) => run.split('\n')).filter((line) => line.includes('HEAD_SHA'));
    for (const line of uses) {
      expect(line.trim()).toMatch(
        /^(fetch "\$HEAD_SHA"|if git ls-tree -r "\$HEAD_SHA" -- workshops\/ \|.*|git checkout "\$HEAD_SHA" -- workshops\/|echo "base=\$\(git merge-base "\$BASE_SHA" "\$HEAD_SHA"\)" >> "\$GITHUB_OUTPUT"|args=\(plan --out out --skipped-reason "\$reason" --commit "\$HEAD_SHA"\))$/,
      );
    }
    expect(uses).toHaveLength(5);
    // Our code is installed before the fork's files arrive.
    expect(stepIndex((s) => /\bnpm ci\b/.test(String(s.run)))).toBeLessThan(stepIndex((s) => s.id === 'files'));
  });

  it('plans the changed cohorts with trusted code, without Terraform plans, and comments on the pull request found', () => {
    const changed = steps.find((s) => s.uses === './actions/changed-cohorts');
    expect(changed?.with).toEqual({
      base: '${{ steps.files.outputs.base }}',
      head: '${{ steps.pr.outputs.head-sha }}',
    });
    const review = String(steps.find((s) => s.id === 'review')?.run);
    // The footer names the fork's head commit, not the default branch's (GITHUB_SHA under workflow_run).
    expect(review).toMatch(/args=\(plan --out out --skipped-reason "\$reason" --commit "\$HEAD_SHA"\)/);
    expect(review).toMatch(/reason=".*fork.*OIDC token/);
    expect(review).not.toMatch(/--plan-json/);
    const lookup = steps.find((s) => s.id === 'pr');
    expect(lookup?.uses).toBe('./actions/fork-review');
    const comment = steps.find((s) => s.uses === './actions/plan-comment');
    expect(comment?.with).toEqual({
      'review-dir': 'out',
      'github-token': '${{ github.token }}',
      'issue-number': '${{ steps.pr.outputs.pull-number }}',
    });
  });

  it('does nothing after the lookup when no single pull request matches', () => {
    const runs = simulateSteps(job, scenario({ found: 'false' }));
    expect(ran(runs)).toContain('pr');
    expect(runs.slice(stepIndex((s) => s.id === 'files')).every((r) => !r.ran)).toBe(true);
  });

  it('takes the files, reviews and comments for the pull request found, also when the review finds errors', () => {
    expect(ran(simulateSteps(job, scenario(found)))).toEqual(
      expect.arrayContaining(['pr', 'files', 'changed', 'review', 'Post the review comment']),
    );
    const failing = simulateSteps(job, { ...scenario(found), failing: ['review'] });
    expect(failing.find((r) => r.uses === './actions/plan-comment')?.ran).toBe(true);
    const none = simulateSteps(job, scenario(found, []));
    expect(ran(none)).not.toContain('review');
    expect(none.find((r) => r.uses === './actions/plan-comment')?.ran).toBe(false);
  });

  it('restores deleted cohort files only when a cohort is destroyed, before the review', () => {
    const restore = (targets: unknown[]) =>
      simulateSteps(job, scenario(found, targets)).find((r) => r.uses === './actions/restore-deleted');
    expect(restore([{ id: 'gone', action: 'destroy' }])?.ran).toBe(true);
    expect(restore([{ id: 'seoul', action: 'plan' }])?.ran).toBe(false);
    expect(stepIndex((s) => s.uses === './actions/restore-deleted')).toBeLessThan(stepIndex((s) => s.id === 'review'));
  });

  it('reviews nothing and comments nothing when the files step refuses the pull request', () => {
    const runs = simulateSteps(job, { ...scenario(found), failing: ['files'] });
    expect(ran(runs)).not.toContain('changed');
    expect(runs.find((r) => r.uses === './actions/plan-comment')?.ran).toBe(false);
  });
});
