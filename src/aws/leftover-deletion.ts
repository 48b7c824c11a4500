/**
 * Deleting what `terraform destroy` left behind, by ARN, for the resource types the project creates most and has
 * SDK clients for: SNS topics, Glue jobs, crawlers, triggers and databases, Athena workgroups and CloudWatch alarms
 * (S3 buckets are emptied and deleted by the caller, which has the version deletions). Anything else is reported
 * for a person to delete. The caller decides WHETHER to delete (the tags); this file only knows HOW.
 */
import { type AthenaClient, DeleteWorkGroupCommand } from '@aws-sdk/client-athena';
import { type CloudWatchClient, DeleteAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import {
  DeleteCrawlerCommand,
  DeleteDatabaseCommand,
  DeleteJobCommand,
  DeleteTriggerCommand,
  type GlueClient,
} from '@aws-sdk/client-glue';
import { DeleteTopicCommand, type SNSClient } from '@aws-sdk/client-sns';
import { absentOn } from './absent-on.ts';

export type LeftoverKind =
  | 's3-bucket'
  | 'sns-topic'
  | 'glue-job'
  | 'glue-crawler'
  | 'glue-trigger'
  | 'glue-database'
  | 'athena-workgroup'
  | 'cloudwatch-alarm';

export interface ParsedArn {
  readonly service: string;
  /** Empty for global resources (S3 buckets, IAM). */
  readonly region: string;
  /** `bucket`, `topic`, `job`, `workgroup`, `alarm`, ... */
  readonly resourceType: string;
  readonly name: string;
  /** Set when this file can delete it. */
  readonly kind?: LeftoverKind;
}

const KINDS: Readonly<Record<string, LeftoverKind>> = {
  's3:bucket': 's3-bucket',
  'sns:topic': 'sns-topic',
  'glue:job': 'glue-job',
  'glue:crawler': 'glue-crawler',
  'glue:trigger': 'glue-trigger',
  'glue:database': 'glue-database',
  'athena:workgroup': 'athena-workgroup',
  'cloudwatch:alarm': 'cloudwatch-alarm',
};

/**
 * `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`, where RESOURCE is `type/name`, `type:name` or (S3 buckets, SNS
 * topics) the bare name. Undefined for anything that is not an ARN.
 */
export function parseArn(arn: string): ParsedArn | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, , service = '', region = ''] = parts;
  const resource = parts.slice(5).join(':');
  let resourceType: string;
  let name: string;
  const slash = resource.indexOf('/');
  const colon = resource.indexOf(':');
  if (service === 's3' && !resource.includes('/')) [resourceType, name] = ['bucket', resource];
  else if (service === 'sns' && colon < 0) [resourceType, name] = ['topic', resource];
  else if (slash >= 0 && (colon < 0 || slash < colon))
    [resourceType, name] = [resource.slice(0, slash), resource.slice(slash + 1)];
  else if (colon >= 0) [resourceType, name] = [resource.slice(0, colon), resource.slice(colon + 1)];
  else [resourceType, name] = [resource, ''];
  const kind = KINDS[`${service}:${resourceType}`];
  return { service, region, resourceType, name, ...(kind === undefined ? {} : { kind }) };
}

export interface LeftoverClients {
  readonly sns: SNSClient;
  readonly glue: GlueClient;
  readonly athena: AthenaClient;
  readonly cloudwatch: CloudWatchClient;
}

export interface LeftoverDeleteApi {
  /** Deletes one resource of a supported kind other than a bucket; `absent` when it was already gone. */
  delete(kind: Exclude<LeftoverKind, 's3-bucket'>, name: string, arn: string): Promise<'deleted' | 'absent'>;
}

const GONE = [
  'NotFound',
  'NotFoundException',
  'EntityNotFoundException',
  'ResourceNotFound',
  'ResourceNotFoundException',
];

export function leftoverDeleteApi(clients: LeftoverClients): LeftoverDeleteApi {
  const run = (send: () => Promise<unknown>) =>
    absentOn(GONE, async () => {
      await send();
      return 'deleted' as const;
    });
  return {
    delete(kind, name, arn) {
      switch (kind) {
        case 'sns-topic':
          return run(() => clients.sns.send(new DeleteTopicCommand({ TopicArn: arn })));
        case 'glue-job':
          return run(() => clients.glue.send(new DeleteJobCommand({ JobName: name })));
        case 'glue-crawler':
          return run(() => clients.glue.send(new DeleteCrawlerCommand({ Name: name })));
        case 'glue-trigger':
          return run(() => clients.glue.send(new DeleteTriggerCommand({ Name: name })));
        case 'glue-database':
          return run(() => clients.glue.send(new DeleteDatabaseCommand({ Name: name })));
        case 'athena-workgroup':
          // Recursive: a workgroup with saved queries is otherwise refused.
          return run(() =>
            clients.athena.send(new DeleteWorkGroupCommand({ WorkGroup: name, RecursiveDeleteOption: true })),
          );
        case 'cloudwatch-alarm':
          return run(() => clients.cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: [name] })));
      }
    },
  };
}
