import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type Json, jobRuns, type Scenario, type StepRun, simulateSteps } from './simulate-job.ts';
import { triggersOf } from './workflow-rules.ts';

const load = (file: string) => parse(readFileSync(`.github/workflows/${file}`, 'utf8')) as Json;
const jobsOf = (workflow: Json) => workflow.jobs as Record<string, Json>;
const drift = load('drift.yml');
const teardown = load('teardown.yml');
const apply = load('cohort-apply.yml');
const ran = (runs: StepRun[]) => runs.filter((r) => r.ran).map((r) => r.id ?? r.name);
const stepWith = (job: Json, uses: RegExp) => ((job.steps ?? []) as Json[]).find((s) => uses.test(String(s.uses)));
const inputsOf = (step: Json | undefined) => (step?.with ?? {}) as Json;

function writes(workflow: Json): Record<string, string> {
  return Object.fromEntries(
    Object.entries(jobsOf(workflow)).map(([id, job]) => [
      id,
      Object.entries((job.permissions ?? {}) as Json)
        .filter(([, level]) => level === 'write')
        .map(([scope]) => scope)
        .sort()
        .join(' '),
    ]),
  );
}

describe('drift.yml', () => {
  const jobs = jobsOf(drift);

  it('runs daily and on demand, widening permissions only where needed', () => {
    expect(triggersOf(drift).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(drift.permissions).toEqual({});
    expect(writes(drift)).toEqual({ cohorts: '', plan: 'id-token', issues: 'issues' });
  });

  it('plans each cohort read-only in a matrix with the plan role, redacted before upload', () => {
    const plan = jobs.plan as Json;
    expect((plan.strategy as Json)['fail-fast']).toBe(false);
    expect((plan.strategy as Json).matrix).toEqual({ cohort: '${{ fromJSON(needs.cohorts.outputs.cohorts) }}' });
    expect(inputsOf(stepWith(plan, /^aws-actions\/configure-aws-credentials@/))['role-to-assume']).toBe(
      '${{ needs.cohorts.outputs.plan-role-arn }}',
    );
    const steps = (plan.steps ?? []) as Json[];
    const planStep = steps.find((s) => String(s.name).startsWith('terraform plan'));
    expect(planStep?.run).toBe('terraform plan -refresh-only -input=false -lock=false -out=plan.tfplan');
    const order = steps.map((s) => String(s.uses ?? s.name));
    expect(order.indexOf('./actions/redact-plan')).toBeLessThan(
      order.findIndex((u) => u.startsWith('actions/upload-artifact@')),
    );
  });

  it('updates the issues even when some plans failed, but not when cancelled or when there is nothing to plan', () => {
    const issues = jobs.issues as Json;
    const scenario = (any: string): Scenario => ({
      needs: { cohorts: { result: 'success', outputs: { any } }, plan: { result: 'failure' } },
    });
    expect(jobRuns(issues, scenario('true'), { failed: true, cancelled: false })).toBe(true);
    expect(jobRuns(issues, scenario('true'), { failed: true, cancelled: true })).toBe(false);
    expect(jobRuns(issues, scenario('false'))).toBe(false);
    expect(stepWith(issues, /^\.\/actions\/drift$/)?.with).toMatchObject({
      'plan-json': 'plans',
      'github-token': '${{ github.token }}',
    });
  });
});

describe('teardown.yml', () => {
  const jobs = jobsOf(teardown);
  const main = (event: string) => ({ ref: 'refs/heads/main', event_name: event });

  it('runs the lifecycle daily and on demand with the ops role, and never off main', () => {
    expect(triggersOf(teardown).sort()).toEqual(['schedule', 'workflow_dispatch']);
    const lifecycle = jobs.lifecycle as Json;
    expect(jobRuns(lifecycle, { github: main('schedule') })).toBe(true);
    expect(jobRuns(lifecycle, { github: main('workflow_dispatch'), inputs: { mode: 'lifecycle' } })).toBe(true);
    expect(jobRuns(lifecycle, { github: main('workflow_dispatch'), inputs: { mode: 'leftovers' } })).toBe(false);
    expect(jobRuns(lifecycle, { github: { ref: 'refs/heads/x', event_name: 'schedule' } })).toBe(false);
    expect(inputsOf(stepWith(lifecycle, /^aws-actions\//))['role-to-assume']).toBe(
      '${{ steps.settings.outputs.ops-role-arn }}',
    );
    // The schedule has no inputs: `!inputs.dry-run` is true there, so the daily run acts.
    const run = ((lifecycle.steps ?? []) as Json[]).find((s) => (s.with as Json | undefined)?.mode === 'lifecycle');
    expect(inputsOf(run).apply).toBe('${{ !inputs.dry-run }}');
  });

  it('lists and sweeps leftovers only on demand, with the apply role in the protected environment', () => {
    const leftovers = jobs.leftovers as Json;
    expect(jobRuns(leftovers, { github: main('schedule') })).toBe(false);
    expect(jobRuns(leftovers, { github: main('workflow_dispatch'), inputs: { mode: 'leftovers' } })).toBe(true);
    expect(leftovers.environment).toBe('workshops-apply');
    expect(inputsOf(stepWith(leftovers, /^aws-actions\//))['role-to-assume']).toBe(
      '${{ steps.settings.outputs.apply-role-arn }}',
    );
    expect(writes(teardown)).toEqual({ lifecycle: 'contents id-token issues pull-requests', leftovers: 'id-token' });
  });
});

describe('cohort-apply.yml destroys a removed cohort', () => {
  const job = jobsOf(apply).apply as Json;
  const scenario = (action: string, failing: string[] = []): Scenario => ({
    github: { ref: 'refs/heads/main', sha: 'a'.repeat(40), event: { before: 'b'.repeat(40) } },
    matrix: { target: { id: 'seoul', action } },
    needs: { changed: { outputs: { any: 'true' } } },
    failing,
  });

  it('prepares the destroy after the gate and before terraform apply, then checks for leftovers', () => {
    const runs = simulateSteps(job, scenario('destroy'));
    const index = (id: string) => runs.find((r) => r.id === id)?.index ?? -1;
    expect(ran(runs)).toEqual(expect.arrayContaining(['gate', 'destroy-prep', 'apply', 'leftovers']));
    expect(index('gate')).toBeLessThan(index('destroy-prep'));
    expect(index('destroy-prep')).toBeLessThan(index('apply'));
    expect(index('apply')).toBeLessThan(index('leftovers'));
    expect(runs.find((r) => r.id === 'destroy-prep')?.run).toMatch(
      /^npx workshop teardown --cohort "\$COHORT" --destroy-prep --apply/,
    );
    expect(runs.find((r) => r.id === 'leftovers')?.run).toMatch(
      /^npx workshop teardown --cohort "\$COHORT" --leftovers/,
    );
  });

  it('never destroys when the preparation refuses or fails, and still reports', () => {
    const runs = simulateSteps(job, scenario('destroy', ['destroy-prep']));
    expect(ran(runs)).not.toContain('apply');
    expect(ran(runs)).not.toContain('leftovers');
    expect(runs.find((r) => r.uses === './actions/apply-report')?.ran).toBe(true);
  });

  it('skips both steps for a cohort that is planned, not destroyed', () => {
    const runs = simulateSteps(job, scenario('plan'));
    expect(ran(runs)).not.toContain('destroy-prep');
    expect(ran(runs)).not.toContain('leftovers');
    expect(ran(runs)).toContain('apply');
  });
});
