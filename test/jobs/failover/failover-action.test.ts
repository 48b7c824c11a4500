import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAction } from '../../actions/run-action.ts';
import { SEOUL, WORKSHOPS_DIR } from '../../support/example-cohorts.ts';
import { FakeFailoverGitHub, REPOSITORY } from './fake-github.ts';

const load = () => import('../../../actions/failover/main.ts');

function github() {
  return new FakeFailoverGitHub({
    [`workshops/${SEOUL}.yaml`]: readFileSync(join(WORKSHOPS_DIR, `${SEOUL}.yaml`), 'utf8'),
    'workshops/_settings.yaml': readFileSync(join(WORKSHOPS_DIR, '_settings.yaml'), 'utf8'),
  });
}

describe('actions/failover', () => {
  it('opens the pull request and outputs its number and address', async () => {
    const fake = github();
    const result = await runAction(load, {
      action: 'failover',
      inputs: { cohort: SEOUL, direction: 'failover', 'github-token': 'ghs_pr_token' },
      deps: { fetch: fake.fetch },
    });
    expect(result.failed).toBe(false);
    expect(result.outputs).toEqual({
      'pull-request-number': '41',
      'pull-request-url': `https://github.com/${REPOSITORY}/pull/41`,
    });
    expect(result.commands).toContain('::add-mask::ghs_pr_token');
    expect(fake.pulls[0]?.head).toBe(`failover/${SEOUL}`);
  });

  it('fails with what to set when the token secret is empty, and on a direction it does not know', async () => {
    const empty = await runAction(load, { action: 'failover', inputs: { cohort: SEOUL, 'github-token': '' } });
    expect(empty.commands.join('\n')).toContain('::error::github-token is empty: set the WORKSHOP_PR_TOKEN secret');
    const fake = github();
    const sideways = await runAction(load, {
      action: 'failover',
      inputs: { cohort: SEOUL, direction: 'sideways', 'github-token': 't' },
      deps: { fetch: fake.fetch },
    });
    expect(sideways.commands.join('\n')).toContain('::error::direction must be failover or failback; got "sideways"');
    const noCohort = await runAction(load, {
      action: 'failover',
      inputs: { 'github-token': 't' },
      deps: { fetch: fake.fetch },
    });
    expect(noCohort.commands.join('\n')).toContain('::error::Input required and not supplied: cohort');
    expect(fake.requests).toEqual([]);
  });
});
