import { parseArgs } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Command, UsageError } from '../../../scripts/cli/command.ts';
import { type JobCommandDeps, jobCommand } from '../../../scripts/cli/job-command.ts';
import { crawlSpec } from '../../../scripts/commands/crawl.ts';
import { onboardSpec } from '../../../scripts/commands/onboard.ts';
import { main } from '../../../scripts/workshop.ts';
import { MISSING_CREDENTIALS } from '../../../src/aws/clients.ts';
import type { CrawlOptions } from '../../../src/jobs/crawl/job.ts';
import { cohortYaml, makeRepo } from '../../cohort/temp-repo.ts';
import {
  awsError,
  json,
  LOOPBACK_CREDENTIALS,
  type Loopback,
  memoryObjects,
  queryResult,
  startLoopback,
} from '../../support/aws-loopback.ts';
import { ACCOUNT } from './cohorts.ts';

interface Io {
  stdout: string;
  stderr: string;
}

function captureIo(cwd: string, env: Record<string, string>) {
  const out: Io = { stdout: '', stderr: '' };
  const io = {
    stdout: { write: (c: string) => (out.stdout += c) },
    stderr: { write: (c: string) => (out.stderr += c) },
    cwd,
    env,
  };
  return { io, out };
}

/** The registered command, through the CLI's entry point. */
async function runCli(argv: string[], cwd: string, env: Record<string, string> = {}) {
  const { io, out } = captureIo(cwd, env);
  const code = await main(argv, io);
  return { code, ...out };
}

/**
 * A command built with test dependencies (loopback endpoint, fixed clock), run with the entry point's handling of
 * usage errors (exit 2, `workshop NAME: message`).
 */
