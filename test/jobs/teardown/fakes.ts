/**
 * An AWS account in memory behind the teardown job's interfaces: IAM users with tags, access keys and console
 * passwords; versioned buckets with tags and public-access settings; trails; the tagging API; and the fake GitHub
 * repository for issues and pull requests. Every change is recorded, so tests can assert what was (not) deleted.
 */
import type { TrailStatus } from '../../../src/aws/cloudtrail-status.ts';
import type { LeftoverKind } from '../../../src/aws/leftover-deletion.ts';
import { BucketMissingError, type PublicAccessBlock } from '../../../src/aws/s3-replication.ts';
import type { VersionDeleteError, VersionRef } from '../../../src/aws/s3-version-delete.ts';
import type { ObjectVersionEntry } from '../../../src/aws/s3-versions.ts';
import type { TaggedResource } from '../../../src/aws/tagged-resources.ts';
import { MANAGED_BY, TAG_COHORT, TAG_MANAGED_BY } from '../../../src/cohort/names.ts';
import type { ResolvedCohort } from '../../../src/cohort/schema.ts';
import type { Git } from '../../../src/github/git.ts';
import { GitError } from '../../../src/github/git.ts';
import { githubRest } from '../../../src/github/github-rest.ts';
import { restTeardownRepo } from '../../../src/github/teardown-pr.ts';
import { restTitledIssues } from '../../../src/github/titled-issue.ts';
import type { Alert, AlertSink, AlertTarget } from '../../../src/jobs/common/alerts.ts';
import { OpsStateStore } from '../../../src/jobs/common/ops-state.ts';
import type { TeardownApis } from '../../../src/jobs/teardown/apis.ts';
import { BOT, FakeRepoGitHub, REPOSITORY } from '../../github/fake-repo-github.ts';
import { MemoryS3 } from '../common/fakes.ts';

export const PREFIX = 'acme-ws';
export const STATE_BUCKET = 'acme-workshops-terraform-state';
export const FULL_BLOCK: PublicAccessBlock = {
  blockPublicAcls: true,
  ignorePublicAcls: true,
  blockPublicPolicy: true,
  restrictPublicBuckets: true,
};

export function cohortTagsOf(cohortId: string): Record<string, string> {
  return { [TAG_MANAGED_BY]: MANAGED_BY, [TAG_COHORT]: cohortId };
}

export interface FakeUser {
  path: string;
  tags: Record<string, string>;
  accessKeys: number;
  loginProfile: boolean;
}

export interface FakeBucket {
  region: string;
  tags: Record<string, string>;
  entries: ObjectVersionEntry[];
  policyPublic?: boolean;
  block?: PublicAccessBlock;
}

export class SentAlerts implements AlertSink {
  readonly sent: { target: AlertTarget; alerts: readonly Alert[] }[] = [];
  failures = 0;
  async send(target: AlertTarget, alerts: readonly Alert[]) {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('SNS is unavailable');
    }
    this.sent.push({ target, alerts });
  }
}

/** `n` versions and delete markers of distinct keys, in S3's listing order. */
export function versions(n: number, markersEvery = 5): ObjectVersionEntry[] {
  return Array.from({ length: n }, (_, i) => ({
    key: `data/${String(i).padStart(6, '0')}.csv`,
    versionId: `v${i}`,
    lastModified: new Date('2026-12-01T00:00:00Z'),
    isLatest: true,
    isDeleteMarker: i % markersEvery === 0,
  }));
}

/** A git whose commits hold the files given: ref → paths present in that commit's tree. */
export function fakeGit(trees: Record<string, readonly string[]>): Git & { calls: string[][] } {
  const calls: string[][] = [];
  const git = (async (args: readonly string[]) => {
    calls.push([...args]);
    const [command, ...rest] = args;
    if (command === 'rev-parse') {
      const ref = (rest.at(-1) ?? '').replace(/\^\{commit\}$/, '');
      if (!(ref in trees)) throw new GitError('git rev-parse failed: Needed a single revision');
      return Buffer.from(`${ref}-sha\n`);
    }
    if (command === 'ls-tree') {
      const commit = (rest[1] ?? '').replace(/-sha$/, '');
      const file = rest.at(-1) ?? '';
      return Buffer.from(trees[commit]?.includes(file) ? `${file}\n` : '');
    }
    throw new GitError(`git ${command} is not faked`);
  }) as Git & { calls: string[][] };
  git.calls = calls;
  return git;
}

