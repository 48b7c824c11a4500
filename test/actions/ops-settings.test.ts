import { describe, expect, it } from 'vitest';
import { makeRepo, SETTINGS_YAML } from '../cohort/temp-repo.ts';
import { runAction } from './run-action.ts';

const load = () => import('../../actions/ops-settings/main.ts');

// Other values than the shared settings, so nothing here can pass by accident of a default.
const SETTINGS = SETTINGS_YAML.replace('region: us-east-1', 'region: eu-west-1')
  .replace('role/workshop-gitops-plan', 'role/ci/acme-plan')
  .replace('role/workshop-gitops-apply', 'role/ci/acme-apply');

describe('actions/ops-settings', () => {
  it('outputs the three roles and the state region from the settings file alone, without AWS', async () => {
    const root = await makeRepo({ 'workshops/_settings.yaml': SETTINGS });
    const result = await runAction(load, { action: 'ops-settings', inputs: {}, cwd: root });
    expect(result.failed).toBe(false);
    expect(result.outputs).toEqual({
      'ops-role-arn': 'arn:aws:iam::123456789012:role/ci/acme-ops',
      'plan-role-arn': 'arn:aws:iam::123456789012:role/ci/acme-plan',
      'apply-role-arn': 'arn:aws:iam::123456789012:role/ci/acme-apply',
      'state-region': 'eu-west-1',
    });
  });

  it('fails with one sentence, and outputs nothing, when the settings file is missing', async () => {
    const root = await makeRepo({}, { withoutSettings: true });
    const result = await runAction(load, { action: 'ops-settings', inputs: {}, cwd: root });
    expect(result.failed).toBe(true);
    expect(result.outputs).toEqual({});
    expect(result.commands).toEqual([
      '::error::workshops/_settings.yaml is missing or invalid: workshops/_settings.yaml:1:1: error: missing settings ' +
        'file; create workshops/_settings.yaml with namePrefix, state and github (see README) ' +
        '(run `npx workshop validate` to see every problem)',
    ]);
  });

  it('says where an invalid settings file is wrong', async () => {
    const root = await makeRepo({
      'workshops/_settings.yaml': SETTINGS_YAML.replace('region: us-east-1', 'region: mars-1'),
    });
    const result = await runAction(load, { action: 'ops-settings', inputs: {}, cwd: root });
    expect(result.failed).toBe(true);
    expect(result.commands.join('\n')).toMatch(
      /::error::workshops\/_settings\.yaml is missing or invalid: workshops\/_settings\.yaml:\d+:\d+: error: .*region/,
    );
  });
});