async function runWith(command: Command, argv: string[], cwd: string, env: Record<string, string> = {}) {
  const { io, out } = captureIo(cwd, env);
  let code: number;
  try {
    const { values, positionals } = parseArgs({ args: argv, options: command.options, strict: true });
    code = await command.run({ values, positionals }, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    out.stderr += `workshop ${command.name}: ${error.message}\n`;
    code = 2;
  }
  return { code, ...out };
}

const NOW = new Date('2026-12-08T00:00:00Z');

const withDataset = (id: string) =>
  cohortYaml(id).replace(
    'students:',
    'datasets:\n  - name: trips\n    source: trips.csv\n    format: csv\n    columns:\n      - { name: trip_id, type: bigint }\nstudents:',
  );

async function repo(): Promise<string> {
  return makeRepo({
    'workshops/cohort-a.yaml': withDataset('cohort-a'),
    'workshops/cohort-b.yaml': withDataset('cohort-b'),
    'workshops/trips.csv': 'trip_id\n1\n',
  });
}

let loopback: Loopback | undefined;
afterEach(async () => {
  await loopback?.close();
  loopback = undefined;
});

/** STS answers for `account`; Glue has no crawler for cohort-a (a failure) and a quick one for cohort-b. */
async function awsFor(account: string): Promise<JobCommandDeps<CrawlOptions>> {
  const looks = new Map<string, number>();
  const objects = memoryObjects();
  loopback = await startLoopback((r) => {
    const s3 = objects.handle(r);
    if (s3 !== undefined) return s3;
    if (r.service === 'sts') return queryResult('GetCallerIdentity', { Account: account, Arn: 'arn', UserId: 'u' });
    if (r.service === 'sns') return queryResult('Publish', { MessageId: 'p' });
    const body = JSON.parse(r.body || '{}') as { CrawlerNames?: string[] };
    if (r.operation === 'BatchGetCrawlers') {
      const names = body.CrawlerNames ?? [];
      return json({
        // cohort-b's crawler is running at the first look and done at the next.
        Crawlers: names
          .filter((n) => n.includes('cohort-b'))
          .map((Name) => {
            const seen = looks.get(Name) ?? 0;
            looks.set(Name, seen + 1);
            return seen % 2 === 0
              ? { Name, State: 'RUNNING' }
              : { Name, State: 'READY', LastCrawl: { Status: 'SUCCEEDED', StartTime: NOW.getTime() / 1000 } };
          }),
        CrawlersNotFound: names.filter((n) => !n.includes('cohort-b')),
      });
    }
    if (r.operation === 'GetCrawlerMetrics') return json({ CrawlerMetricsList: [] });
    if (r.operation === 'GetTables') {
      return json({
        TableList: [{ Name: 'trips', StorageDescriptor: { Columns: [{ Name: 'trip_id', Type: 'bigint' }] } }],
      });
    }
    return awsError(r.service, 'UnknownOperation', r.operation);
  });
  return {
    now: () => NOW,
    clients: { endpoint: loopback.endpoint, credentials: LOOPBACK_CREDENTIALS, maxAttempts: 2 },
    probe: async () => ({}),
    options: { sleep: async () => {} },
  };
}

describe('job commands', () => {
  const saved: Record<string, string | undefined> = {};
  const CREDENTIAL_VARS = [
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SHARED_CREDENTIALS_FILE',
    'AWS_CONFIG_FILE',
  ];
  beforeEach(() => {
    for (const name of CREDENTIAL_VARS) saved[name] = process.env[name];
  });
  afterEach(() => {
    for (const name of CREDENTIAL_VARS) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  it('exit 2 with one sentence and no stack trace when there are no credentials at all', async () => {
    // Nothing for the SDK's chain to find: no keys, no files, no instance metadata (test/setup.ts disables it).
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/credentials';
    process.env.AWS_CONFIG_FILE = '/nonexistent/config';
    const result = await runCli(['crawl'], await repo());
    expect(result).toEqual({ code: 2, stdout: '', stderr: `workshop crawl: ${MISSING_CREDENTIALS}\n` });
  });

  it('exit 2 for an unknown cohort, a bad option, and credentials of another account', async () => {
    const root = await repo();
    const deps = await awsFor('999999999999');
    const unknown = await runWith(jobCommand(crawlSpec, deps), ['--cohort', 'nope'], root);
    expect(unknown).toMatchObject({
      code: 2,
      stderr: 'workshop crawl: No cohort "nope": there is no workshops/nope.yaml.\n',
    });
    const badTimeout = await runWith(jobCommand(crawlSpec, deps), ['--timeout', 'soon'], root);
    expect(badTimeout.code).toBe(2);
    const badResend = await runWith(jobCommand(onboardSpec), ['--resend', 'Bad Id'], root);
    expect(badResend.stderr).toMatch(/^workshop onboard: --resend needs a student id/);
    const other = await runWith(jobCommand(crawlSpec, deps), [], root);
    expect(other.code).toBe(2);
    expect(other.stderr).toBe(
      `workshop crawl: The AWS credentials are for account 999999999999, but workshops/_settings.yaml deploys to account ${ACCOUNT}.\n`,
    );
  });

  it('exit 2 for onboard without a sender address, unless it is a dry run', async () => {
    const root = await repo();
    const deps = await awsFor(ACCOUNT);
    const missing = await runWith(jobCommand(onboardSpec, { ...deps, options: {} }), [], root);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^workshop onboard: No sender address: set WORKSHOP_SES_SENDER/);
  });

  it('prints the report (markdown or JSON with the same data) and exits 1 when a cohort failed', async () => {
    const root = await repo();
    const deps = await awsFor(ACCOUNT);
    const md = await runWith(jobCommand(crawlSpec, deps), ['--timeout', '1'], root);
    expect(md.code).toBe(1);
    expect(md.stdout).toMatch(/^## Workshop crawl/);
    expect(md.stdout).toContain('- crawler acme-ws-cohort-a-trips: MISSING');
    const out = await runWith(jobCommand(crawlSpec, deps), ['--format', 'json', '--timeout', '1'], root);
    const report = JSON.parse(out.stdout) as { cohorts: { cohortId: string; status: string }[] };
    expect(report.cohorts.map((c) => [c.cohortId, c.status])).toEqual([
      ['cohort-a', 'failed'],
      ['cohort-b', 'ok'],
    ]);
    const one = await runWith(
      jobCommand(crawlSpec, deps),
      ['--cohort', 'cohort-b', '--dry-run', '--format', 'json'],
      root,
    );
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout)).toMatchObject({ dryRun: true, cohorts: [{ cohortId: 'cohort-b', status: 'ok' }] });
  });

  it('are listed by the CLI with their shared options', async () => {
    const help = await runCli(['onboard', '--help'], await repo());
    expect(help.stdout).toMatch(/--cohort ID[\s\S]*--dry-run[\s\S]*--format markdown\|json[\s\S]*--resend STUDENT_ID/);
    expect(help.stdout).toMatch(/^Usage: workshop onboard \[--cohort ID\]/);
    expect(help.stdout).toContain('--cohort ID               only this cohort (default: every valid cohort)');
  });
});
