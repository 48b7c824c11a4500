/**
 * A loopback HTTP server that answers like AWS, for tests that run the real SDK v3 clients (signing, retries,
 * protocols, pagination) without the network. It recognises the service from the request's signature scope and
 * the operation from the protocol (JSON `X-Amz-Target`, query `Action=`, REST method and path), passes each request
 * to the test's handler, and can inject scripted faults first: a burst of throttling, an HTTP 500.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import { AwsClientFactory } from '../../src/aws/clients.ts';

/** The signing names of the services: `ses` is SES v2, `monitoring` CloudWatch, `ce` Cost Explorer. */
export type Protocol = 'json' | 'query' | 'rest-json' | 'rest-xml';

const PROTOCOLS: Readonly<Record<string, Protocol>> = {
  glue: 'json',
  athena: 'json',
  budgets: 'json',
  ce: 'json',
  monitoring: 'json',
  lakeformation: 'rest-json',
  servicequotas: 'json',
  tagging: 'json',
  iam: 'query',
  sns: 'query',
  sts: 'query',
  ses: 'rest-json',
  s3: 'rest-xml',
};

export interface LoopbackRequest {
  /** Signing name from the Authorization header: glue, iam, ses, sns, s3, sts, ... */
  readonly service: string;
  readonly region: string;
  /** `StartCrawler`, `GetLoginProfile`; for REST services the name `restOperation` recognises, else `METHOD /path`. */
  readonly operation: string;
  readonly method: string;
  /** Path without the query string, decoded. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** Form fields of a query-protocol request. */
  readonly params: URLSearchParams;
}

export interface LoopbackResponse {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

export type LoopbackHandler = (request: LoopbackRequest) => LoopbackResponse | Promise<LoopbackResponse>;

export interface Fault {
  readonly service?: string;
  readonly operation?: string;
  /** How many matching requests fail before the fault is used up. */
  readonly times: number;
  readonly kind: 'throttle' | 'server-error';
}

export interface Loopback {
  /** `http://127.0.0.1:<port>`: pass as the clients' endpoint. */
  readonly endpoint: string;
  /** Every request received, faults included, in order. */
  readonly requests: LoopbackRequest[];
  /** Queues a fault: the next `times` matching requests get it instead of the handler's answer. */
  fault(fault: Fault): void;
  close(): Promise<void>;
}

function signingScope(authorization: string): { service: string; region: string } {
  const match = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization);
  return { region: match?.[1] ?? '', service: match?.[2] ?? '' };
}

/** Operation names of the REST calls the jobs make (SES v2, S3); anything else is `METHOD /path`. */
export function restOperation(service: string, method: string, path: string, query: URLSearchParams): string {
  if (service === 'ses') {
    if (method === 'POST' && path === '/v2/email/outbound-emails') return 'SendEmail';
    if (method === 'GET' && path.startsWith('/v2/email/suppression/addresses/')) return 'GetSuppressedDestination';
    if (method === 'GET' && path === '/v2/email/suppression/addresses') return 'ListSuppressedDestinations';
  }
  if (service === 's3') {
    const segments = path.split('/').filter((s) => s !== '');
    if (segments.length === 1 && method === 'GET' && query.get('list-type') === '2') return 'ListObjectsV2';
    if (segments.length >= 2) {
      const byMethod: Record<string, string> = {
        GET: 'GetObject',
        PUT: 'PutObject',
        HEAD: 'HeadObject',
        DELETE: 'DeleteObject',
      };
      if (byMethod[method] !== undefined) return byMethod[method];
    }
  }
  return `${method} ${path}`;
}

function protocolOf(service: string): Protocol {
  return PROTOCOLS[service] ?? 'json';
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function toRequest(req: IncomingMessage, body: string): LoopbackRequest {
  const url = new URL(req.url ?? '/', 'http://loopback');
  const headers = Object.fromEntries(
    Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(',') : (v ?? '')]),
  );
  const { service, region } = signingScope(headers.authorization ?? '');
  const method = req.method ?? 'GET';
  const path = decodeURIComponent(url.pathname);
  const protocol = protocolOf(service);
  const params = protocol === 'query' ? new URLSearchParams(body) : new URLSearchParams();
  let operation: string;
  if (protocol === 'query') operation = params.get('Action') ?? '';
  else if (headers['x-amz-target'] !== undefined) operation = headers['x-amz-target'].split('.').pop() ?? '';
  else operation = restOperation(service, method, path, url.searchParams);
  return { service, region, operation, method, path, query: url.searchParams, headers, body, params };
}

