/** The state store and alert sink every job shares, built once per run from the settings and the clients. */
import type { AwsClientFactory, Env } from '../../aws/clients.ts';
import { s3Api } from '../../aws/s3.ts';
import { snsApi } from '../../aws/sns.ts';
import { accountIdOf, type Settings } from '../../cohort/settings-schema.ts';
import { type AlertSink, snsSlackAlertSink, type WebhookPost } from './alerts.ts';
import type { Logger } from './logger.ts';
import { OpsStateStore } from './ops-state.ts';

export interface OpsServices {
  readonly accountId: string;
  readonly state: OpsStateStore;
  readonly alerts: AlertSink;
}

export function opsServices(
  settings: Settings,
  aws: AwsClientFactory,
  env: Env,
  logger: Logger,
  post?: WebhookPost,
): OpsServices {
  return {
    accountId: accountIdOf(settings),
    state: new OpsStateStore(s3Api(aws.client('s3', settings.state.region)), settings.state.bucket),
    alerts: snsSlackAlertSink({
      sns: (region) => snsApi(aws.client('sns', region)),
      env,
      logger,
      ...(post === undefined ? {} : { post }),
    }),
  };
}
