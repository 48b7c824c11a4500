import { afterEach, describe, expect, it } from 'vitest';
import { runAction } from '../../actions/run-action.ts';
import { cohortYaml, makeRepo } from '../../cohort/temp-repo.ts';
import { LOOPBACK_CREDENTIALS, type Loopback, startLoopback } from '../../support/aws-loopback.ts';
import { onboardAws } from './loopback-world.ts';

let loopback: Loopback | undefined;
afterEach(async () => {
  await loopback?.close();
  loopback = undefined;
});

const load = () => import('../../../actions/onboard/main.ts');

describe('actions/onboard', () => {
  it('onboards, masks every password with the runner and keeps them out of the summary', async () => {
    const world = onboardAws();
    loopback = await startLoopback(world.handler);
    const root = await makeRepo({ 'workshops/test-cohort.yaml': cohortYaml() });
    const result = await runAction(load, {
      action: 'onboard',
      inputs: { sender: 'workshops@acme.example' },
      cwd: root,
      deps: {
        now: () => new Date('2026-12-01T00:00:00Z'),
        clients: { endpoint: loopback.endpoint, credentials: LOOPBACK_CREDENTIALS },
        probe: async () => ({}),
      },
    });
    expect(result.failed).toBe(false);
    expect(result.outputs).toEqual({ 'failed-cohorts': '' });
    const passwords = [...world.profiles.values()];
    expect(passwords).toHaveLength(2);
    for (const password of passwords) {
      // Workflow commands escape % as %25.
      expect(result.commands).toContain(`::add-mask::${password.replaceAll('%', '%25')}`);
      expect(result.summary).not.toContain(password);
    }
    expect(result.summary).toContain('3 onboarded');
  });

  it('fails with one message when there is no sender', async () => {
    const root = await makeRepo({ 'workshops/test-cohort.yaml': cohortYaml() });
    const result = await runAction(load, {
      action: 'onboard',
      inputs: {},
      cwd: root,
      env: { WORKSHOP_SES_SENDER: '' },
      deps: { probe: async () => ({}) },
    });
    expect(result.failed).toBe(true);
    expect(result.commands.join('\n')).toMatch(/::error::No sender address: set WORKSHOP_SES_SENDER/);
  });
});
