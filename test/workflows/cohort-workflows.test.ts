import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { evaluateCondition } from './expression.ts';
import { type Json, jobRuns, type Scenario, type StepRun, simulateSteps } from './simulate-job.ts';
import { checkoutFindings, triggersOf, workflowFindings } from './workflow-rules.ts';

const DIR = '.github/workflows';
const load = (file: string) => parse(readFileSync(`${DIR}/${file}`, 'utf8')) as Json;
const jobsOf = (workflow: Json) => workflow.jobs as Record<string, Json>;
const pr = load('cohort-pr.yml');
const apply = load('cohort-apply.yml');
const PATHS = ['workshops/**', 'terraform-cdk/**', 'src/**', 'package.json', 'package-lock.json', 'cdktf.json'];

const REPO = 'acme/workshop-gitops';
function pullRequest(fork: boolean): Json {
  return {
    repository: REPO,
    sha: 'm'.repeat(40),
    event: {
      pull_request: {
        number: 7,
        base: { sha: 'b'.repeat(40) },
        head: { repo: { fork, full_name: fork ? 'someone/workshop-gitops' : REPO } },
      },
    },
  };
}
const changed = (targets: unknown[]) => ({
  changed: {
    result: 'success',
    outputs: { any: 'true', targets: JSON.stringify(targets), 'plan-role-arn': 'arn', 'state-region': 'us-east-1' },
  },
});

const usesAws = (step: StepRun) =>
  /^(aws-actions\/configure-aws-credentials|hashicorp\/setup-terraform|actions\/upload-artifact)@/.test(
    step.uses ?? '',
  ) ||
  step.uses === './actions/redact-plan' ||
  /\bterraform\b/.test(step.run ?? '');
const ran = (runs: StepRun[]) => runs.filter((r) => r.ran).map((r) => r.id ?? r.name);

describe('every workflow', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.yml'));

  it.each(files)('%s checks out without leaving the token behind', (file) => {
    expect(checkoutFindings(readFileSync(`${DIR}/${file}`, 'utf8'))).toEqual([]);
  });

  it('seals sensitive values with one digest key, where the raw plan is: the redaction and the apply gate', () => {
    const KEY = '${{ secrets.WORKSHOP_PLAN_DIGEST_KEY }}';
    const stepsOf = (workflow: Json) => Object.values(jobsOf(workflow)).flatMap((job) => (job.steps ?? []) as Json[]);
    const withKey = (workflow: Json) =>
      stepsOf(workflow).filter((step) => JSON.stringify(step).includes('WORKSHOP_PLAN_DIGEST_KEY'));
    expect(withKey(pr).map((step) => [step.uses, (step.with as Json)['digest-key']])).toEqual([
      ['./actions/redact-plan', KEY],
    ]);
    expect(withKey(apply).map((step) => [step.uses, (step.with as Json)['digest-key']])).toEqual([
      ['./actions/apply-gate', KEY],
    ]);
  });

  it('pins the same Terraform in the plan and the apply', () => {
    const version = (pr.env as Json).TERRAFORM_VERSION;
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    expect((apply.env as Json).TERRAFORM_VERSION).toBe(version);
    for (const workflow of [pr, apply]) {
      for (const job of Object.values(jobsOf(workflow))) {
        for (const step of (job.steps ?? []) as Json[]) {
          if (String(step.uses).startsWith('hashicorp/setup-terraform@')) {
            expect(step.with).toMatchObject({
              terraform_version: '${{ env.TERRAFORM_VERSION }}',
              terraform_wrapper: false,
            });
          }
        }
      }
    }
  });

  it.each([
    ['pr', pr, { plan: 'id-token', comment: 'pull-requests' }],
    ['apply', apply, { apply: 'id-token pull-requests', onboard: 'id-token' }],
  ] as const)('%s: widens permissions only where needed', (_name, workflow, writers) => {
    expect(workflow.permissions).toEqual({});
    for (const [id, job] of Object.entries(jobsOf(workflow))) {
      const writes = Object.entries((job.permissions ?? {}) as Json)
        .filter(([, level]) => level === 'write')
        .map(([scope]) => scope)
        .sort();
      expect(writes.join(' '), id).toBe((writers as Record<string, string>)[id] ?? '');
    }
  });
});

