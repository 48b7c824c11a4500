/** In-memory fakes of the core's interfaces, a fixed clock and a capturing logger, for job tests. */
import { type PutOptions, type S3Api, type S3TextObject, WriteConflictError } from '../../../src/aws/s3.ts';
import type { SnsApi } from '../../../src/aws/sns.ts';
import type { JobContext } from '../../../src/jobs/common/job-context.ts';
import { createLogger, type Logger, type LogLevel } from '../../../src/jobs/common/logger.ts';

/** An S3 with ETags and conditional writes; `failNextPut` makes the next PUT fail as a crash would. */
export class MemoryS3 implements S3Api {
  readonly objects = new Map<string, S3TextObject>();
  puts = 0;
  private version = 0;
  private failures: Error[] = [];

  failNextPut(error: Error = new Error('connection reset while writing')): void {
    this.failures.push(error);
  }

  async getText(bucket: string, key: string): Promise<S3TextObject | undefined> {
    return this.objects.get(`${bucket}/${key}`);
  }

  async putText(bucket: string, key: string, body: string, options: PutOptions = {}): Promise<{ etag: string }> {
    this.puts += 1;
    const failure = this.failures.shift();
    if (failure !== undefined) throw failure;
    const existing = this.objects.get(`${bucket}/${key}`);
    if (options.ifNoneMatch === '*' && existing !== undefined) throw new WriteConflictError(`${key} exists`);
    if (options.ifMatch !== undefined && existing?.etag !== options.ifMatch) {
      throw new WriteConflictError(`${key} changed`);
    }
    this.version += 1;
    const etag = `"v${this.version}"`;
    this.objects.set(`${bucket}/${key}`, { body, etag });
    return { etag };
  }

  async list(bucket: string, prefix: string) {
    return [...this.objects.entries()]
      .filter(([k]) => k.startsWith(`${bucket}/${prefix}`))
      .map(([k, v]) => ({ key: k.slice(bucket.length + 1), size: v.body.length }));
  }
}

export interface Published {
  readonly topicArn: string;
  readonly subject: string;
  readonly message: string;
}

export class RecordingSns implements SnsApi {
  readonly published: Published[] = [];
  failWith: Error | undefined;

  async publish(topicArn: string, subject: string, message: string) {
    if (this.failWith !== undefined) throw this.failWith;
    this.published.push({ topicArn, subject, message });
    return { messageId: `m-${this.published.length}` };
  }
}

export interface CapturedLog {
  readonly logger: Logger;
  /** Every line written, as written (after redaction). */
  readonly lines: { level: LogLevel; line: string }[];
  readonly secrets: string[];
}

export function captureLogger(): CapturedLog {
  const lines: { level: LogLevel; line: string }[] = [];
  const secrets: string[] = [];
  const logger = createLogger({ write: (level, line) => lines.push({ level, line }), secret: (s) => secrets.push(s) });
  return { logger, lines, secrets };
}

export function fixedClock(iso: string): { now: () => Date; advance(ms: number): void } {
  let t = new Date(iso).getTime();
  return { now: () => new Date(t), advance: (ms) => (t += ms) };
}

export function testContext(iso: string, dryRun = false): JobContext & { log: CapturedLog } {
  const log = captureLogger();
  return { now: fixedClock(iso).now, logger: log.logger, dryRun, log };
}
