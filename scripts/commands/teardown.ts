/** `workshop teardown`: the end of the cohort lifecycle (status, notices, teardown PR; destroy prep; leftovers). */
import { githubRestFromEnv } from '../../src/github/github-rest.ts';
import { DEFAULT_COMMENT_AUTHOR } from '../../src/github/octokit-issue-comments.ts';
import { type TeardownMode, type TeardownOptions, teardownJob } from '../../src/jobs/teardown/job.ts';
import { cohortIdProblem } from '../../src/jobs/teardown/safety.ts';
import { booleanOption, type CliIo, type ParsedArgs, stringOption, UsageError } from '../cli/command.ts';
import { type JobCommandSpec, jobCommand } from '../cli/job-command.ts';
import { findRepositoryRoot } from '../cli/repository-root.ts';

function modeOf(args: ParsedArgs): TeardownMode {
  const prep = booleanOption(args, 'destroy-prep');
  const leftovers = booleanOption(args, 'leftovers');
  if (prep && leftovers) throw new UsageError('--destroy-prep and --leftovers are separate steps: give one of them');
  if (prep) return 'destroy-prep';
  return leftovers ? 'leftovers' : 'lifecycle';
}

export function parseTeardownArgs(args: ParsedArgs, io: CliIo, fetch?: typeof globalThis.fetch): TeardownOptions {
  const mode = modeOf(args);
  const sweep = booleanOption(args, 'sweep');
  if (sweep && mode !== 'leftovers') throw new UsageError('--sweep only goes with --leftovers');
  const cohortId = stringOption(args, 'cohort');
  if (mode !== 'lifecycle') {
    const problem = cohortIdProblem(cohortId);
    if (problem !== undefined) throw new UsageError(`--${mode}: ${problem}`);
  }
  const github = mode === 'lifecycle' ? githubRestFromEnv(io.env, fetch === undefined ? {} : { fetch }) : undefined;
  const author = stringOption(args, 'issue-author') || DEFAULT_COMMENT_AUTHOR;
  return {
    mode,
    apply: booleanOption(args, 'apply'),
    sweep,
    root: findRepositoryRoot(io.cwd),
    ...(cohortId === undefined ? {} : { cohortId }),
    ...(github === undefined ? {} : { github: { rest: github.rest, author } }),
  };
}

export const teardownSpec: JobCommandSpec<TeardownOptions> = {
  job: teardownJob,
  description: `A DRY RUN unless --apply is given: without it nothing is sent, opened, archived or deleted.

Default (daily): for each cohort, its status (upcoming, in session, ended, teardown due = end + teardownAfterDays,
overdue = 2 days after that); notices to the instructors 3 days and 1 day before the end and before teardown is due
(an alert to the cohort's topic, and a comment mentioning the owner on the "Teardown: <id>" issue), each sent once;
when teardown is due, a pull request from teardown/<id> removing workshops/<id>.yaml, with the final cost report
and a security check (no access keys, no public bucket, student access over, trail logging). Merging it is the
approval: the apply workflow then destroys the cohort. GitHub: GITHUB_TOKEN (or GH_TOKEN) in the environment.

--destroy-prep (run by the apply workflow before terraform destroy of a removed cohort): archives the final report
under ops/reports/<id>/ in the state bucket, removes the students' console passwords, and empties every bucket
of the cohort in both regions (all versions and delete markers, 1,000 keys per request).

--leftovers (after terraform destroy): lists what still carries the cohort's tag in its regions; with --sweep,
deletes the leftovers tagged with BOTH managed-by=workshop-gitops and workshop:cohort=<id>.

Refuses: an empty or wildcard cohort id, a cohort whose file is still on main (git: HEAD, origin/main, main), and
anything without both tags. Every deletion is listed in the report.`,
  options: {
    apply: { type: 'boolean' },
    'destroy-prep': { type: 'boolean' },
    leftovers: { type: 'boolean' },
    sweep: { type: 'boolean' },
    'issue-author': { type: 'string' },
  },
  optionHelp: [
    '  --apply                   act for real (default: dry run)',
    '  --destroy-prep            archive the final report, remove console passwords, empty the buckets (needs --cohort)',
    '  --leftovers               list what still carries the cohort tag after the destroy (needs --cohort)',
    '  --sweep                   with --leftovers: delete leftovers carrying both tags',
    `  --issue-author LOGIN      login the GitHub token acts as (default ${DEFAULT_COMMENT_AUTHOR})`,
  ],
  parse: (args, io) => parseTeardownArgs(args, io),
};

export const teardownCommand = jobCommand(teardownSpec);
