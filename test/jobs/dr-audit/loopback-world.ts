/**
 * S3, CloudWatch, the Tagging API and SNS as the loopback server answers them for the DR jobs: replicated buckets
 * with their settings as S3's XML, object versions and heads, and a state bucket in memory. Buckets of cohorts in
 * `denied` answer AccessDenied (a permanent error).
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
import { ACCOUNT, BACKUP_KEY } from './fakes.ts';

export interface LoopObject {
  readonly key: string;
  readonly versionId: string;
  readonly lastModified: string;
  readonly status: 'COMPLETED' | 'PENDING' | 'FAILED';
}

export interface LoopBucket {
  readonly replicaOf?: string;
  readonly objects: LoopObject[];
}

function xmlResponse(body: string): LoopbackResponse {
  return { status: 200, headers: { 'content-type': 'application/xml' }, body };
}

function replicationXml(replica: string): string {
  return `<ReplicationConfiguration><Role>arn:aws:iam::${ACCOUNT}:role/workshops/x/replication</Role><Rule><ID>cohort-backup</ID><Priority>1</Priority><Status>Enabled</Status><Filter></Filter><DeleteMarkerReplication><Status>Enabled</Status></DeleteMarkerReplication><SourceSelectionCriteria><SseKmsEncryptedObjects><Status>Enabled</Status></SseKmsEncryptedObjects></SourceSelectionCriteria><Destination><Bucket>arn:aws:s3:::${replica}</Bucket><EncryptionConfiguration><ReplicaKmsKeyID>${BACKUP_KEY}</ReplicaKmsKeyID></EncryptionConfiguration><ReplicationTime><Status>Enabled</Status><Time><Minutes>15</Minutes></Time></ReplicationTime><Metrics><Status>Enabled</Status><EventThreshold><Minutes>15</Minutes></EventThreshold></Metrics></Destination></Rule></ReplicationConfiguration>`;
}

function versionsXml(objects: readonly LoopObject[]): string {
  const versions = objects
    .map(
      (o) =>
        `<Version><Key>${o.key}</Key><VersionId>${o.versionId}</VersionId><IsLatest>true</IsLatest><LastModified>${o.lastModified}</LastModified><ETag>"e-${o.versionId}"</ETag><Size>42</Size><StorageClass>STANDARD</StorageClass></Version>`,
    )
    .join('');
  return `<ListVersionsResult><IsTruncated>false</IsTruncated>${versions}</ListVersionsResult>`;
}

function head(o: LoopObject, replica: boolean): LoopbackResponse {
  return {
    status: 200,
    headers: {
      'content-length': '42',
      etag: `"e-${o.versionId}"`,
      'last-modified': new Date(o.lastModified).toUTCString(),
      'x-amz-version-id': o.versionId,
      'x-amz-replication-status': replica ? 'REPLICA' : o.status,
      'x-amz-checksum-crc64nvme': `crc-${o.key}`,
      'x-amz-server-side-encryption': 'aws:kms',
      'x-amz-server-side-encryption-aws-kms-key-id': replica
        ? BACKUP_KEY
        : `arn:aws:kms:ap-northeast-2:${ACCOUNT}:key/p`,
    },
  };
}

export function drWorld(buckets: Map<string, LoopBucket>, denied: readonly string[] = []) {
  const state = memoryObjects();
  const published: string[] = [];
  const s3 = (r: LoopbackRequest): LoopbackResponse | undefined => {
    const [name = '', ...rest] = r.path.split('/').filter((s) => s !== '');
    const bucket = buckets.get(name);
    if (bucket === undefined) return undefined;
    if (denied.some((id) => name.includes(`-${id}-`))) return awsError('s3', 'AccessDenied', 'Access Denied', 403);
    const source = bucket.replicaOf === undefined ? bucket : buckets.get(bucket.replicaOf);
    if (rest.length === 0 && r.method === 'GET') {
      if (r.query.has('replication')) {
        return bucket.replicaOf === undefined
          ? xmlResponse(replicationXml(`${name}-dr`))
          : awsError('s3', 'ReplicationConfigurationNotFoundError', 'none', 404);
      }
      if (r.query.has('versioning')) {
        return xmlResponse(
          '<VersioningConfiguration><Status>Enabled</Status><MfaDelete>Disabled</MfaDelete></VersioningConfiguration>',
        );
      }
      if (r.query.has('encryption')) {
        return xmlResponse(
          `<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>aws:kms</SSEAlgorithm><KMSMasterKeyID>${BACKUP_KEY}</KMSMasterKeyID></ApplyServerSideEncryptionByDefault><BucketKeyEnabled>true</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>`,
        );
      }
      if (r.query.has('publicAccessBlock')) {
        return xmlResponse(
          '<PublicAccessBlockConfiguration><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls><BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>true</RestrictPublicBuckets></PublicAccessBlockConfiguration>',
        );
      }
      if (r.query.has('versions')) return xmlResponse(versionsXml(bucket.objects));
    }
    if (r.operation === 'HeadObject') {
      const key = rest.join('/');
      const found = (source?.objects ?? []).find((o) => o.key === key && o.versionId === r.query.get('versionId'));
      if (found === undefined || (bucket.replicaOf !== undefined && found.status !== 'COMPLETED')) {
        return awsError('s3', 'NotFound', 'Not Found', 404);
      }
      return head(found, bucket.replicaOf !== undefined);
    }
    return awsError('s3', 'NotImplemented', `${r.method} ${r.path}`, 501);
  };
  const handler: LoopbackHandler = (r) => {
    if (r.service === 's3') return s3(r) ?? state.handle(r) ?? awsError('s3', 'NoSuchBucket', r.path, 404);
    if (r.service === 'monitoring' && r.operation === 'GetMetricData') return json({ MetricDataResults: [] });
    if (r.service === 'tagging' && r.operation === 'GetResources') {
      return json({ ResourceTagMappingList: [{ ResourceARN: BACKUP_KEY, Tags: [] }], PaginationToken: '' });
    }
    if (r.service === 'sns' && r.operation === 'Publish') {
      published.push(r.params.get('Message') ?? '');
      return queryResult('Publish', { MessageId: 'p-1' });
    }
    return awsError(r.service, 'UnknownOperation', `${r.service} ${r.operation}`);
  };
  return { handler, state, published };
}