describe('workflow rules for the new jobs', () => {
  const job = (extra: string) => `on: pull_request
permissions: {}
jobs:
  a:
    runs-on: ubuntu-24.04
    timeout-minutes: 5
    permissions:
      contents: read
${extra}`;

  it.each([
    ['id-token without AWS', job('      id-token: write\n    steps:\n      - run: "true"\n'), /id-token: write but/],
    [
      'pull-requests without a comment',
      job('      pull-requests: write\n    steps:\n      - run: "true"\n'),
      /pull-requests: write but/,
    ],
    ['a local action before npm ci', job('    steps:\n      - uses: ./actions/validate\n'), /before `npm ci`/],
  ])('flag %s', (_name, text, message) => {
    expect(workflowFindings(text).join('\n')).toMatch(message);
  });

  it('flags a checkout that keeps the token', () => {
    const text = job('    steps:\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n');
    expect(checkoutFindings(text)).toEqual(['job a step 1 checks out without persist-credentials: false']);
  });
});

describe('cohort-pr.yml', () => {
  const jobs = jobsOf(pr);
  const plan = jobs.plan as Json;

  it('runs on pull requests that touch cohorts or the machinery, never on pull_request_target', () => {
    expect(triggersOf(pr)).toEqual(['pull_request']);
    expect((pr.on as Json).pull_request).toEqual({ paths: PATHS });
  });

  it('validates, detects, plans each target in a matrix that does not stop at the first failure, then comments', () => {
    expect(jobs.changed?.needs).toBe('validate');
    expect(plan.needs).toBe('changed');
    expect(plan.strategy).toEqual({
      'fail-fast': false,
      matrix: { target: '${{ fromJSON(needs.changed.outputs.targets) }}' },
    });
    expect(jobs.comment?.needs).toEqual(['changed', 'plan']);
  });

  it('diffs the pull request base against the tested merge commit', () => {
    const step = ((jobs.changed?.steps ?? []) as Json[]).find((s) => s.uses === './actions/changed-cohorts');
    expect(step?.with).toEqual({ base: '${{ github.event.pull_request.base.sha }}', head: '${{ github.sha }}' });
  });

  it('plans with AWS and Terraform for a pull request from this repository', () => {
    const runs = simulateSteps(plan, {
      github: pullRequest(false),
      matrix: { target: { id: 'seoul', action: 'plan' } },
      needs: changed([{ id: 'seoul', action: 'plan' }]),
    });
    expect(runs.filter(usesAws).every((r) => r.ran)).toBe(true);
    expect(runs.filter(usesAws).length).toBeGreaterThanOrEqual(7);
    expect(ran(runs)).not.toContain('Restore the deleted cohort files from the base commit');
  });

  it('skips every AWS and Terraform step for a fork, and still synthesizes', () => {
    const runs = simulateSteps(plan, {
      github: pullRequest(true),
      matrix: { target: { id: 'seoul', action: 'plan' } },
      needs: changed([{ id: 'seoul', action: 'plan' }]),
    });
    expect(runs.filter(usesAws).filter((r) => r.ran)).toEqual([]);
    expect(ran(runs)).toContain('synth');
    const aws = plan.steps as Json[];
    const credentials = aws.find((s) => String(s.uses).startsWith('aws-actions/configure-aws-credentials@'));
    expect(String(credentials?.if)).toContain('github.event.pull_request.head.repo.fork == false');
  });

  it('treats a pull request whose fork was deleted (no head repository) as a fork', () => {
    const github = pullRequest(true);
    ((github.event as Json).pull_request as Json).head = { repo: null };
    const runs = simulateSteps(plan, {
      github,
      matrix: { target: { id: 'seoul', action: 'plan' } },
      needs: changed([]),
    });
    expect(runs.filter(usesAws).filter((r) => r.ran)).toEqual([]);
  });

  it('still runs the Terraform plan when guardrails fail, so the review shows both', () => {
    const runs = simulateSteps(plan, {
      github: pullRequest(false),
      matrix: { target: { id: 'seoul', action: 'plan' } },
      needs: changed([]),
      failing: ['synth'],
    });
    expect(ran(runs)).toEqual(expect.arrayContaining(['aws', 'init', 'tfplan', 'show']));
  });

  it('plans a destroy from the restored cohort file, with -destroy', () => {
    const runs = simulateSteps(plan, {
      github: pullRequest(false),
      matrix: { target: { id: 'gone', action: 'destroy' } },
      needs: changed([]),
    });
    const restore = runs.find((r) => r.uses === './actions/restore-deleted');
    const synth = runs.find((r) => r.id === 'synth');
    expect(restore?.ran).toBe(true);
    expect(restore?.index).toBeLessThan(synth?.index ?? 0);
    expect(runs.find((r) => r.id === 'tfplan')?.run).toMatch(/"\$ACTION" = destroy \]; then args\+=\(-destroy\)/);
  });

  it('comments for a fork and after failed plans, saying why the plan was skipped', () => {
    const comment = jobs.comment as Json;
    for (const fork of [true, false]) {
      const scenario: Scenario = {
        github: pullRequest(fork),
        needs: { ...changed([{ id: 'gone', action: 'destroy' }]), plan: { result: 'failure' } },
      };
      expect(jobRuns(comment, scenario, { failed: true, cancelled: false })).toBe(true);
      expect(jobRuns(comment, scenario, { failed: true, cancelled: true })).toBe(false);
      const runs = simulateSteps(comment, scenario);
      expect(ran(runs)).toContain('review');
      expect(runs.find((r) => r.uses === './actions/plan-comment')?.ran).toBe(true);
      expect(runs.find((r) => r.uses === './actions/restore-deleted')?.ran).toBe(true);
    }
    const review = (comment.steps as Json[]).find((s) => s.id === 'review');
    expect(review?.run).toMatch(/args=\(plan --out out --plan-json plans --skipped-reason "\$reason"\)/);
    // Removed cohorts are reviewed as destroys.
    expect(review?.run).toMatch(/select\(\.action == "destroy"\)[\s\S]*args\+=\(--destroy "\$id"\)/);
    expect(review?.run).toMatch(/npx workshop plan "\$\{args\[@\]\}" -- "\$\{ids\[@\]\}"/);
    expect(review?.run).toMatch(/fork.*OIDC token/);
  });

  it('does not comment when validation or detection failed or nothing changed', () => {
    const comment = jobs.comment as Json;
    const skipped = { changed: { result: 'skipped', outputs: {} }, plan: { result: 'skipped' } };
    expect(jobRuns(comment, { github: pullRequest(false), needs: skipped }, { failed: true, cancelled: false })).toBe(
      false,
    );
    const none = {
      changed: { result: 'success', outputs: { any: 'false', targets: '[]' } },
      plan: { result: 'skipped' },
    };
    expect(jobRuns(comment, { github: pullRequest(false), needs: none })).toBe(false);
  });
});

