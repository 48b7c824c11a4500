/**
 * Small JSON state per cohort and job (`ops/<cohort-id>/<job>.json` in the state bucket): what was already alerted,
 * reminded or notified. Read with its ETag and written with a conditional PUT (`If-Match` the ETag read, or
 * `If-None-Match: *` when there was none), so a concurrent run is detected instead of overwritten. An S3 PUT
 * replaces the object whole or not at all: a crash mid-write leaves the previous state. A state that does not parse
 * is reported and replaced; it never stops the job.
 */
import { type S3Api, WriteConflictError } from '../../aws/s3.ts';

export const OPS_STATE_PREFIX = 'ops/';
const SAFE_SEGMENT = /^[a-z0-9][a-z0-9-]*$/;

/** Anything with a `parse` that throws on bad input, such as a zod schema. */
export interface StateSchema<T> {
  parse(raw: unknown): T;
}

export interface OpsStateRead<T> {
  /** The stored data; undefined when there was none or it could not be used. */
  readonly value: T | undefined;
  /** ETag of the object read, for the conditional write; undefined when no object exists. */
  readonly etag: string | undefined;
  /** Why a stored object was ignored (not JSON, wrong shape): report it; the next write replaces it. */
  readonly problem?: string;
}

interface Envelope {
  readonly version: 1;
  readonly cohort: string;
  readonly job: string;
  readonly updatedAt: string;
  readonly data: unknown;
}

export { WriteConflictError as OpsStateConflictError } from '../../aws/s3.ts';

export function opsStateKey(cohortId: string, job: string): string {
  for (const segment of [cohortId, job]) {
    if (!SAFE_SEGMENT.test(segment)) throw new RangeError(`"${segment}" cannot be part of an ops state key`);
  }
  return `${OPS_STATE_PREFIX}${cohortId}/${job}.json`;
}

export class OpsStateStore {
  constructor(
    private readonly s3: S3Api,
    private readonly bucket: string,
  ) {}

  async read<T>(cohortId: string, job: string, schema: StateSchema<T>): Promise<OpsStateRead<T>> {
    const key = opsStateKey(cohortId, job);
    const stored = await this.s3.getText(this.bucket, key);
    if (stored === undefined) return { value: undefined, etag: undefined };
    try {
      const envelope = JSON.parse(stored.body) as Partial<Envelope> | null;
      if (envelope === null || typeof envelope !== 'object' || envelope.version !== 1) {
        throw new Error('not a version 1 ops state');
      }
      return { value: schema.parse(envelope.data), etag: stored.etag };
    } catch (error) {
      const why = error instanceof SyntaxError ? 'it is not valid JSON' : 'its content has an unexpected shape';
      return {
        value: undefined,
        etag: stored.etag,
        problem: `the ops state s3://${this.bucket}/${key} was ignored because ${why}; it is replaced by this run`,
      };
    }
  }

  /**
   * Writes `value` only if the object is still the one `previous` read. Throws OpsStateConflictError when another
   * run changed it in between: the caller reports it, and the next run starts from the other run's state.
   */
  async write<T>(
    cohortId: string,
    job: string,
    previous: OpsStateRead<T>,
    value: T,
    now: Date,
  ): Promise<OpsStateRead<T>> {
    const key = opsStateKey(cohortId, job);
    const envelope: Envelope = { version: 1, cohort: cohortId, job, updatedAt: now.toISOString(), data: value };
    const condition = previous.etag === undefined ? { ifNoneMatch: '*' as const } : { ifMatch: previous.etag };
    const { etag } = await this.s3.putText(this.bucket, key, `${JSON.stringify(envelope, null, 2)}\n`, condition);
    return { value, etag };
  }
}

export interface StateUpdate<T> {
  readonly value: T;
  /** Problems to report: an ignored state, a concurrent update. */
  readonly problems: string[];
}

/**
 * Read → compute → conditional write, the cycle every job runs once per cohort. `compute` receives the previous
 * value (undefined on the first run or after an ignored state) and does the job's side effects (alerts first, so a
 * failed send is retried next run). Nothing is written on a dry run. A concurrent update is reported, not thrown:
 * the other run's state stands, and at worst an alert repeats once.
 */
export async function updateOpsState<T>(
  store: OpsStateStore,
  where: { readonly cohortId: string; readonly job: string; readonly now: Date; readonly dryRun: boolean },
  schema: StateSchema<T>,
  compute: (previous: T | undefined) => Promise<T>,
): Promise<StateUpdate<T>> {
  const read = await store.read(where.cohortId, where.job, schema);
  const problems = read.problem === undefined ? [] : [read.problem];
  const value = await compute(read.value);
  if (where.dryRun) return { value, problems };
  try {
    await store.write(where.cohortId, where.job, read, value, where.now);
  } catch (error) {
    if (!(error instanceof WriteConflictError)) throw error;
    problems.push(
      `${opsStateKey(where.cohortId, where.job)} was changed by another run since it was read: its state was kept and this run's was dropped (an alert may repeat once)`,
    );
  }
  return { value, problems };
}
