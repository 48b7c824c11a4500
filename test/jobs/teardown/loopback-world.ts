/**
 * IAM, S3, CloudTrail and SNS as the loopback server answers them for the teardown job, in the services' own wire
 * formats: cohort users with tags, access keys and passwords; versioned buckets with tags, policy status and
 * public-access block (ListObjectVersions pages, DeleteObjects with per-key errors); trails; the state bucket.
 * Regions in `deniedSns` answer AccessDenied to Publish (a permanent error for that cohort).
 */
import {
  awsError,
  json,
  type LoopbackHandler,
  type LoopbackRequest,
  type LoopbackResponse,
  memoryObjects,
  queryResult,
} from '../../support/aws-loopback.ts';
import { cohortTagsOf } from './fakes.ts';

export interface LoopUser {
  readonly cohortId: string;
  readonly accessKeys: number;
  loginProfile: boolean;
}

export interface LoopBucket {
  readonly cohortId: string;
  /** `key@versionId`, in listing order; ids starting with `m` are delete markers. */
  entries: string[];
  /** Keys whose deletion fails once with this code. */
  flaky?: { code: string; keys: Set<string> };
}

const PAGE = 1000;
const WHEN = '2026-12-01T00:00:00.000Z';

function xml(body: string): LoopbackResponse {
  return { status: 200, headers: { 'content-type': 'application/xml' }, body };
}

function versionsPage(bucket: LoopBucket, keyMarker: string | null, versionMarker: string | null): LoopbackResponse {
  const start = keyMarker === null ? 0 : bucket.entries.indexOf(`${keyMarker}@${versionMarker}`) + 1;
  const page = bucket.entries.slice(start, start + PAGE);
  const truncated = start + PAGE < bucket.entries.length;
  const [lastKey, lastVersion] = (page.at(-1) ?? '@').split('@');
  const items = page
    .map((entry) => {
      const [key, version = ''] = entry.split('@');
      const tag = version.startsWith('m') ? 'DeleteMarker' : 'Version';
      const size = tag === 'Version' ? '<Size>10</Size>' : '';
      return `<${tag}><Key>${key}</Key><VersionId>${version}</VersionId><IsLatest>true</IsLatest><LastModified>${WHEN}</LastModified>${size}</${tag}>`;
    })
    .join('');
  const next = truncated
    ? `<NextKeyMarker>${lastKey}</NextKeyMarker><NextVersionIdMarker>${lastVersion}</NextVersionIdMarker>`
    : '';
  return xml(`<ListVersionsResult><IsTruncated>${truncated}</IsTruncated>${next}${items}</ListVersionsResult>`);
}

function deleteObjects(bucket: LoopBucket, body: string): LoopbackResponse {
  const asked = [...body.matchAll(/<Object><Key>([^<]*)<\/Key><VersionId>([^<]*)<\/VersionId><\/Object>/g)].map(
    (m) => `${m[1]}@${m[2]}`,
  );
  const errors: string[] = [];
  for (const id of asked) {
    const [key, version] = id.split('@');
    if (bucket.flaky?.keys.delete(key ?? '')) {
      errors.push(
        `<Error><Key>${key}</Key><VersionId>${version}</VersionId><Code>${bucket.flaky.code}</Code><Message>scripted</Message></Error>`,
      );
      continue;
    }
    bucket.entries = bucket.entries.filter((e) => e !== id);
  }
  return xml(`<DeleteResult>${errors.join('')}</DeleteResult>`);
}

