/**
 * One place that builds AWS SDK v3 clients for the jobs: adaptive retries (client-side rate limiting when a service
 * throttles, then exponential backoff), a bounded number of attempts, one client per (service, region) reused by
 * every cohort, and explicit credentials and endpoint when given (tests point every client at a loopback server).
 */
import { AthenaClient } from '@aws-sdk/client-athena';
import { BudgetsClient } from '@aws-sdk/client-budgets';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { GlueClient } from '@aws-sdk/client-glue';
import { IAMClient } from '@aws-sdk/client-iam';
import { LakeFormationClient } from '@aws-sdk/client-lakeformation';
import { PricingClient } from '@aws-sdk/client-pricing';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { S3Client } from '@aws-sdk/client-s3';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { STSClient } from '@aws-sdk/client-sts';
import { ConfigError } from '../jobs/common/config-error.ts';

/** The client of each service the jobs use, by a short kind name. */
export interface AwsClients {
  athena: AthenaClient;
  budgets: BudgetsClient;
  cloudtrail: CloudTrailClient;
  cloudwatch: CloudWatchClient;
  costExplorer: CostExplorerClient;
  glue: GlueClient;
  iam: IAMClient;
  lakeformation: LakeFormationClient;
  pricing: PricingClient;
  resourceGroupsTagging: ResourceGroupsTaggingAPIClient;
  s3: S3Client;
  serviceQuotas: ServiceQuotasClient;
  sesv2: SESv2Client;
  sns: SNSClient;
  sts: STSClient;
}

export type ClientKind = keyof AwsClients;

export interface StaticCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface ClientOptions {
  /** Default: the SDK's credential chain (environment, profile, web identity from the OIDC step, ...). */
  readonly credentials?: StaticCredentials;
  /** One endpoint for every service (a loopback server in tests); S3 then uses path-style addressing. */
  readonly endpoint?: string;
  /** Attempts per request, retries included. Default 8: a burst of throttling must not fail a cohort. */
  readonly maxAttempts?: number;
  /** How long an attempt may wait for its answer to start (default REQUEST_TIMEOUT_MS). */
  readonly requestTimeoutMs?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 8;

/**
 * Time limits of one attempt: to connect, and for the answer to start (its headers; a streamed body, and S3's copy
 * that answers 200 early, are not cut). An endpoint that accepts connections and never answers then fails the
 * attempt (and is retried) instead of hanging the job; the SDK sets none itself.
 */
export const CONNECTION_TIMEOUT_MS = 5_000;
export const REQUEST_TIMEOUT_MS = 30_000;

/** The common constructor shape of every SDK v3 client, with the settings this factory passes. */
interface CommonConfig {
  region: string;
  retryMode: 'adaptive';
  maxAttempts: number;
  requestHandler: { connectionTimeout: number; requestTimeout: number; throwOnRequestTimeout: true };
  credentials?: StaticCredentials;
  endpoint?: string;
  forcePathStyle?: boolean;
}

const CONSTRUCTORS: { readonly [K in ClientKind]: new (config: CommonConfig) => AwsClients[K] } = {
  athena: AthenaClient,
  budgets: BudgetsClient,
  cloudtrail: CloudTrailClient,
  cloudwatch: CloudWatchClient,
  costExplorer: CostExplorerClient,
  glue: GlueClient,
  iam: IAMClient,
  lakeformation: LakeFormationClient,
  pricing: PricingClient,
  resourceGroupsTagging: ResourceGroupsTaggingAPIClient,
  s3: S3Client,
  serviceQuotas: ServiceQuotasClient,
  sesv2: SESv2Client,
  sns: SNSClient,
  sts: STSClient,
};

/**
 * Global services answer in one region whatever the cohort's: their clients are shared across regions (IAM and
 * STS are global; Cost Explorer and Budgets live in us-east-1; the Price List API answers there for every region).
 */
const GLOBAL_REGION: Partial<Record<ClientKind, string>> = {
  iam: 'us-east-1',
  costExplorer: 'us-east-1',
  budgets: 'us-east-1',
  pricing: 'us-east-1',
};

export class AwsClientFactory {
  private readonly cache = new Map<string, AwsClients[ClientKind]>();

  constructor(private readonly options: ClientOptions = {}) {}

  client<K extends ClientKind>(kind: K, region: string): AwsClients[K] {
    const where = GLOBAL_REGION[kind] ?? region;
    const key = `${kind}|${where}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached as AwsClients[K];
    const {
      credentials,
      endpoint,
      maxAttempts = DEFAULT_MAX_ATTEMPTS,
      requestTimeoutMs = REQUEST_TIMEOUT_MS,
    } = this.options;
    const config: CommonConfig = {
      region: where,
      retryMode: 'adaptive',
      maxAttempts,
      // Without throwOnRequestTimeout the handler only logs a warning when the time is up, and keeps waiting.
      requestHandler: {
        connectionTimeout: CONNECTION_TIMEOUT_MS,
        requestTimeout: requestTimeoutMs,
        throwOnRequestTimeout: true,
      },
      ...(credentials === undefined ? {} : { credentials }),
      ...(endpoint === undefined ? {} : { endpoint }),
      // A loopback endpoint has no per-bucket host names.
      ...(endpoint !== undefined && kind === 's3' ? { forcePathStyle: true } : {}),
    };
    const Constructor = CONSTRUCTORS[kind] as new (config: CommonConfig) => AwsClients[K];
    const client = new Constructor(config);
    this.cache.set(key, client);
    return client;
  }

  /** Closes the clients' sockets, so a CLI run exits promptly. */
  destroy(): void {
    for (const client of this.cache.values()) client.destroy();
    this.cache.clear();
  }
}

export const MISSING_CREDENTIALS =
  'No AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or AWS_PROFILE, or run in the workflow that assumes the ops role.';

/** Environment variables through which the SDK's default chain finds credentials without probing anything. */
const CREDENTIAL_SOURCES: readonly (readonly string[])[] = [
  ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'],
  ['AWS_PROFILE'],
  ['AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_ARN'],
  ['AWS_CONTAINER_CREDENTIALS_FULL_URI'],
  ['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'],
];

export type Env = Readonly<Record<string, string | undefined>>;

/** Resolves the SDK's default credential chain (shared config files, SSO, instance metadata). */
export type CredentialProbe = () => Promise<unknown>;

const defaultProbe: CredentialProbe = async () => {
  const sts = new STSClient({ region: 'us-east-1', maxAttempts: 1 });
  try {
    return await sts.config.credentials();
  } finally {
    sts.destroy();
  }
};

/**
 * Throws a ConfigError (exit 2, one sentence) when no credentials can be found: first the environment, then the
 * SDK's chain (files, SSO, instance metadata). Half-set static keys are named, as they are the usual mistake.
 */
export async function assertCredentials(env: Env, probe: CredentialProbe = defaultProbe): Promise<void> {
  const set = (name: string) => (env[name] ?? '').trim() !== '';
  if (CREDENTIAL_SOURCES.some((names) => names.every(set))) return;
  if (set('AWS_ACCESS_KEY_ID') !== set('AWS_SECRET_ACCESS_KEY')) {
    const missing = set('AWS_ACCESS_KEY_ID') ? 'AWS_SECRET_ACCESS_KEY' : 'AWS_ACCESS_KEY_ID';
    throw new ConfigError(`Incomplete AWS credentials: ${missing} is not set.`);
  }
  try {
    await probe();
  } catch {
    throw new ConfigError(MISSING_CREDENTIALS);
  }
}
