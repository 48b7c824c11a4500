import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../scripts/cli/command.ts';
import { makeFailoverCommand } from '../../../scripts/commands/failover.ts';
import { main } from '../../../scripts/workshop.ts';
import { BUSAN, SEOUL, WORKSHOPS_DIR } from '../../support/example-cohorts.ts';
import { captureCli } from '../restore/cli-io.ts';
import { FakeFailoverGitHub, REPOSITORY } from './fake-github.ts';

const ENV = { GITHUB_TOKEN: 'ghs_secret', GITHUB_REPOSITORY: REPOSITORY };

function github() {
  return new FakeFailoverGitHub({
    [`workshops/${SEOUL}.yaml`]: readFileSync(join(WORKSHOPS_DIR, `${SEOUL}.yaml`), 'utf8'),
    [`workshops/${BUSAN}.yaml`]: readFileSync(join(WORKSHOPS_DIR, `${BUSAN}.yaml`), 'utf8'),
    'workshops/_settings.yaml': readFileSync(join(WORKSHOPS_DIR, '_settings.yaml'), 'utf8'),
  });
}

describe('workshop failover', () => {
  it.each([
    [{}, 'GITHUB_TOKEN and GITHUB_REPOSITORY (owner/name) must be set'],
    [{ GITHUB_TOKEN: 'x' }, 'GITHUB_TOKEN and GITHUB_REPOSITORY (owner/name) must be set'],
    [{ GITHUB_TOKEN: 'x', GITHUB_REPOSITORY: 'not a repo' }, 'GITHUB_REPOSITORY must be owner/name'],
  ])('exits 2 without a usable GitHub environment (%j)', async (env, message) => {
    const { io: cli, out } = captureCli(process.cwd(), env);
    expect(await main(['failover', '--cohort', SEOUL], cli)).toBe(2);
    expect(out.stderr).toBe(
      `workshop failover: ${message}${message.endsWith('set') ? ': the pull request is opened through the GitHub API' : `; got "not a repo"`}\n`,
    );
  });

  it('exits 2 without --cohort', async () => {
    const { io: cli, out } = captureCli(process.cwd(), ENV);
    expect(await main(['failover'], cli)).toBe(2);
    expect(out.stderr).toBe('workshop failover: --cohort is required\n');
  });

  it('opens the pull request and prints where it is; --back opens the return', async () => {
    const fake = github();
    const command = makeFailoverCommand({ fetch: fake.fetch });
    const { io: cli, out } = captureCli(process.cwd(), ENV);
    expect(await command.run({ values: { cohort: SEOUL }, positionals: [] }, cli)).toBe(0);
    expect(out.stdout).toBe(`Opened pull request #41 (failover/${SEOUL}): https://github.com/${REPOSITORY}/pull/41\n`);
    const back = captureCli(process.cwd(), ENV);
    expect(await command.run({ values: { cohort: SEOUL, back: true }, positionals: [] }, back.io)).toBe(1);
    expect(back.out.stderr).toBe(
      `workshop failover: workshops/${SEOUL}.yaml is not failed over on main (no regions.failover: true): nothing to fail back\n`,
    );
  });

  it('exits 1 with GitHub’s answer, never the token, when GitHub refuses', async () => {
    const fake = github();
    const failing: typeof globalThis.fetch = async (input, init) => {
      await fake.fetch(input, init);
      return new Response(JSON.stringify({ message: 'Bad credentials' }), { status: 401 });
    };
    const { io: cli, out } = captureCli(process.cwd(), ENV);
    const code = await makeFailoverCommand({ fetch: failing }).run({ values: { cohort: SEOUL }, positionals: [] }, cli);
    expect(code).toBe(1);
    expect(out.stderr).toContain('answered 401: Bad credentials');
    expect(out.stderr).not.toContain('ghs_secret');
  });

  it('exits 1 with one sentence, not an internal error, when GitHub cannot be reached', async () => {
    const unreachable: typeof globalThis.fetch = async () => {
      const cause = Object.assign(new Error('getaddrinfo ENOTFOUND api.github.com'), { code: 'ENOTFOUND' });
      throw new TypeError('fetch failed', { cause });
    };
    const { io: cli, out } = captureCli(process.cwd(), ENV);
    const code = await makeFailoverCommand({ fetch: unreachable, sleep: async () => undefined }).run(
      { values: { cohort: SEOUL }, positionals: [] },
      cli,
    );
    expect({ code, ...out }).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'workshop failover: cannot reach the GitHub API at https://api.github.com ' +
        '(fetch failed: getaddrinfo ENOTFOUND api.github.com): check the network and GITHUB_API_URL\n',
    });
  });

  it('is a usage error to pass a blank cohort', async () => {
    const { io: cli } = captureCli(process.cwd(), ENV);
    await expect(makeFailoverCommand().run({ values: { cohort: ' ' }, positionals: [] }, cli)).rejects.toBeInstanceOf(
      UsageError,
    );
  });
});