export interface FakeWorld {
  readonly apis: TeardownApis;
  readonly users: Map<string, FakeUser>;
  readonly buckets: Map<string, FakeBucket>;
  readonly trails: Map<string, TrailStatus>;
  /** Tags of each trail, by `<region>/<name>` like `trails`. */
  readonly trailTags: Map<string, Record<string, string>>;
  /** Region → resources the tagging API lists there. */
  readonly tagged: Map<string, TaggedResource[]>;
  readonly deleted: string[];
  readonly deleteRequests: { bucket: string; count: number }[];
  readonly alerts: SentAlerts;
  readonly reports: MemoryS3;
  readonly state: MemoryS3;
  readonly github: FakeRepoGitHub;
  readonly sleeps: number[];
  readonly costCalls: { cohortId: string; maxChars: number }[];
  /** Per bucket, keys that fail with this code the first `times` deletion attempts. */
  readonly flaky: Map<string, { code: string; times: number }>;
}

export interface WorldOptions {
  readonly git?: Git;
  readonly withGitHub?: boolean;
  readonly mainFiles?: readonly string[];
  /** Entries per ListObjectVersions page (S3's maximum is 1,000). */
  readonly pageSize?: number;
}

export function fakeWorld(options: WorldOptions = {}): FakeWorld {
  const users = new Map<string, FakeUser>();
  const buckets = new Map<string, FakeBucket>();
  const trails = new Map<string, TrailStatus>();
  const trailTags = new Map<string, Record<string, string>>();
  const tagged = new Map<string, TaggedResource[]>();
  const deleted: string[] = [];
  const deleteRequests: { bucket: string; count: number }[] = [];
  const alerts = new SentAlerts();
  const reports = new MemoryS3();
  const state = new MemoryS3();
  const github = new FakeRepoGitHub(options.mainFiles ?? []);
  const sleeps: number[] = [];
  const costCalls: { cohortId: string; maxChars: number }[] = [];
  const flaky = new Map<string, { code: string; times: number }>();
  const pageSize = options.pageSize ?? 1000;
  const bucket = (name: string) => {
    const found = buckets.get(name);
    if (found === undefined) throw new BucketMissingError(name);
    return found;
  };
  const rest = githubRest({ token: 't', fetch: github.fetch, sleep: async () => {} });

  const apis: TeardownApis = {
    accountId: '123456789012',
    namePrefix: PREFIX,
    state: new OpsStateStore(state, STATE_BUCKET),
    alerts,
    async userNames(pathPrefix) {
      return [...users.entries()].filter(([, u]) => u.path.startsWith(pathPrefix)).map(([name]) => name);
    },
    credentials: {
      async accessKeys(user) {
        const found = users.get(user);
        return Array.from({ length: found?.accessKeys ?? 0 }, (_, i) => ({ id: `AKIA${i}`, status: 'Active' }));
      },
      async userTags(user) {
        return users.get(user)?.tags;
      },
      async deleteLoginProfile(user) {
        const found = users.get(user);
        if (found === undefined || !found.loginProfile) return 'absent';
        found.loginProfile = false;
        deleted.push(`login-profile:${user}`);
        return 'deleted';
      },
    },
    bucketTags: () => ({
      async tags(name) {
        return { ...bucket(name).tags };
      },
      async policyIsPublic(name) {
        return bucket(name).policyPublic === true;
      },
    }),
    bucketSettings: () => ({
      replication: async () => undefined,
      versioning: async () => ({ status: 'Enabled', mfaDelete: 'Disabled' }),
      encryption: async () => undefined,
      async publicAccessBlock(name) {
        return bucket(name).block;
      },
    }),
    versions: () => ({
      async listVersionsPage(name, request) {
        const entries = bucket(name).entries;
        const start =
          request.after === undefined
            ? 0
            : entries.findIndex(
                (e) => e.key === request.after?.keyMarker && e.versionId === request.after.versionIdMarker,
              ) + 1;
        const page = entries.slice(start, start + pageSize);
        const last = page.at(-1);
        const more = start + pageSize < entries.length && last !== undefined;
        return { entries: page, ...(more ? { next: { keyMarker: last.key, versionIdMarker: last.versionId } } : {}) };
      },
      headVersion: async () => undefined,
    }),
    deletes: () => ({
      async deleteVersions(name, refs: readonly VersionRef[]) {
        deleteRequests.push({ bucket: name, count: refs.length });
        const found = bucket(name);
        const errors: VersionDeleteError[] = [];
        const fault = flaky.get(name);
        for (const ref of refs) {
          if (fault !== undefined && fault.times > 0 && ref.key.endsWith('1.csv')) {
            errors.push({ ...ref, code: fault.code, message: 'scripted' });
            continue;
          }
          found.entries = found.entries.filter((e) => !(e.key === ref.key && e.versionId === ref.versionId));
        }
        if (fault !== undefined) fault.times -= 1;
        return errors;
      },
      async deleteBucket(name) {
        if (!buckets.has(name)) return 'absent';
        if (bucket(name).entries.length > 0) throw new Error('BucketNotEmpty');
        buckets.delete(name);
        deleted.push(`bucket:${name}`);
        return 'deleted';
      },
    }),
    trail: (region) => ({
      async trailStatus(name) {
        return trails.get(`${region}/${name}`);
      },
      async stopLogging(name) {
        const trail = trails.get(`${region}/${name}`);
        if (trail === undefined) return 'absent';
        trails.set(`${region}/${name}`, { ...trail, isLogging: false });
        deleted.push(`stop-logging:${name}`);
        return 'stopped';
      },
      async tags(arn) {
        const name = arn.split(':trail/')[1] ?? '';
        return trails.has(`${region}/${name}`) ? (trailTags.get(`${region}/${name}`) ?? {}) : undefined;
      },
    }),
    tagged: (region) => ({
      async resources(tags) {
        return (tagged.get(region) ?? []).filter((r) => Object.entries(tags).every(([k, v]) => r.tags[k] === v));
      },
    }),
    leftovers: (region) => ({
      async delete(kind: Exclude<LeftoverKind, 's3-bucket'>, name: string) {
        const list = tagged.get(region) ?? [];
        tagged.set(
          region,
          list.filter((r) => !r.arn.endsWith(name)),
        );
        deleted.push(`${kind}:${name}`);
        return 'deleted';
      },
    }),
    reports: { s3: reports, bucket: STATE_BUCKET },
    async costReport(cohort: ResolvedCohort, maxChars: number) {
      costCalls.push({ cohortId: cohort.id, maxChars });
      return `**Spend this month**: $12.34 of $100.00 budget for ${cohort.id}`;
    },
    ...(options.withGitHub === false
      ? {}
      : {
          github: {
            issues: restTitledIssues(rest, { repository: REPOSITORY, author: BOT }),
            repo: restTeardownRepo(rest, REPOSITORY),
          },
        }),
    git: options.git ?? fakeGit({ 'refs/remotes/origin/main': [], HEAD: [] }),
    sleep: async (ms) => void sleeps.push(ms),
  };
  return {
    apis,
    users,
    buckets,
    trails,
    trailTags,
    tagged,
    deleted,
    deleteRequests,
    alerts,
    reports,
    state,
    github,
    sleeps,
    costCalls,
    flaky,
  };
}