describe('cohort-apply.yml', () => {
  const jobs = jobsOf(apply);
  const job = jobs.apply as Json;
  const scenario = (failing: string[] = []): Scenario => ({
    github: { ref: 'refs/heads/main', sha: 'a'.repeat(40), event: { before: 'b'.repeat(40) } },
    matrix: { target: { id: 'seoul', action: 'plan' } },
    needs: { changed: { outputs: { any: 'true' } } },
    failing,
  });

  it('runs on pushes to main that touch cohorts or the machinery, and on demand for one cohort', () => {
    expect(triggersOf(apply).sort()).toEqual(['push', 'workflow_dispatch']);
    expect((apply.on as Json).push).toEqual({ branches: ['main'], paths: PATHS });
    expect((apply.on as Json).workflow_dispatch).toMatchObject({
      inputs: { cohort: { required: true, type: 'string' } },
    });
    expect(jobs.changed?.if).toBe("github.ref == 'refs/heads/main'");
  });

  it('diffs the push, or takes the dispatched cohort', () => {
    const step = ((jobs.changed?.steps ?? []) as Json[]).find((s) => s.uses === './actions/changed-cohorts');
    expect(step?.with).toEqual({
      base: '${{ github.event.before }}',
      head: '${{ github.sha }}',
      cohort: '${{ inputs.cohort }}',
    });
  });

  it('applies each cohort in the protected environment, one apply per cohort at a time, never cancelled', () => {
    expect(job.environment).toBe('workshops-apply');
    expect(job.concurrency).toEqual({ group: 'cohort-apply-${{ matrix.target.id }}', 'cancel-in-progress': false });
    expect((job.strategy as Json)['fail-fast']).toBe(false);
  });

  it('assumes the apply role, and the pull-request workflow the plan role', () => {
    const role = (workflow: Json, id: string) =>
      ((jobsOf(workflow)[id]?.steps ?? []) as Json[]).find((s) =>
        String(s.uses).startsWith('aws-actions/configure-aws-credentials@'),
      )?.with as Json | undefined;
    expect(role(apply, 'apply')?.['role-to-assume']).toBe('${{ needs.changed.outputs.apply-role-arn }}');
    expect(role(pr, 'plan')?.['role-to-assume']).toBe('${{ needs.changed.outputs.plan-role-arn }}');
  });

  it('applies after the gate approved the fresh plan, and reports', () => {
    const runs = simulateSteps(job, scenario());
    const gate = runs.find((r) => r.id === 'gate');
    const applied = runs.find((r) => r.id === 'apply');
    expect(gate?.uses).toBe('./actions/apply-gate');
    expect(applied?.run).toMatch(/^terraform apply -input=false plan\.tfplan/);
    expect(gate?.index).toBeLessThan(applied?.index ?? 0);
    expect(ran(runs)).toEqual(expect.arrayContaining(['gate', 'apply']));
    expect(runs.find((r) => r.uses === './actions/apply-report')?.ran).toBe(true);
  });

  it('never applies when the gate refuses, and still reports', () => {
    const runs = simulateSteps(job, scenario(['gate']));
    expect(runs.find((r) => r.id === 'apply')?.ran).toBe(false);
    expect(runs.find((r) => r.uses === './actions/apply-report')?.ran).toBe(true);
  });

  it('never applies when synthesis or the guardrails fail, and still reports', () => {
    const runs = simulateSteps(job, scenario(['Synthesize, check guardrails, estimate cost']));
    expect(ran(runs).filter((id) => id === 'gate' || id === 'apply')).toEqual([]);
    expect(runs.find((r) => r.uses === './actions/apply-report')?.ran).toBe(true);
  });

  it('reports the outcomes of the gate and the apply', () => {
    const report = (job.steps as Json[]).find((s) => s.uses === './actions/apply-report');
    expect(report?.with).toMatchObject({
      outcome: '${{ steps.apply.outcome }}',
      'gate-outcome': '${{ steps.gate.outcome }}',
      action: '${{ matrix.target.action }}',
    });
  });
});

