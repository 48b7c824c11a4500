/**
 * `workshop failover --cohort ID [--back]`: opens the pull request that fails a cohort over to its backup region (or
 * back). It changes nothing itself: merging the pull request and approving the apply does. Needs GITHUB_TOKEN (or
 * GH_TOKEN; contents and pull-requests write on the repository) and GITHUB_REPOSITORY; GITHUB_API_URL for GitHub
 * Enterprise.
 */
import { GitHubApiError, githubRestFromEnv } from '../../src/github/github-rest.ts';
import { FailoverError } from '../../src/jobs/failover/cohort-file-edit.ts';
import { openFailoverPullRequest } from '../../src/jobs/failover/failover-pr.ts';
import { booleanOption, type Command, EXIT, stringOption, UsageError } from '../cli/command.ts';

export interface FailoverCommandDeps {
  /** Tests pass a recording fake, and a sleep that does not wait; nothing else is replaced. */
  readonly fetch?: typeof globalThis.fetch;
  readonly sleep?: (ms: number) => Promise<void>;
}

const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

export function makeFailoverCommand(deps: FailoverCommandDeps = {}): Command {
  return {
    name: 'failover',
    help: `Usage: workshop failover --cohort ID [--back]

Opens a pull request that sets regions.failover: true in workshops/<ID>.yaml (branch failover/<ID>), so the
stack also builds the catalog, crawlers and Athena workgroups in the backup region over the replica buckets. With
--back it opens the return (branch failback/<ID>), removing regions.failover. The file is read from and the branch
made from the head of main; only that one line changes. Nothing happens in AWS until the pull
request is reviewed, merged and its apply approved. When the branch already has an open pull request, that one is
printed instead.

Options:
  --cohort ID               the cohort (required)
  --back                    open the failback pull request instead
  -h, --help                show this help

Environment: GITHUB_TOKEN or GH_TOKEN (contents and pull-requests write), GITHUB_REPOSITORY (owner/name),
GITHUB_API_URL (optional, for GitHub Enterprise). Exit status: 0 pull request opened or already open, 1 refused or GitHub failed,
2 usage error or missing environment.`,
    options: { cohort: { type: 'string' }, back: { type: 'boolean' } },
    positionals: false,
    async run(args, io) {
      const cohortId = stringOption(args, 'cohort');
      if (cohortId === undefined || cohortId.trim() === '') throw new UsageError('--cohort is required');
      const github = githubRestFromEnv(io.env, deps);
      const repository = io.env.GITHUB_REPOSITORY?.trim() ?? '';
      if (github === undefined || repository === '') {
        throw new UsageError(
          'GITHUB_TOKEN and GITHUB_REPOSITORY (owner/name) must be set: the pull request is opened through the GitHub API',
        );
      }
      if (!REPOSITORY.test(repository))
        throw new UsageError(`GITHUB_REPOSITORY must be owner/name; got "${repository}"`);
      const direction = booleanOption(args, 'back') ? 'failback' : 'failover';
      try {
        const pull = await openFailoverPullRequest(github.rest, repository, { cohortId: cohortId.trim(), direction });
        io.stdout.write(
          `${pull.created ? 'Opened' : 'Already open:'} pull request #${pull.number} (${pull.branch}): ${pull.url}\n`,
        );
        return EXIT.ok;
      } catch (error) {
        if (error instanceof FailoverError || error instanceof GitHubApiError) {
          io.stderr.write(`workshop failover: ${error.message}\n`);
          return EXIT.problems;
        }
        throw error;
      }
    },
  };
}

export const failoverCommand = makeFailoverCommand();
