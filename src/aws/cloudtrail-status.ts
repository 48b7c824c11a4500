/**
 * Whether a CloudTrail trail is logging (`GetTrailStatus`), for teardown's security check.
 *
 * The project has no CloudTrail SDK client among its dependencies, so this one call is made by hand: the AWS JSON 1.1
 * protocol, signed with Signature V4 (`@smithy/signature-v4`, the signer every SDK v3 client uses), with the
 * credentials of an SDK client of the factory (so the same chain and the same assumed role), and a bounded retry on
 * throttling and server errors. With `@aws-sdk/client-cloudtrail` installed this file becomes a
 * `GetTrailStatusCommand` call behind the same interface.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';

export interface TrailStatus {
  readonly isLogging: boolean;
  readonly latestDeliveryError?: string;
  readonly latestDeliveryTime?: Date;
}

export interface TrailStatusApi {
  /** The trail's status, or undefined when no trail has that name (or ARN) in the region. */
  trailStatus(name: string): Promise<TrailStatus | undefined>;
}

export interface AwsIdentity {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string | undefined;
}

export interface CloudTrailStatusOptions {
  readonly region: string;
  readonly credentials: () => Promise<AwsIdentity>;
  /** Base URL; default `https://cloudtrail.<region>.amazonaws.com`. */
  readonly endpoint?: string;
  readonly fetch?: typeof globalThis.fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Attempts per call, retries included (default 5). */
  readonly maxAttempts?: number;
}

const TARGET = 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.GetTrailStatus';
const RETRYABLE = new Set(['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded']);
const BASE_DELAY_MS = 200;
const MAX_DELAY_MS = 5_000;
const TIMEOUT_MS = 20_000;

/** An error shaped like the SDK's, so `errorName`, `describeError` and `isAccessDenied` read it the same way. */
export class AwsJsonError extends Error {
  readonly $metadata: { readonly httpStatusCode: number };
  constructor(code: string, message: string, status: number) {
    super(message);
    this.name = code;
    this.$metadata = { httpStatusCode: status };
  }
}

/** SHA-256 and HMAC-SHA-256 in the shape the signer asks for. */
class NodeSha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash =
      secret === undefined
        ? createHash('sha256')
        : createHmac('sha256', typeof secret === 'string' ? secret : Buffer.from(secret as ArrayBuffer));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(typeof data === 'string' ? data : Buffer.from(data as ArrayBuffer));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

/** `com.amazonaws.cloudtrail#TrailNotFoundException` or `TrailNotFoundException:http://…` → the bare code. */
function errorCode(header: string | null, body: Record<string, unknown>): string {
  const raw = header ?? (typeof body.__type === 'string' ? body.__type : 'UnknownError');
  return (raw.split(':')[0] ?? raw).split('#').pop() ?? raw;
}

function parseBody(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function statusOf(body: Record<string, unknown>): TrailStatus {
  const error = body.LatestDeliveryError;
  const time = body.LatestDeliveryTime;
  return {
    isLogging: body.IsLogging === true,
    ...(typeof error === 'string' && error !== '' ? { latestDeliveryError: error } : {}),
    ...(typeof time === 'number' ? { latestDeliveryTime: new Date(time * 1000) } : {}),
  };
}

export function cloudTrailStatusApi(options: CloudTrailStatusOptions): TrailStatusApi {
  const url = new URL(options.endpoint ?? `https://cloudtrail.${options.region}.amazonaws.com`);
  const send = options.fetch ?? globalThis.fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const attempts = options.maxAttempts ?? 5;

  async function once(name: string): Promise<TrailStatus | undefined> {
    const signer = new SignatureV4({
      credentials: async () => {
        const { accessKeyId, secretAccessKey, sessionToken } = await options.credentials();
        return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
      },
      region: options.region,
      service: 'cloudtrail',
      sha256: NodeSha256,
    });
    const body = JSON.stringify({ Name: name });
    const signed = await signer.sign({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port === '' ? {} : { port: Number(url.port) }),
      path: url.pathname || '/',
      query: {},
      headers: {
        host: url.host,
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': TARGET,
      },
      body,
    });
    const response = await send(new URL(signed.path, url), {
      method: 'POST',
      headers: signed.headers,
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const parsed = parseBody(await response.text());
    if (response.ok) return statusOf(parsed);
    const code = errorCode(response.headers.get('x-amzn-errortype'), parsed);
    if (code === 'TrailNotFoundException') return undefined;
    const message = typeof parsed.message === 'string' ? parsed.message : `HTTP ${response.status}`;
    throw new AwsJsonError(code, message, response.status);
  }

  const retryable = (error: unknown) =>
    !(error instanceof AwsJsonError) ||
    RETRYABLE.has(error.name) ||
    error.$metadata.httpStatusCode >= 500 ||
    error.$metadata.httpStatusCode === 429;

  return {
    async trailStatus(name) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await once(name);
        } catch (error) {
          if (attempt >= attempts || !retryable(error)) throw error;
          await sleep(Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempt - 1)));
        }
      }
    },
  };
}
