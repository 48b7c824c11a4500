/**
 * `workshop drift --plan-json DIR`: reads each cohort's read-only plan (`DIR/<id>.json`) and keeps its `Drift: <id>`
 * issue in step. Unlike the other scheduled jobs it needs no AWS credentials (the workflow planned already), so it
 * is not built with jobCommand, which checks them; it shares everything else (options, report, exit codes).
 */
import path from 'node:path';
import { githubRestFromEnv } from '../../src/github/github-rest.ts';
import { DEFAULT_COMMENT_AUTHOR } from '../../src/github/octokit-issue-comments.ts';
import { restTitledIssues } from '../../src/github/titled-issue.ts';
import { ConfigError } from '../../src/jobs/common/config-error.ts';
import { streamLogger } from '../../src/jobs/common/logger.ts';
import { exitCodeOf, renderReport } from '../../src/jobs/common/report.ts';
import { runDrift } from '../../src/jobs/drift/drift.ts';
import { booleanOption, type Command, formatOption, stringOption, UsageError } from '../cli/command.ts';
import { findRepositoryRoot } from '../cli/repository-root.ts';

/** What tests replace: the clock and the fetch the GitHub client sends through. */
export interface DriftCommandDeps {
  readonly now?: () => Date;
  readonly fetch?: typeof globalThis.fetch;
}

export function driftCommandWith(deps: DriftCommandDeps = {}): Command {
  return {
    name: 'drift',
    help: `Usage: workshop drift --plan-json DIR [--cohort ID] [--dry-run] [--format markdown|json] [--issue-author LOGIN]

Reads DIR/<cohort-id>.json for each cohort: the output of \`terraform show -json\` of a read-only plan
(\`terraform plan -refresh-only\`; the drift workflow makes them with the plan role). A cohort with resources
changed outside Terraform gets ONE issue titled "Drift: <id>", opened once and updated in place (reopened if it
was closed); the issue is closed with a comment when the cohort is clean again. A cohort without a readable plan
fails and its issue is left alone.

Options:
  --plan-json DIR           folder of <cohort-id>.json plans (required)
  --cohort ID               only this cohort (default: every valid cohort)
  --dry-run                 report what would happen to the issues; change nothing
  --format markdown|json    report format on stdout (default markdown)
  --issue-author LOGIN      login the token acts as; only its issues are used (default ${DEFAULT_COMMENT_AUTHOR})
  -h, --help                show this help

Needs no AWS credentials. GitHub: GITHUB_TOKEN (or GH_TOKEN) allowed to write issues; without one, drift is
reported and no issue is touched. Exit status: 0 every cohort checked, 1 a cohort's plan was missing or failed,
2 usage or configuration error.`,
    options: {
      'plan-json': { type: 'string' },
      cohort: { type: 'string' },
      'dry-run': { type: 'boolean' },
      format: { type: 'string' },
      'issue-author': { type: 'string' },
    },
    positionals: false,
    async run(args, io) {
      const format = formatOption(args, ['markdown', 'json'] as const, 'markdown');
      const planJson = stringOption(args, 'plan-json');
      if (planJson === undefined || planJson.trim() === '') {
        throw new UsageError('--plan-json DIR is required: the folder holding <cohort-id>.json plans');
      }
      const root = findRepositoryRoot(io.cwd);
      const logger = streamLogger(io.stderr);
      const github = githubRestFromEnv(io.env, deps);
      if (github !== undefined) logger.mask(github.token);
      const author = stringOption(args, 'issue-author') || DEFAULT_COMMENT_AUTHOR;
      const cohortId = stringOption(args, 'cohort');
      try {
        const report = await runDrift({
          root,
          planDir: path.resolve(io.cwd, planJson),
          ctx: { now: deps.now ?? (() => new Date()), logger, dryRun: booleanOption(args, 'dry-run') },
          ...(cohortId === undefined ? {} : { cohortId }),
          ...(github === undefined
            ? {}
            : { issues: (repository: string) => restTitledIssues(github.rest, { repository, author }) }),
        });
        io.stdout.write(renderReport(report, format, logger.redact));
        return exitCodeOf(report);
      } catch (error) {
        if (error instanceof ConfigError) throw new UsageError(error.message);
        throw error;
      }
    },
  };
}

export const driftCommand = driftCommandWith();
