/**
 * Whether a CloudTrail trail is logging (`GetTrailStatus`), for teardown's security check, and stopping it
 * (`StopLogging`) just before its bucket is emptied for the destroy, so no new log file lands there.
 */
import {
  type CloudTrailClient,
  GetTrailStatusCommand,
  ListTagsCommand,
  StopLoggingCommand,
} from '@aws-sdk/client-cloudtrail';
import { absentOn } from './absent-on.ts';
import { isErrorNamed } from './errors.ts';
import { optional } from './optional-field.ts';

export interface TrailStatus {
  readonly isLogging: boolean;
  readonly latestDeliveryError?: string;
  readonly latestDeliveryTime?: Date;
}

export interface TrailStatusApi {
  /** The trail's status, or undefined when no trail has that name (or ARN) in the region. */
  trailStatus(name: string): Promise<TrailStatus | undefined>;
  /** Stops the trail logging; `absent` when there is no such trail. */
  stopLogging(name: string): Promise<'stopped' | 'absent'>;
  /** The trail's tags, or undefined when there is no such trail. */
  tags(trailArn: string): Promise<Record<string, string> | undefined>;
}

export function cloudTrailStatusApi(client: CloudTrailClient): TrailStatusApi {
  return {
    async trailStatus(Name) {
      try {
        const out = await client.send(new GetTrailStatusCommand({ Name }));
        return {
          isLogging: out.IsLogging === true,
          ...optional('latestDeliveryError', out.LatestDeliveryError || undefined),
          ...optional('latestDeliveryTime', out.LatestDeliveryTime),
        };
      } catch (error) {
        if (isErrorNamed(error, 'TrailNotFoundException')) return undefined;
        throw error;
      }
    },
    async tags(trailArn) {
      try {
        const out = await client.send(new ListTagsCommand({ ResourceIdList: [trailArn] }));
        const list = out.ResourceTagList?.[0]?.TagsList ?? [];
        return Object.fromEntries(list.map((t) => [t.Key ?? '', t.Value ?? '']));
      } catch (error) {
        if (isErrorNamed(error, 'TrailNotFoundException', 'ResourceNotFoundException')) return undefined;
        throw error;
      }
    },
    stopLogging(Name) {
      return absentOn(['TrailNotFoundException'], async () => {
        await client.send(new StopLoggingCommand({ Name }));
        return 'stopped' as const;
      });
    },
  };
}
