/**
 * The security check in the teardown pull request (and the archived final report): no access keys on the cohort's
 * users, no bucket public (by policy, or without a full public-access block), student access already over, and the
 * cohort's trail still logging. Each check passes or fails on its own; one that cannot be read fails, saying why,
 * since "could not check" must not look like "fine".
 */
import { describeError } from '../../aws/errors.ts';
import { BucketMissingError } from '../../aws/s3-replication.ts';
import { CohortNames } from '../../cohort/names.ts';
import type { ResolvedCohort } from '../../cohort/schema.ts';
import { mapLimit } from '../common/limit.ts';
import type { TeardownApis } from './apis.ts';
import { cohortBuckets } from './cohort-buckets.ts';
import type { LifecycleDates } from './lifecycle-status.ts';

export interface CheckResult {
  readonly check: string;
  readonly ok: boolean;
  readonly detail: string;
}

const CONCURRENCY = 4;
const SHOWN = 10;

function some(names: readonly string[]): string {
  const shown = names.slice(0, SHOWN).join(', ');
  return names.length > SHOWN ? `${shown} and ${names.length - SHOWN} more` : shown;
}

async function guarded(check: string, run: () => Promise<Omit<CheckResult, 'check'>>): Promise<CheckResult> {
  try {
    return { check, ...(await run()) };
  } catch (error) {
    return { check, ok: false, detail: `could not check: ${describeError(error)}` };
  }
}

type Apis = Pick<TeardownApis, 'userNames' | 'credentials' | 'bucketTags' | 'bucketSettings' | 'trail' | 'namePrefix'>;

function accessKeys(apis: Apis, names: CohortNames): Promise<CheckResult> {
  return guarded('No access keys on the cohort’s users', async () => {
    const users = await apis.userNames(names.iamPath);
    const withKeys = await mapLimit(users, CONCURRENCY, async (user) => ({
      user,
      keys: (await apis.credentials.accessKeys(user)).length,
    }));
    const found = withKeys.filter((u) => u.keys > 0).map((u) => `${u.user} (${u.keys})`);
    if (found.length > 0) return { ok: false, detail: `access keys on ${some(found)}: delete them` };
    return { ok: true, detail: `${users.length} user(s) under ${names.iamPath}, none with an access key` };
  });
}

function publicBuckets(apis: Apis, cohort: ResolvedCohort): Promise<CheckResult> {
  return guarded('No public buckets', async () => {
    const buckets = cohortBuckets(apis.namePrefix, cohort);
    const states = await mapLimit(buckets, CONCURRENCY, async ({ region, bucket }) => {
      try {
        const [isPublic, block] = await Promise.all([
          apis.bucketTags(region).policyIsPublic(bucket),
          apis.bucketSettings(region).publicAccessBlock(bucket),
        ]);
        const blocked =
          block?.blockPublicAcls === true &&
          block.ignorePublicAcls &&
          block.blockPublicPolicy &&
          block.restrictPublicBuckets;
        if (isPublic) return `${bucket}: its policy makes it public`;
        if (!blocked) return `${bucket}: public access is not fully blocked`;
        return undefined;
      } catch (error) {
        if (error instanceof BucketMissingError) return undefined;
        throw error;
      }
    });
    const problems = states.filter((s): s is string => s !== undefined);
    if (problems.length > 0) return { ok: false, detail: some(problems) };
    return { ok: true, detail: `${buckets.length} bucket(s): none public, public access blocked` };
  });
}

function accessExpired(dates: LifecycleDates, now: Date): CheckResult {
  const ok = now.getTime() > dates.end.getTime();
  return {
    check: 'Student access already expired',
    ok,
    detail: ok
      ? `access ended ${dates.end.toISOString()}`
      : `access ends ${dates.end.toISOString()}: students can still sign in`,
  };
}

function trailLogging(apis: Apis, cohort: ResolvedCohort, names: CohortNames): Promise<CheckResult> {
  return guarded('Trail still logging', async () => {
    const status = await apis.trail(cohort.regions.primary).trailStatus(names.trail);
    if (status === undefined) return { ok: false, detail: `no trail ${names.trail} in ${cohort.regions.primary}` };
    if (!status.isLogging)
      return { ok: false, detail: `${names.trail} is not logging: start it again before teardown` };
    const error =
      status.latestDeliveryError === undefined ? '' : ` (last delivery error: ${status.latestDeliveryError})`;
    return { ok: status.latestDeliveryError === undefined, detail: `${names.trail} is logging${error}` };
  });
}

export async function securityCheck(
  apis: Apis,
  cohort: ResolvedCohort,
  dates: LifecycleDates,
  now: Date,
): Promise<CheckResult[]> {
  const names = new CohortNames(apis.namePrefix, cohort.id);
  return Promise.all([
    accessKeys(apis, names),
    publicBuckets(apis, cohort),
    Promise.resolve(accessExpired(dates, now)),
    trailLogging(apis, cohort, names),
  ]);
}

export function checkMark(result: CheckResult): string {
  return result.ok ? '✅' : '❌';
}
