/**
 * Builds the `workshop <job>` command of a scheduled job: `[--cohort ID] [--dry-run] [--format markdown|json]` plus
 * the job's own options. Loads the repository, checks credentials (exit 2 with one sentence), runs the job, prints
 * the report on stdout (log lines go to stderr) and exits 1 when any cohort failed.
 */
import { AwsClientFactory, type ClientOptions, type CredentialProbe } from '../../src/aws/clients.ts';
import { ConfigError } from '../../src/jobs/common/config-error.ts';
import type { JobDefinition } from '../../src/jobs/common/job.ts';
import { streamLogger } from '../../src/jobs/common/logger.ts';
import { exitCodeOf, renderReport } from '../../src/jobs/common/report.ts';
import { runJob } from '../../src/jobs/common/run-job.ts';
import {
  booleanOption,
  type CliIo,
  type Command,
  formatOption,
  type OptionSpec,
  type ParsedArgs,
  stringOption,
  UsageError,
} from './command.ts';
import { findRepositoryRoot } from './repository-root.ts';

export interface JobCommandSpec<Options> {
  readonly job: JobDefinition<Options>;
  /** What the job does, for --help (the shared options are added). */
  readonly description: string;
  /** The job's own options beyond --cohort, --dry-run and --format, with their help lines. */
  readonly options?: OptionSpec;
  readonly optionHelp?: readonly string[];
  /** The job works on one cohort at a time: --cohort is required, and --help says so. */
  readonly cohortRequired?: boolean;
  /** The job's options from the parsed arguments; throws UsageError on a bad value. */
  readonly parse: (args: ParsedArgs, io: CliIo) => Options;
}

/** What tests replace: the clock, the AWS endpoint and credentials, the credential probe, job options (a sleep). */
export interface JobCommandDeps<Options> {
  readonly now?: () => Date;
  readonly clients?: ClientOptions;
  readonly probe?: CredentialProbe;
  readonly options?: Partial<Options>;
}

const SHARED_OPTIONS = {
  cohort: { type: 'string' },
  'dry-run': { type: 'boolean' },
  format: { type: 'string' },
} as const satisfies OptionSpec;

const COHORT_HELP = {
  optional: '  --cohort ID               only this cohort (default: every valid cohort)',
  required: '  --cohort ID               the cohort to work on (required)',
};

const SHARED_HELP = [
  '  --dry-run                 read and report only: change nothing, send nothing, write no state',
  '  --format markdown|json    report format on stdout (default markdown)',
  '  -h, --help                show this help',
];

export function jobCommand<Options>(spec: JobCommandSpec<Options>, deps: JobCommandDeps<Options> = {}): Command {
  const name = spec.job.name;
  const required = spec.cohortRequired === true;
  return {
    name,
    help: `Usage: workshop ${name} ${required ? '--cohort ID' : '[--cohort ID]'} [--dry-run] [--format markdown|json]${spec.options ? ' [options]' : ''}

${spec.description.trim()}

Options:
${[required ? COHORT_HELP.required : COHORT_HELP.optional, ...SHARED_HELP, ...(spec.optionHelp ?? [])].join('\n')}

Needs AWS credentials (the ops role in the workflows). Exit status: 0 every cohort fine, 1 a cohort failed,
2 usage or configuration error (missing credentials, AWS out of reach, invalid settings, unknown cohort).`,
    options: { ...SHARED_OPTIONS, ...spec.options },
    positionals: false,
    async run(args, io) {
      const format = formatOption(args, ['markdown', 'json'] as const, 'markdown');
      const cohortId = stringOption(args, 'cohort');
      if (required && (cohortId ?? '').trim() === '') {
        throw new UsageError(`--cohort is required: ${name} works on one cohort`);
      }
      const options: Options = { ...spec.parse(args, io), ...deps.options };
      const root = findRepositoryRoot(io.cwd);
      const logger = streamLogger(io.stderr);
      const aws = new AwsClientFactory(deps.clients);
      try {
        const report = await runJob(
          spec.job,
          { root, options, ...(cohortId === undefined ? {} : { cohortId }) },
          {
            ctx: { now: deps.now ?? (() => new Date()), logger, dryRun: booleanOption(args, 'dry-run') },
            aws,
            env: io.env,
            ...(deps.probe === undefined ? {} : { probe: deps.probe }),
          },
        );
        io.stdout.write(renderReport(report, format, logger.redact));
        return exitCodeOf(report);
      } catch (error) {
        if (error instanceof ConfigError) throw new UsageError(error.message);
        throw error;
      } finally {
        aws.destroy();
      }
    },
  };
}
