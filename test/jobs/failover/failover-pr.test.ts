import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { githubRest } from '../../../src/github/github-rest.ts';
import { FailoverError } from '../../../src/jobs/failover/cohort-file-edit.ts';
import { openFailoverPullRequest } from '../../../src/jobs/failover/failover-pr.ts';
import { BUSAN, SEOUL, WORKSHOPS_DIR } from '../../support/example-cohorts.ts';
import { FakeFailoverGitHub, REPOSITORY } from './fake-github.ts';

const FILE = `workshops/${SEOUL}.yaml`;
const files = () => ({
  [FILE]: readFileSync(join(WORKSHOPS_DIR, `${SEOUL}.yaml`), 'utf8'),
  [`workshops/${BUSAN}.yaml`]: readFileSync(join(WORKSHOPS_DIR, `${BUSAN}.yaml`), 'utf8'),
  'workshops/_settings.yaml': readFileSync(join(WORKSHOPS_DIR, '_settings.yaml'), 'utf8'),
});

function setup() {
  const github = new FakeFailoverGitHub(files());
  const rest = githubRest({ token: 'ghs_secret', fetch: github.fetch, sleep: async () => {} });
  return { github, rest };
}

describe('openFailoverPullRequest', () => {
  it('branches from main, commits the one-line change and opens the pull request with the runbook', async () => {
    const { github, rest } = setup();
    const pull = await openFailoverPullRequest(rest, REPOSITORY, { cohortId: SEOUL, direction: 'failover' });
    expect(pull).toEqual({
      number: 41,
      url: `https://github.com/${REPOSITORY}/pull/41`,
      branch: `failover/${SEOUL}`,
      created: true,
    });
    const main = github.branches.get('main')?.sha;
    expect(github.writes()).toEqual([
      `POST /repos/${REPOSITORY}/git/refs`,
      `PUT /repos/${REPOSITORY}/contents/workshops/${SEOUL}.yaml`,
      `POST /repos/${REPOSITORY}/pulls`,
    ]);
    expect(github.requests.find((r) => r.method === 'POST')?.body).toEqual({
      ref: `refs/heads/failover/${SEOUL}`,
      sha: main,
    });
    const committed = github.fileOn(`failover/${SEOUL}`, FILE) ?? '';
    expect((parse(committed) as { regions: unknown }).regions).toEqual({
      primary: 'ap-northeast-2',
      backup: 'ap-southeast-1',
      failover: true,
    });
    expect(github.fileOn('main', FILE)).not.toContain('failover');
    const opened = github.pulls[0];
    expect(opened).toMatchObject({
      head: `failover/${SEOUL}`,
      base: 'main',
      title: `Fail over ${SEOUL} to ap-southeast-1`,
    });
    expect(opened?.body).toContain('### Runbook');
    expect(opened?.body).toContain('**Fail back** — when ap-northeast-2 is healthy');
    expect(opened?.body).toContain('acme-ws-seoul-data-eng-2026-12-results-dr');
    // The token went in the header only.
    expect(github.requests.every((r) => r.authorization === 'Bearer ghs_secret' && !r.path.includes('ghs_'))).toBe(
      true,
    );
  });

  it('opens the failback from failback/<id>, removing the line again', async () => {
    const { github, rest } = setup();
    const main = github.branches.get('main');
    const failedOver = (main?.files.get(FILE) ?? '').replace(
      '  backup: ap-southeast-1\n',
      '  backup: ap-southeast-1\n  failover: true\n',
    );
    main?.files.set(FILE, failedOver);
    const pull = await openFailoverPullRequest(rest, REPOSITORY, { cohortId: SEOUL, direction: 'failback' });
    expect(pull.branch).toBe(`failback/${SEOUL}`);
    expect(github.fileOn(pull.branch, FILE)).toBe(files()[FILE]);
    expect(github.pulls[0]?.title).toBe(`Fail back ${SEOUL} to ap-northeast-2`);
    expect(github.pulls[0]?.body).toContain('Empty `acme-ws-seoul-data-eng-2026-12-results-dr`');
  });

  it('returns the open pull request when the branch already has one, writing nothing more', async () => {
    const { github, rest } = setup();
    await openFailoverPullRequest(rest, REPOSITORY, { cohortId: SEOUL, direction: 'failover' });
    const writes = github.writes().length;
    const again = await openFailoverPullRequest(rest, REPOSITORY, { cohortId: SEOUL, direction: 'failover' });
    expect(again).toMatchObject({ number: 41, created: false });
    expect(github.writes()).toHaveLength(writes + 1);
    expect(github.writes().at(-1)).toBe(`POST /repos/${REPOSITORY}/git/refs`);
  });

  it('refuses a branch left without a pull request', async () => {
    const { github, rest } = setup();
    const main = github.branches.get('main');
    if (main) github.branches.set(`failover/${SEOUL}`, { sha: main.sha, files: new Map(main.files) });
    await expect(openFailoverPullRequest(rest, REPOSITORY, { cohortId: SEOUL, direction: 'failover' })).rejects.toThrow(
      /already exists without an open pull request/,
    );
  });

  it('writes nothing for a cohort without a backup region, a missing cohort, or an id that is not one', async () => {
    const { github, rest } = setup();
    await expect(openFailoverPullRequest(rest, REPOSITORY, { cohortId: BUSAN, direction: 'failover' })).rejects.toThrow(
      /no replica to fail over to/,
    );
    await expect(
      openFailoverPullRequest(rest, REPOSITORY, { cohortId: 'nope', direction: 'failover' }),
    ).rejects.toThrow('workshops/nope.yaml does not exist on main');
    await expect(
      openFailoverPullRequest(rest, REPOSITORY, { cohortId: '../_settings', direction: 'failover' }),
    ).rejects.toBeInstanceOf(FailoverError);
    expect(github.writes()).toEqual([]);
  });
});