describe('the expression evaluator the scenarios rely on', () => {
  const scope = (failed: boolean) => ({
    contexts: { steps: { a: { outcome: 'success', outputs: { ready: 'true' } } }, github: { fork: null } },
    status: { failed, cancelled: false },
  });

  it.each([
    ["steps.a.outputs.ready == 'true'", false, true],
    ["steps.a.outputs.ready == 'true'", true, false],
    ["${{ !cancelled() && steps.a.outcome == 'success' }}", true, true],
    ["steps.b.outcome == 'success'", false, false],
    ['github.fork == false', false, true],
    ["github.fork == false && github.missing == 'acme/x'", false, false],
    ['always() && contains(\'["destroy"]\', \'"destroy"\')', true, true],
    ["'TRUE' == 'true'", false, true],
  ])('%s (after a failure: %s) is %s', (condition, failed, expected) => {
    expect(evaluateCondition(condition, scope(failed))).toBe(expected);
  });
});

describe('cohort-apply.yml around the apply', () => {
  const applyJob = jobsOf(apply).apply as Json;
  const steps = applyJob.steps as Json[];
  const index = (predicate: (step: Json) => boolean) => steps.findIndex(predicate);

  it('preflights the account before planning a created or changed cohort, not a destroyed one', () => {
    const preflight = index((s) => typeof s.run === 'string' && s.run.includes('npx workshop preflight'));
    const plan = index((s) => s.name === 'terraform plan');
    expect(preflight).toBeGreaterThan(-1);
    expect(preflight).toBeLessThan(plan);
    expect(steps[preflight]?.if).toBe("matrix.target.action == 'plan'");
    expect(((steps[preflight]?.env ?? {}) as Json).WORKSHOP_SES_SENDER).toBe('${{ vars.WORKSHOP_SES_SENDER }}');
  });

  it('onboards each applied cohort through the onboard workflow, which skips destroyed ones', () => {
    const onboard = jobsOf(apply).onboard as Json;
    expect(onboard.uses).toBe('./.github/workflows/onboard.yml');
    expect(onboard.needs).toEqual(['changed', 'apply']);
    expect(onboard.with).toEqual({ cohort: '${{ matrix.target.id }}', action: '${{ matrix.target.action }}' });
    const called = jobsOf(load('onboard.yml')).onboard as Json;
    expect(called.if).toBe("github.ref == 'refs/heads/main' && inputs.action != 'destroy'");
  });
});
