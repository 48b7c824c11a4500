/**
 * The shared entry of the CLI and the actions: load the repository, pick the cohorts, check credentials, run the
 * job. Configuration problems (invalid settings, an unknown cohort, no credentials, AWS out of reach) throw
 * ConfigError: one sentence, exit status 2, before any cohort runs.
 */
import {
  type AwsClientFactory,
  assertCredentials,
  type CredentialProbe,
  type Env,
  MISSING_CREDENTIALS,
} from '../../aws/clients.ts';
import { describeError, isErrorNamed, isNetworkError } from '../../aws/errors.ts';
import { type StsApi, stsApi } from '../../aws/sts.ts';
import { type LoadedRepository, loadRepository } from '../../cohort/repository.ts';
import type { ResolvedCohort } from '../../cohort/schema.ts';
import { cohortFilePath } from '../../cohort/settings-file.ts';
import { accountIdOf } from '../../cohort/settings-schema.ts';
import { ConfigError } from './config-error.ts';
import type { JobDefinition } from './job.ts';
import type { JobContext } from './job-context.ts';
import type { JobReport } from './report.ts';

export interface JobRequest<Options> {
  /** Repository root (holding workshops/_settings.yaml). */
  readonly root: string;
  /** Only this cohort; all valid cohorts when absent. */
  readonly cohortId?: string;
  readonly options: Options;
}

export interface JobDeps {
  readonly ctx: JobContext;
  readonly aws: AwsClientFactory;
  readonly env: Env;
  readonly probe?: CredentialProbe;
}

/** The cohorts a run works on; an asked-for cohort that is missing or invalid is a configuration error. */
export function selectCohorts(repository: LoadedRepository, cohortId: string | undefined): ResolvedCohort[] {
  const all = repository.cohorts.map((c) => c.cohort);
  if (cohortId === undefined) return all;
  const found = all.find((c) => c.id === cohortId);
  if (found !== undefined) return [found];
  const invalid = repository.problems.some((p) => p.severity === 'error' && p.file === cohortFilePath(cohortId));
  throw new ConfigError(
    invalid
      ? `${cohortFilePath(cohortId)} has errors: run \`npx workshop validate\` and fix them first.`
      : `No cohort "${cohortId}": there is no ${cohortFilePath(cohortId)}.`,
  );
}

/** Errors that mean the credentials themselves are unusable (none, expired, revoked). */
const CREDENTIAL_ERRORS = ['CredentialsProviderError', 'ExpiredToken', 'ExpiredTokenException', 'InvalidClientTokenId'];

/**
 * The credentials must belong to the account the settings deploy to: a job run with another account's role would
 * report every cohort as missing (or, worse, act on look-alike names there).
 */
export async function assertAccount(sts: StsApi, expected: string): Promise<void> {
  let actual: string;
  try {
    actual = await sts.callerAccount();
  } catch (error) {
    if (error instanceof Error && error.name === 'CredentialsProviderError') throw new ConfigError(MISSING_CREDENTIALS);
    if (isErrorNamed(error, ...CREDENTIAL_ERRORS)) {
      throw new ConfigError(`The AWS credentials were refused (${describeError(error)}); sign in again.`);
    }
    throw error;
  }
  if (actual !== expected) {
    throw new ConfigError(
      `The AWS credentials are for account ${actual}, but workshops/_settings.yaml deploys to account ${expected}.`,
    );
  }
}

export async function runJob<Options>(
  job: JobDefinition<Options>,
  request: JobRequest<Options>,
  deps: JobDeps,
): Promise<JobReport> {
  const repository = await loadRepository(request.root, { now: deps.ctx.now() });
  const { settings } = repository;
  if (settings === undefined) {
    throw new ConfigError('workshops/_settings.yaml is missing or invalid: run `npx workshop validate` and fix it.');
  }
  const cohorts = selectCohorts(repository, request.cohortId);
  const skipped = new Set(repository.problems.filter((p) => p.severity === 'error').map((p) => p.file));
  skipped.delete('workshops/_settings.yaml');
  if (request.cohortId === undefined && skipped.size > 0) {
    deps.ctx.logger.warn(`skipped ${[...skipped].sort().join(', ')}: errors (run \`npx workshop validate\`)`);
  }
  job.check?.(request.options, { env: deps.env, dryRun: deps.ctx.dryRun });
  await assertCredentials(deps.env, deps.probe);
  try {
    await assertAccount(stsApi(deps.aws.client('sts', settings.state.region)), accountIdOf(settings));
    // Calls made for all cohorts at once (before each cohort's own isolation) fail the same way when AWS is unreachable.
    return await job.run({ settings, cohorts, ctx: deps.ctx, aws: deps.aws, env: deps.env }, request.options);
  } catch (error) {
    if (isNetworkError(error)) throw new ConfigError(unreachableAws(error));
    throw error;
  }
}

/** No network, a wrong region or a bad endpoint: a setup problem worth one sentence, not an internal error. */
function unreachableAws(error: unknown): string {
  return `Cannot reach AWS (${describeError(error)}): check the network and the AWS region and endpoint settings.`;
}
