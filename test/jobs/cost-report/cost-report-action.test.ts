import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { reportMarker } from '../../../src/github/report-issue.ts';
import { runAction } from '../../actions/run-action.ts';
import { cohortYaml, makeRepo } from '../../cohort/temp-repo.ts';
import { LOOPBACK_CREDENTIALS, type Loopback, startLoopback } from '../../support/aws-loopback.ts';
import { fakeIssuesGitHub } from './fake-issues.ts';
import { costAws } from './loopback-world.ts';

let loopback: Loopback | undefined;
afterEach(async () => {
  await loopback?.close();
  loopback = undefined;
});

const load = () => import('../../../actions/cost-report/main.ts');
const NOW = () => new Date('2026-12-08T06:00:00Z');

async function repo() {
  return makeRepo({
    'workshops/test-cohort.yaml': cohortYaml('test-cohort').replace('primary: ap-northeast-2', 'primary: us-east-1'),
    'src/cost/prices.json': readFileSync('src/cost/prices.json', 'utf8'),
  });
}

describe('actions/cost-report', () => {
  it('writes the summary, creates the report issue once and updates it on the next run', async () => {
    const world = costAws({ spender: 'test-cohort' });
    loopback = await startLoopback(world.handler);
    const github = fakeIssuesGitHub('acme/workshop-gitops');
    const root = await repo();
    const deps = {
      fetch: github.fetch,
      clients: { endpoint: loopback.endpoint, credentials: LOOPBACK_CREDENTIALS },
      now: NOW,
    };
    const options = {
      action: 'cost-report',
      inputs: { 'github-token': 'ghs_test' },
      eventName: 'schedule',
      cwd: root,
      deps,
    };

    const first = await runAction(load, options);
    expect(first.failed).toBe(false);
    expect(first.outputs).toEqual({
      'failed-cohorts': '',
      'alerts-sent': '3',
      'issue-number': '100',
      'issue-url': 'https://github.com/acme/workshop-gitops/issues/100',
    });
    expect(first.summary).toContain('### test-cohort');
    expect(first.summary).toContain('```mermaid');

    const second = await runAction(load, options);
    expect(second.outputs['alerts-sent']).toBe('0');
    expect(github.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /repos/acme/workshop-gitops/issues',
      'PATCH /repos/acme/workshop-gitops/issues/100',
    ]);
    expect(github.issues).toHaveLength(1);
    expect(github.issues[0]?.title).toBe('Workshop cost report');
    expect(github.issues[0]?.body.startsWith(`${reportMarker('cost-report')}\n## Workshop cost-report`)).toBe(true);
    expect(world.published).toHaveLength(1);
  });

  it('on a dry run reports only: no issue, no alert, no state', async () => {
    const world = costAws({ spender: 'test-cohort' });
    loopback = await startLoopback(world.handler);
    const github = fakeIssuesGitHub('acme/workshop-gitops');
    const result = await runAction(load, {
      action: 'cost-report',
      inputs: { 'github-token': 'ghs_test', 'dry-run': 'true' },
      eventName: 'workflow_dispatch',
      cwd: await repo(),
      deps: {
        fetch: github.fetch,
        clients: { endpoint: loopback.endpoint, credentials: LOOPBACK_CREDENTIALS },
        now: NOW,
      },
    });
    expect(result.failed).toBe(false);
    expect(result.summary).toContain('(dry run: nothing changed)');
    expect(github.requests).toEqual([]);
    expect(world.published).toEqual([]);
    expect(world.objects.objects.size).toBe(0);
  });

  it('refuses a real run without github-token before anything runs: no alert goes out without its report', async () => {
    const world = costAws({ spender: 'test-cohort' });
    loopback = await startLoopback(world.handler);
    const result = await runAction(load, {
      action: 'cost-report',
      inputs: {},
      eventName: 'schedule',
      cwd: await repo(),
      deps: { clients: { endpoint: loopback.endpoint, credentials: LOOPBACK_CREDENTIALS }, now: NOW },
    });
    expect(result.failed).toBe(true);
    expect(result.commands).toContain(
      '::error::github-token is needed to update the report issue (or set dry-run: true)',
    );
    expect(world.published).toEqual([]);
    expect(world.objects.objects.size).toBe(0);
  });

  it('fails with one sentence for an unknown cohort', async () => {
    const result = await runAction(load, {
      action: 'cost-report',
      inputs: { 'github-token': 'ghs_test', cohort: 'nope' },
      cwd: await repo(),
      deps: { now: NOW },
    });
    expect(result.failed).toBe(true);
    expect(result.commands).toContain('::error::No cohort "nope": there is no workshops/nope.yaml.');
  });
});