export function teardownWorld(options: {
  users: Map<string, LoopUser>;
  buckets: Map<string, LoopBucket>;
  deniedSns?: readonly string[];
  prefix?: string;
}) {
  const prefix = options.prefix ?? 'acme-ws';
  const state = memoryObjects();
  const published: { region: string; message: string }[] = [];
  const deletedProfiles: string[] = [];

  const s3 = (r: LoopbackRequest): LoopbackResponse | undefined => {
    const [name = '', ...rest] = r.path.split('/').filter((s) => s !== '');
    const bucket = options.buckets.get(name);
    if (bucket === undefined || rest.length > 0) return undefined;
    if (r.method === 'GET' && r.query.has('tagging')) {
      const tags = Object.entries(cohortTagsOf(bucket.cohortId))
        .map(([k, v]) => `<Tag><Key>${k}</Key><Value>${v}</Value></Tag>`)
        .join('');
      return xml(`<Tagging><TagSet>${tags}</TagSet></Tagging>`);
    }
    if (r.method === 'GET' && r.query.has('policyStatus')) {
      return xml('<PolicyStatus><IsPublic>false</IsPublic></PolicyStatus>');
    }
    if (r.method === 'GET' && r.query.has('publicAccessBlock')) {
      return xml(
        '<PublicAccessBlockConfiguration><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls><BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>true</RestrictPublicBuckets></PublicAccessBlockConfiguration>',
      );
    }
    if (r.method === 'GET' && r.query.has('versions')) {
      return versionsPage(bucket, r.query.get('key-marker'), r.query.get('version-id-marker'));
    }
    if (r.method === 'POST' && r.query.has('delete')) return deleteObjects(bucket, r.body);
    return undefined;
  };

  const iam = (r: LoopbackRequest): LoopbackResponse => {
    const userName = r.params.get('UserName') ?? '';
    const user = options.users.get(userName);
    switch (r.operation) {
      case 'ListUsers': {
        const path = r.params.get('PathPrefix') ?? '/';
        const users = [...options.users.entries()]
          .filter(([, u]) => `/workshops/${u.cohortId}/`.startsWith(path))
          .map(([name, u]) => ({
            UserName: name,
            Path: `/workshops/${u.cohortId}/`,
            UserId: `AID${name.length}`,
            Arn: `arn:aws:iam::123456789012:user/workshops/${u.cohortId}/${name}`,
            CreateDate: WHEN,
          }));
        return queryResult('ListUsers', { Users: users, IsTruncated: false });
      }
      case 'ListAccessKeys':
        return queryResult('ListAccessKeys', {
          AccessKeyMetadata: Array.from({ length: user?.accessKeys ?? 0 }, (_, i) => ({
            UserName: userName,
            AccessKeyId: `AKIA${i}`,
            Status: 'Active',
          })),
          IsTruncated: false,
        });
      case 'ListUserTags': {
        if (user === undefined) return awsError('iam', 'NoSuchEntity', `The user ${userName} cannot be found.`, 404);
        const tags = Object.entries(cohortTagsOf(user.cohortId)).map(([Key, Value]) => ({ Key, Value }));
        return queryResult('ListUserTags', { Tags: tags, IsTruncated: false });
      }
      case 'DeleteLoginProfile':
        if (user === undefined || !user.loginProfile) {
          return awsError('iam', 'NoSuchEntity', `Login Profile for User ${userName} cannot be found.`, 404);
        }
        user.loginProfile = false;
        deletedProfiles.push(userName);
        return queryResult('DeleteLoginProfile');
      default:
        return awsError('iam', 'InvalidAction', r.operation);
    }
  };

  const handler: LoopbackHandler = (r) => {
    const fromState = state.handle(r);
    if (fromState !== undefined && !options.buckets.has(r.path.split('/')[1] ?? '')) return fromState;
    if (r.service === 's3') return s3(r) ?? awsError('s3', 'NoSuchBucket', 'The specified bucket does not exist', 404);
    if (r.service === 'iam') return iam(r);
    if (r.service === 'cloudtrail') {
      const body = JSON.parse(r.body || '{}') as { Name?: string; ResourceIdList?: string[] };
      const arn = body.ResourceIdList?.[0];
      const name = body.Name ?? arn?.split(':trail/')[1] ?? '';
      if (!name.startsWith(`${prefix}-`)) return awsError('cloudtrail', 'TrailNotFoundException', name);
      if (arn === undefined) return json({ IsLogging: true });
      const cohortId = name.slice(prefix.length + 1, -'-trail'.length);
      const tagsList = Object.entries(cohortTagsOf(cohortId)).map(([Key, Value]) => ({ Key, Value }));
      return json({ ResourceTagList: [{ ResourceId: arn, TagsList: tagsList }] });
    }
    if (r.service === 'sns') {
      if ((options.deniedSns ?? []).includes(r.region)) {
        return awsError('sns', 'AuthorizationError', 'User is not authorized to perform: SNS:Publish', 403);
      }
      published.push({ region: r.region, message: r.params.get('Message') ?? '' });
      return queryResult('Publish', { MessageId: `m-${published.length}` });
    }
    if (r.service === 'sts')
      return queryResult('GetCallerIdentity', { Account: '123456789012', Arn: 'arn', UserId: 'u' });
    return awsError(r.service, 'UnknownOperation', `${r.service} ${r.operation}`);
  };
  return { handler, state, published, deletedProfiles };
}

/** `count` entries, every third a delete marker. */
export function loopEntries(count: number): string[] {
  return Array.from(
    { length: count },
    (_, i) => `data/${String(i).padStart(5, '0')}.csv@${i % 3 === 0 ? 'm' : 'v'}${i}`,
  );
}
