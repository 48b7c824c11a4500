import { afterEach, describe, expect, it } from 'vitest';
import type { TeardownApis } from '../../../src/jobs/teardown/apis.ts';
import { runAction } from '../../actions/run-action.ts';
import { cohortYaml, makeRepo } from '../../cohort/temp-repo.ts';
import { FakeRepoGitHub } from '../../github/fake-repo-github.ts';
import { LOOPBACK_CREDENTIALS, type Loopback, startLoopback } from '../../support/aws-loopback.ts';
import { type LoopBucket, type LoopUser, teardownWorld } from './loopback-world.ts';

let loopback: Loopback | undefined;
afterEach(async () => {
  await loopback?.close();
  loopback = undefined;
});

const load = () => import('../../../actions/teardown/main.ts');

describe('actions/teardown', () => {
  it('opens the teardown pull request of a due cohort and names it in its outputs', async () => {
    const users = new Map<string, LoopUser>([
      ['acme-ws-seoul_s01', { cohortId: 'seoul', accessKeys: 0, loginProfile: true }],
    ]);
    const buckets = new Map<string, LoopBucket>(
      ['raw', 'processed', 'results', 'trail'].map((r) => [`acme-ws-seoul-${r}`, { cohortId: 'seoul', entries: [] }]),
    );
    const world = teardownWorld({ users, buckets });
    loopback = await startLoopback(world.handler);
    const root = await makeRepo({ 'workshops/seoul.yaml': cohortYaml('seoul') });
    const github = new FakeRepoGitHub(['workshops/seoul.yaml']);
    const result = await runAction(load, {
      action: 'teardown',
      inputs: { apply: 'true', 'github-token': 'ghs_token' },
      cwd: root,
      eventName: 'schedule',
      deps: {
        now: () => new Date('2026-12-13T01:00:00Z'),
        sleep: async () => {},
        clients: { endpoint: loopback.endpoint, credentials: LOOPBACK_CREDENTIALS },
        probe: async () => ({}),
        fetch: github.fetch,
        apis: (production: () => TeardownApis) => ({ ...production(), costReport: async () => 'cost' }),
      },
    });
    expect(result.commands.filter((c) => c.startsWith('::error'))).toEqual([]);
    expect(result.outputs).toEqual({ 'failed-cohorts': '', 'pull-requests': String(github.pulls[0]?.number) });
    expect(github.pulls.map((p) => p.head)).toEqual(['teardown/seoul']);
    expect(result.summary).toContain('## Workshop teardown');
    expect(result.summary).toContain('teardown pull request #');
  });

  it('refuses an unknown mode', async () => {
    const root = await makeRepo({});
    const result = await runAction(load, { action: 'teardown', inputs: { mode: 'destroy-all' }, cwd: root });
    expect(result.failed).toBe(true);
    expect(result.commands.join('\n')).toContain(
      '::error::mode must be one of lifecycle, destroy-prep, leftovers; got "destroy-all"',
    );
  });
});