// ---- AWS-shaped answers ----------------------------------------------------------------------------------------

export function json(value: unknown, status = 200): LoopbackResponse {
  return { status, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: JSON.stringify(value) };
}

function xmlEscape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** A value as XML elements: objects become nested elements, arrays `<member>` lists, dates ISO strings. */
export function xml(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => `<member>${xml(v)}</member>`).join('');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `<${k}>${xml(v)}</${k}>`)
      .join('');
  }
  return xmlEscape(String(value));
}

/** A query-protocol success (IAM, SNS, STS): `<ActionResponse><ActionResult>…</ActionResult></ActionResponse>`. */
export function queryResult(action: string, result: Record<string, unknown> = {}): LoopbackResponse {
  return {
    status: 200,
    headers: { 'content-type': 'text/xml' },
    body: `<${action}Response><${action}Result>${xml(result)}</${action}Result><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></${action}Response>`,
  };
}

export function restJson(value: unknown, status = 200): LoopbackResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}

/** An error as the service's protocol writes it, so the SDK raises it under `code`. */
export function awsError(service: string, code: string, message: string, status = 400): LoopbackResponse {
  switch (protocolOf(service)) {
    case 'query':
      return {
        status,
        headers: { 'content-type': 'text/xml' },
        body: `<ErrorResponse><Error><Type>Sender</Type><Code>${xmlEscape(code)}</Code><Message>${xmlEscape(message)}</Message></Error><RequestId>req-1</RequestId></ErrorResponse>`,
      };
    case 'rest-xml':
      return {
        status,
        headers: { 'content-type': 'application/xml' },
        body: `<Error><Code>${xmlEscape(code)}</Code><Message>${xmlEscape(message)}</Message><RequestId>req-1</RequestId></Error>`,
      };
    case 'rest-json':
      return {
        status,
        headers: { 'content-type': 'application/json', 'x-amzn-errortype': code },
        body: JSON.stringify({ message }),
      };
    case 'json':
      return {
        status,
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': code },
        body: JSON.stringify({ __type: code, message }),
      };
  }
}

/** The throttling error each service really sends. */
export function throttle(service: string): LoopbackResponse {
  if (service === 's3') return awsError(service, 'SlowDown', 'Please reduce your request rate.', 503);
  if (service === 'iam' || service === 'sns' || service === 'sts') {
    return awsError(service, 'Throttling', 'Rate exceeded', 400);
  }
  if (service === 'ses') return awsError(service, 'TooManyRequestsException', 'Too many requests', 429);
  return awsError(service, 'ThrottlingException', 'Rate exceeded', 400);
}

function serverError(service: string): LoopbackResponse {
  return awsError(service, 'InternalFailure', 'We encountered an internal error. Please try again.', 500);
}

// ---- the server --------------------------------------------------------------------------------------------------

function send(res: ServerResponse, response: LoopbackResponse): void {
  res.writeHead(response.status ?? 200, { 'x-amzn-requestid': 'req-1', ...response.headers });
  res.end(response.body ?? '');
}

