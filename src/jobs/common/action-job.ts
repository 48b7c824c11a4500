/**
 * What the job actions share, without importing the Actions toolkit (only actions/*\/main.ts may): a Logger over
 * the toolkit's log functions that also registers every masked value with the runner (`core.setSecret`), and the
 * run that returns the report rendered for the job summary.
 */
import { AwsClientFactory, type ClientOptions, type CredentialProbe, type Env } from '../../aws/clients.ts';
import { formatProblem } from '../../cohort/problem.ts';
import { loadSettings } from '../../cohort/settings-file.ts';
import type { Settings } from '../../cohort/settings-schema.ts';
import type { JobDefinition } from './job.ts';
import { createLogger, type Logger } from './logger.ts';
import { type JobReport, renderMarkdown } from './report.ts';
import { runJob } from './run-job.ts';

/** The part of @actions/core the jobs log through. */
export interface ActionLog {
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
  setSecret(secret: string): void;
}

export function actionLogger(log: ActionLog): Logger {
  return createLogger({
    write: (level, line) =>
      level === 'info' ? log.info(line) : level === 'warn' ? log.warning(line) : log.error(line),
    secret: (value) => log.setSecret(value),
  });
}

export interface ActionJobRequest<Options> {
  readonly root: string;
  readonly cohortId: string;
  readonly dryRun: boolean;
  readonly options: Options;
}

export interface ActionJobDeps {
  readonly log: ActionLog;
  readonly env: Env;
  readonly now?: () => Date;
  readonly clients?: ClientOptions;
  readonly probe?: CredentialProbe;
}

export interface ActionJobResult {
  readonly report: JobReport;
  /** The job summary, secrets redacted. */
  readonly markdown: string;
  readonly failedCohorts: readonly string[];
}

export async function runJobForAction<Options>(
  job: JobDefinition<Options>,
  request: ActionJobRequest<Options>,
  deps: ActionJobDeps,
): Promise<ActionJobResult> {
  const logger = actionLogger(deps.log);
  const aws = new AwsClientFactory(deps.clients);
  try {
    const report = await runJob(
      job,
      {
        root: request.root,
        options: request.options,
        ...(request.cohortId === '' ? {} : { cohortId: request.cohortId }),
      },
      {
        ctx: { now: deps.now ?? (() => new Date()), logger, dryRun: request.dryRun },
        aws,
        env: deps.env,
        ...(deps.probe === undefined ? {} : { probe: deps.probe }),
      },
    );
    return {
      report,
      markdown: renderMarkdown(report, logger.redact),
      failedCohorts: report.cohorts.filter((c) => c.status === 'failed').map((c) => c.cohortId),
    };
  } finally {
    aws.destroy();
  }
}

/** `'true'`/`'false'` (any case) from an action input; anything else is a mistake worth stopping for. */
export function booleanInput(name: string, value: string): boolean {
  const text = value.trim().toLowerCase();
  if (text === '' || text === 'false') return false;
  if (text === 'true') return true;
  throw new Error(`input ${name} must be true or false; got "${value}"`);
}

export interface OpsRoleSettings {
  readonly opsRoleArn: string;
  readonly stateRegion: string;
}

/**
 * The role and region a workflow needs before it can assume the ops role (so before any AWS call): from the
 * settings file alone. `roleArnOf` is terraform-cdk/bootstrap-names.ts `opsRoleArn`, passed in by the action.
 */
export async function opsRoleSettings(
  root: string,
  roleArnOf: (settings: Settings) => string,
): Promise<OpsRoleSettings> {
  const { settings, problems } = await loadSettings(root);
  if (settings === undefined) {
    const errors = problems.filter((p) => p.severity === 'error').map(formatProblem);
    throw new Error(
      `workshops/_settings.yaml is missing or invalid: ${errors.join('; ')} (run \`npx workshop validate\` to see every problem)`,
    );
  }
  return { opsRoleArn: roleArnOf(settings), stateRegion: settings.state.region };
}
