import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../../scripts/cli/command.ts';
import { jobCommand } from '../../../scripts/cli/job-command.ts';
import { main } from '../../../scripts/workshop.ts';
import { isNetworkError } from '../../../src/aws/errors.ts';
import type { JobDefinition } from '../../../src/jobs/common/job.ts';
import { cohortYaml, makeRepo } from '../../cohort/temp-repo.ts';
import { captureCli } from '../restore/cli-io.ts';
import { ACCOUNT } from './cohorts.ts';

/** Set, so the credential check passes without probing the SDK's chain. */
const KEYS = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'fake-secret' };

/** What Node's HTTP stack rejects with when there is no network: a plain Error with a system code. */
function networkError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, $metadata: { attempts: 8 } });
}

const sts = mockClient(STSClient);
afterEach(() => sts.reset());

describe('jobs when AWS cannot be reached', () => {
  it.each([
    ['cost-report'],
    ['crawl'],
    ['dr-audit'],
    ['dr-drill'],
    ['onboard'],
    ['preflight'],
    ['teardown'],
    ['restore', '--cohort', 'seoul-data-eng-2026-12', '--bucket', 'raw', '--all', '--at', '2026-12-08T00:00:00Z'],
  ])('%s exits 2 with one sentence, not an internal error, when STS is unreachable', async (...argv) => {
    sts
      .on(GetCallerIdentityCommand)
      .rejects(networkError('ENOTFOUND', 'getaddrinfo ENOTFOUND sts.us-east-1.amazonaws.com'));
    // The project's own repository: cost-report reads its price table from there.
    const { io, out } = captureCli(process.cwd(), { ...KEYS, WORKSHOP_SES_SENDER: 'workshops@acme.example' });
    expect(await main(argv, io)).toBe(2);
    expect(out).toEqual({
      stdout: '',
      stderr:
        `workshop ${argv[0]}: Cannot reach AWS (getaddrinfo ENOTFOUND sts.us-east-1.amazonaws.com): ` +
        'check the network and the AWS region and endpoint settings.\n',
    });
  });

  it('classifies a connection failure of a call the job makes for all cohorts at once', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT });
    const failing = (error: Error): JobDefinition<object> => ({
      name: 'probe',
      run: async () => {
        throw error;
      },
    });
    const command = (error: Error) =>
      jobCommand({ job: failing(error), description: 'A test job.', parse: () => ({}) }, { probe: async () => ({}) });
    const root = await makeRepo({ 'workshops/test-cohort.yaml': cohortYaml() });
    const refused = command(networkError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:4566'));
    await expect(refused.run({ values: {}, positionals: [] }, captureCli(root, KEYS).io)).rejects.toThrow(
      new UsageError(
        'Cannot reach AWS (connect ECONNREFUSED 127.0.0.1:4566): check the network and the AWS region and endpoint settings.',
      ),
    );
    // Anything else is still the job's own error, not a configuration problem.
    const broken = command(new Error('boom'));
    const rejection = broken.run({ values: {}, positionals: [] }, captureCli(root, KEYS).io);
    await expect(rejection).rejects.toThrow('boom');
    await expect(rejection).rejects.not.toBeInstanceOf(UsageError);
  });
});

describe('isNetworkError', () => {
  it.each([
    [networkError('ENOTFOUND', 'getaddrinfo ENOTFOUND x'), true],
    [networkError('EAI_AGAIN', 'getaddrinfo EAI_AGAIN x'), true],
    [networkError('ECONNRESET', 'socket hang up'), true],
    [Object.assign(new Error('socket timed out'), { name: 'TimeoutError' }), true],
    [Object.assign(new Error('Access denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }), false],
    [Object.assign(new Error('no such file'), { code: 'ENOENT' }), false],
    ['ENOTFOUND', false],
  ])('%s → %s', (error, expected) => {
    expect(isNetworkError(error)).toBe(expected);
  });
});
