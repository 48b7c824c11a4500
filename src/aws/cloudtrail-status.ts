/**
 * Whether a CloudTrail trail is logging (`GetTrailStatus`), for teardown's security check, and stopping it
 * (`StopLogging`) just before its bucket is emptied for the destroy, so no new log file lands there. The factory has
 * no CloudTrail kind yet, so `cloudTrailClientLike` builds one that signs with the credentials of a factory client
 * and goes to the same custom endpoint when the factory has one (tests), with the factory's retry settings.
 */
import { CloudTrailClient, GetTrailStatusCommand, StopLoggingCommand } from '@aws-sdk/client-cloudtrail';
import type { STSClient } from '@aws-sdk/client-sts';
import { absentOn } from './absent-on.ts';
import { DEFAULT_MAX_ATTEMPTS, type Env } from './clients.ts';
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
    stopLogging(Name) {
      return absentOn(['TrailNotFoundException'], async () => {
        await client.send(new StopLoggingCommand({ Name }));
        return 'stopped' as const;
      });
    },
  };
}

/**
 * A CloudTrail client in `region` signing with `like`'s credentials (the same chain, the same assumed role), at
 * `like`'s custom endpoint when it has one and no CloudTrail endpoint is set in the environment. The caller
 * destroys it.
 */
export function cloudTrailClientLike(like: STSClient, region: string, env: Env): CloudTrailClient {
  const { config } = like;
  const ownEndpoint = (env.AWS_ENDPOINT_URL_CLOUDTRAIL ?? env.AWS_ENDPOINT_URL ?? '').trim() !== '';
  const shared = config.isCustomEndpoint === true && !ownEndpoint ? config.endpoint : undefined;
  return new CloudTrailClient({
    region,
    retryMode: 'adaptive',
    maxAttempts: DEFAULT_MAX_ATTEMPTS,
    credentials: config.credentials,
    ...(shared === undefined ? {} : { endpoint: shared }),
  });
}