export async function startLoopback(handler: LoopbackHandler): Promise<Loopback> {
  const requests: LoopbackRequest[] = [];
  const faults: { fault: Fault; left: number }[] = [];
  const matches = (fault: Fault, request: LoopbackRequest) =>
    (fault.service === undefined || fault.service === request.service) &&
    (fault.operation === undefined || fault.operation === request.operation);

  const server: Server = createServer((req, res) => {
    readBody(req)
      .then(async (body) => {
        const request = toRequest(req, body);
        requests.push(request);
        const queued = faults.find((f) => f.left > 0 && matches(f.fault, request));
        if (queued !== undefined) {
          queued.left -= 1;
          send(res, queued.fault.kind === 'throttle' ? throttle(request.service) : serverError(request.service));
          return;
        }
        send(res, await handler(request));
      })
      .catch((error: unknown) => {
        // A handler bug shows as a 500 the test can see, with the reason in the body.
        send(res, { status: 500, body: String(error) });
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    fault(fault) {
      faults.push({ fault, left: fault.times });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Fake static credentials for the clients (test/setup.ts also sets them in the environment). */
export const LOOPBACK_CREDENTIALS = { accessKeyId: 'AKIAFAKEFAKEFAKEFAKE', secretAccessKey: 'fake-secret-for-tests' };

// ---- an S3 bucket in memory (GetObject / PutObject with ETags and conditions, ListObjectsV2) ---------------------

export interface MemoryObjects {
  /** `bucket/key` → body and ETag. */
  readonly objects: Map<string, { body: string; etag: string }>;
  /** Answers the S3 requests it knows; undefined for anything else. */
  handle(request: LoopbackRequest): LoopbackResponse | undefined;
}

export function memoryObjects(): MemoryObjects {
  const objects = new Map<string, { body: string; etag: string }>();
  let version = 0;
  const notFound = (key: string) => awsError('s3', 'NoSuchKey', `The specified key does not exist: ${key}`, 404);
  const failed = () =>
    awsError('s3', 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412);
  return {
    objects,
    handle(request) {
      if (request.service !== 's3') return undefined;
      const [bucket = '', ...rest] = request.path.split('/').filter((s) => s !== '');
      const key = rest.join('/');
      const id = `${bucket}/${key}`;
      const existing = objects.get(id);
      switch (request.operation) {
        case 'GetObject':
          if (existing === undefined) return notFound(key);
          return {
            status: 200,
            headers: { etag: existing.etag, 'content-type': 'application/json' },
            body: existing.body,
          };
        case 'PutObject': {
          const ifMatch = request.headers['if-match'];
          const ifNoneMatch = request.headers['if-none-match'];
          if (ifNoneMatch === '*' && existing !== undefined) return failed();
          if (ifMatch !== undefined && existing?.etag !== ifMatch) {
            return existing === undefined ? notFound(key) : failed();
          }
          version += 1;
          const etag = `"etag-${version}"`;
          objects.set(id, { body: request.body, etag });
          return { status: 200, headers: { etag } };
        }
        case 'ListObjectsV2': {
          const prefix = request.query.get('prefix') ?? '';
          const keys = [...objects.keys()]
            .filter((k) => k.startsWith(`${bucket}/${prefix}`))
            .map((k) => k.slice(bucket.length + 1));
          const contents = keys.map(
            (k) =>
              `<Contents><Key>${xmlEscape(k)}</Key><Size>${objects.get(`${bucket}/${k}`)?.body.length ?? 0}</Size></Contents>`,
          );
          return {
            status: 200,
            headers: { 'content-type': 'application/xml' },
            body: `<ListBucketResult><Name>${bucket}</Name><KeyCount>${keys.length}</KeyCount><IsTruncated>false</IsTruncated>${contents.join('')}</ListBucketResult>`,
          };
        }
        default:
          return undefined;
      }
    },
  };
}

/**
 * For a test file: `start` a loopback server and point a `factory` of real SDK clients at it; whatever a test opened
 * is closed after it.
 */
export function loopbackSession(): {
  start(handler: LoopbackHandler): Promise<Loopback>;
  factory(loopback: Loopback): AwsClientFactory;
} {
  const servers: Loopback[] = [];
  const factories: AwsClientFactory[] = [];
  afterEach(async () => {
    for (const factory of factories.splice(0)) factory.destroy();
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  return {
    async start(handler) {
      const loopback = await startLoopback(handler);
      servers.push(loopback);
      return loopback;
    },
    factory(loopback) {
      const factory = new AwsClientFactory({ endpoint: loopback.endpoint, credentials: LOOPBACK_CREDENTIALS });
      factories.push(factory);
      return factory;
    },
  };
}