/** The cohort's users, buckets and trail as its stack creates them, all healthy and tagged. */
export function seedCohort(world: FakeWorld, cohort: ResolvedCohort): void {
  const tags = cohortTagsOf(cohort.id);
  for (const student of cohort.students) {
    world.users.set(`${PREFIX}-${cohort.id}_${student.id}`, {
      path: `/workshops/${cohort.id}/`,
      tags: { ...tags },
      accessKeys: 0,
      loginProfile: true,
    });
  }
  const primary = cohort.regions.primary;
  for (const role of ['raw', 'processed', 'results', 'trail']) {
    world.buckets.set(`${PREFIX}-${cohort.id}-${role}`, {
      region: primary,
      tags: { ...tags },
      entries: [],
      block: FULL_BLOCK,
    });
  }
  const backup = cohort.regions.backup;
  if (backup !== undefined) {
    for (const role of ['raw', 'processed']) {
      world.buckets.set(`${PREFIX}-${cohort.id}-${role}-dr`, {
        region: backup,
        tags: { ...tags },
        entries: [],
        block: FULL_BLOCK,
      });
    }
  }
  world.trails.set(`${primary}/${PREFIX}-${cohort.id}-trail`, { isLogging: true });
  world.trailTags.set(`${primary}/${PREFIX}-${cohort.id}-trail`, { ...tags });
}
