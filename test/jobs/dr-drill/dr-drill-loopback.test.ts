import { describe, expect, it } from 'vitest';
import { drDrillJob } from '../../../src/jobs/dr-drill/job.ts';
import {
  awsError,
  type LoopbackHandler,
  type LoopbackRequest,
  loopbackSession,
  memoryObjects,
  queryResult,
} from '../../support/aws-loopback.ts';
import { SETTINGS, testCohort } from '../common/cohorts.ts';
import { testContext } from '../common/fakes.ts';

const session = loopbackSession();

interface Stored {
  key: string;
  versionId: string;
  body: string;
  sha256: string;
}

/** Raw buckets and their replicas: a PUT to raw shows up in the replica at the second HEAD there. */
function replicatingS3(): { handler: LoopbackHandler; buckets: Map<string, Stored[]>; deletes: string[] } {
  const buckets = new Map<string, Stored[]>();
  const headsBeforeArrival = new Map<string, number>();
  const deletes: string[] = [];
  const state = memoryObjects();
  let n = 0;
  const list = (name: string) => buckets.get(name) ?? buckets.set(name, []).get(name) ?? [];
  const s3 = (r: LoopbackRequest) => {
    const [bucket = '', ...rest] = r.path.split('/').filter((s) => s !== '');
    if (!bucket.startsWith('acme-ws-')) return state.handle(r);
    const key = rest.join('/');
    const versionId = r.query.get('versionId');
    if (r.method === 'PUT') {
      n += 1;
      const stored = { key, versionId: `v${n}`, body: r.body, sha256: r.headers['x-amz-checksum-sha256'] ?? '' };
      list(bucket).push(stored);
      headsBeforeArrival.set(`${bucket}-dr/${key}`, 1);
      return { status: 200, headers: { 'x-amz-version-id': stored.versionId, 'x-amz-checksum-sha256': stored.sha256 } };
    }
    if (r.method === 'HEAD' || (r.method === 'GET' && key !== '')) {
      const pending = headsBeforeArrival.get(`${bucket}/${key}`);
      if (pending !== undefined && r.method === 'HEAD') {
        if (pending > 0) {
          headsBeforeArrival.set(`${bucket}/${key}`, pending - 1);
        } else {
          const source = list(bucket.replace(/-dr$/, '')).find((o) => o.key === key && o.versionId === versionId);
          if (source !== undefined) list(bucket).push({ ...source });
          headsBeforeArrival.delete(`${bucket}/${key}`);
        }
      }
      const found = list(bucket).find((o) => o.key === key && o.versionId === versionId);
      if (found === undefined) return awsError('s3', 'NotFound', 'Not Found', 404);
      const headers = {
        'x-amz-version-id': found.versionId,
        'x-amz-checksum-sha256': found.sha256,
        'content-length': String(Buffer.byteLength(found.body)),
      };
      return r.method === 'HEAD' ? { status: 200, headers } : { status: 200, headers, body: found.body };
    }
    if (r.method === 'GET' && r.query.has('versions')) {
      const prefix = r.query.get('prefix') ?? '';
      const versions = list(bucket)
        .filter((o) => o.key.startsWith(prefix))
        .map(
          (o) =>
            `<Version><Key>${o.key}</Key><VersionId>${o.versionId}</VersionId><IsLatest>true</IsLatest><LastModified>2026-12-01T04:17:00.000Z</LastModified><Size>1</Size></Version>`,
        );
      return {
        status: 200,
        headers: { 'content-type': 'application/xml' },
        body: `<ListVersionsResult><IsTruncated>false</IsTruncated>${versions.join('')}</ListVersionsResult>`,
      };
    }
    if (r.method === 'POST' && r.query.has('delete')) {
      for (const match of r.body.matchAll(/<Key>([^<]+)<\/Key><VersionId>([^<]+)<\/VersionId>/g)) {
        deletes.push(`${bucket}/${match[1]}?${match[2]}`);
        const objects = list(bucket);
        const i = objects.findIndex((o) => o.key === match[1] && o.versionId === match[2]);
        if (i >= 0) objects.splice(i, 1);
      }
      return { status: 200, headers: { 'content-type': 'application/xml' }, body: '<DeleteResult></DeleteResult>' };
    }
    return awsError('s3', 'NotImplemented', `${r.method} ${r.path}`, 501);
  };
  const handler: LoopbackHandler = (r) => {
    if (r.service === 's3') return s3(r) ?? awsError('s3', 'NoSuchBucket', r.path, 404);
    if (r.service === 'sns') return queryResult('Publish', { MessageId: 'p' });
    return awsError(r.service, 'UnknownOperation', r.operation);
  };
  return { handler, buckets, deletes };
}

describe('dr-drill through the real SDK clients', () => {
  it('writes, waits for and reads back the canary, then deletes exactly its versions on both sides', async () => {
    const world = replicatingS3();
    const loopback = await session.start(world.handler);
    loopback.fault({ service: 's3', operation: 'HeadObject', times: 2, kind: 'throttle' });
    loopback.fault({ service: 's3', operation: 'PutObject', times: 1, kind: 'server-error' });
    const aws = session.factory(loopback);
    const ctx = testContext('2026-12-01T04:17:00Z');
    const cohorts = [testCohort('cohort-b', { regions: { primary: 'ap-northeast-2', backup: 'ap-southeast-1' } })];
    const report = await drDrillJob.run(
      { settings: SETTINGS, cohorts, ctx, aws, env: {} },
      { sleep: async () => {}, randomId: () => 'abcdef123456' },
    );
    expect(report.cohorts[0]?.status).toBe('ok');
    const canary = '_dr-drill/20261201T041700Z-abcdef123456.json';
    // The checksum travelled with the PUT, and S3 (here the loopback) kept it on both sides.
    const put = loopback.requests.find(
      (r) => r.method === 'PUT' && r.path.endsWith(canary) && !r.path.includes('terraform-state'),
    );
    expect(put?.headers['x-amz-checksum-sha256']).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(world.deletes).toEqual([`acme-ws-cohort-b-raw/${canary}?v1`, `acme-ws-cohort-b-raw-dr/${canary}?v1`]);
    expect(world.buckets.get('acme-ws-cohort-b-raw')).toEqual([]);
    expect(world.buckets.get('acme-ws-cohort-b-raw-dr')).toEqual([]);
    const regionsOf = (bucket: string) =>
      new Set(
        loopback?.requests
          .filter((r) => r.path.startsWith(`/${bucket}/`) || r.path === `/${bucket}`)
          .map((r) => r.region),
      );
    expect(regionsOf('acme-ws-cohort-b-raw')).toEqual(new Set(['ap-northeast-2']));
    expect(regionsOf('acme-ws-cohort-b-raw-dr')).toEqual(new Set(['ap-southeast-1']));
  });
});
