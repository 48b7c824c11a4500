/**
 * `workshop preflight` end to end through the real SDK clients against the loopback server: signing, protocols
 * (query, JSON, REST-JSON, REST-XML), pagination and retries (a throttling burst, a 500), and the exit status.
 */
import { parseArgs } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { jobCommand } from '../../../scripts/cli/job-command.ts';
import { preflightSpec } from '../../../scripts/commands/preflight.ts';
import { IAM_ALLOWED_PRINCIPALS } from '../../../src/aws/lakeformation.ts';
import type { JobReport } from '../../../src/jobs/common/report.ts';
import type { Finding } from '../../../src/jobs/preflight/finding.ts';
import { cohortYaml, makeRepo } from '../../cohort/temp-repo.ts';
import {
  awsError,
  json,
  LOOPBACK_CREDENTIALS,
  type Loopback,
  type LoopbackRequest,
  type LoopbackResponse,
  queryResult,
  restJson,
  startLoopback,
} from '../../support/aws-loopback.ts';

const ACCOUNT = '123456789012';
const SENDER = 'workshops@acme.example';
const IAM_ONLY = [{ Principal: { DataLakePrincipalIdentifier: IAM_ALLOWED_PRINCIPALS }, Permissions: ['ALL'] }];

/** IAM's account summary is an XML map (`entry`/`key`/`value`), which the generic XML helper does not write. */
function accountSummary(values: Record<string, number>): LoopbackResponse {
  const entries = Object.entries(values)
    .map(([key, value]) => `<entry><key>${key}</key><value>${value}</value></entry>`)
    .join('');
  return {
    status: 200,
    headers: { 'content-type': 'text/xml' },
    body: `<GetAccountSummaryResponse><GetAccountSummaryResult><SummaryMap>${entries}</SummaryMap></GetAccountSummaryResult></GetAccountSummaryResponse>`,
  };
}

/** An account that passes every check except that the sender was never verified in SES. */
function account(r: LoopbackRequest): LoopbackResponse {
  switch (r.service) {
    case 'sts':
      return queryResult('GetCallerIdentity', {
        Account: ACCOUNT,
        Arn: `arn:aws:iam::${ACCOUNT}:role/apply`,
        UserId: 'u',
      });
    case 'iam':
      if (r.operation === 'GetAccountSummary') {
        return accountSummary({ Users: 10, UsersQuota: 5000, Groups: 1, GroupsQuota: 300 });
      }
      if (r.operation === 'ListUsers') return queryResult('ListUsers', { Users: [], IsTruncated: false });
      if (r.operation === 'ListGroups') return queryResult('ListGroups', { Groups: [], IsTruncated: false });
      if (r.operation === 'GetRole') {
        const name = r.params.get('RoleName') ?? '';
        const role = { Path: '/', RoleName: name, RoleId: 'AROA1', Arn: `arn:aws:iam::${ACCOUNT}:role/${name}` };
        return queryResult('GetRole', { Role: { ...role, CreateDate: new Date('2026-01-01T00:00:00Z') } });
      }
      break;
    case 's3':
      if (r.method === 'HEAD') return { status: 200 };
      break;
    case 'lakeformation':
      return restJson({
        DataLakeSettings: { CreateDatabaseDefaultPermissions: IAM_ONLY, CreateTableDefaultPermissions: IAM_ONLY },
      });
    case 'ses':
      if (r.path === '/v2/email/account') {
        return restJson({
          ProductionAccessEnabled: true,
          SendingEnabled: true,
          SendQuota: { Max24HourSend: 50000, MaxSendRate: 14, SentLast24Hours: 0 },
        });
      }
      if (r.path.startsWith('/v2/email/identities/')) return awsError('ses', 'NotFoundException', 'not found', 404);
      break;
    case 'servicequotas':
      if (r.operation === 'ListServiceQuotas') return json({ Quotas: [] });
      if (r.operation === 'ListAWSDefaultServiceQuotas') {
        const code = (JSON.parse(r.body) as { ServiceCode: string }).ServiceCode;
        const quotas: Record<string, unknown[]> = {
          iam: [{ QuotaName: 'Users per account', QuotaCode: 'L-U', Value: 5000 }],
          glue: [{ QuotaName: 'Max concurrent job runs per account', QuotaCode: 'L-R', Value: 50 }],
        };
        return json({ Quotas: quotas[code] ?? [] });
      }
      break;
    case 'athena': {
      // Two pages, to show the listing follows NextToken.
      const token = (JSON.parse(r.body) as { NextToken?: string }).NextToken;
      return json(
        token === undefined
          ? { WorkGroups: [{ Name: 'primary' }], NextToken: 'p2' }
          : { WorkGroups: [{ Name: 'other' }] },
      );
    }
    case 'glue':
      return json({ JobNames: ['someone-elses-job'] });
  }
  return awsError(r.service, 'UnknownOperation', `${r.service} ${r.operation}`);
}

let loopback: Loopback | undefined;
afterEach(async () => {
  await loopback?.close();
  loopback = undefined;
});

async function run(argv: string[]) {
  loopback = await startLoopback(account);
  loopback.fault({ service: 'servicequotas', times: 3, kind: 'throttle' });
  loopback.fault({ service: 'athena', operation: 'ListWorkGroups', times: 1, kind: 'server-error' });
  const root = await makeRepo({
    'workshops/cohort-a.yaml': `${cohortYaml('cohort-a')}etl:\n  - name: clean\n    script: clean.py\n`,
    'workshops/clean.py': 'print("clean")\n',
  });
  const command = jobCommand(preflightSpec, {
    now: () => new Date('2026-12-01T00:00:00Z'),
    clients: { endpoint: loopback.endpoint, credentials: LOOPBACK_CREDENTIALS },
    probe: async () => ({}),
  });
  const out = { stdout: '', stderr: '' };
  const io = {
    stdout: { write: (c: string) => (out.stdout += c) },
    stderr: { write: (c: string) => (out.stderr += c) },
    cwd: root,
    env: { ...LOOPBACK_ENV, WORKSHOP_SES_SENDER: SENDER },
  };
  const { values, positionals } = parseArgs({ args: argv, options: command.options, strict: true });
  const code = await command.run({ values, positionals }, io);
  return { code, ...out, requests: loopback.requests };
}

const LOOPBACK_ENV = {
  AWS_ACCESS_KEY_ID: LOOPBACK_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: LOOPBACK_CREDENTIALS.secretAccessKey,
};

describe('preflight through the real SDK clients', () => {
  it('retries throttling and a 500, reads every page, and exits 1 on the one blocker', async () => {
    const { code, stdout, requests } = await run(['--format', 'json']);
    const report = JSON.parse(stdout) as JobReport;
    const all = report.cohorts.flatMap((c) =>
      (c.data as { findings: Finding[] }).findings.map((f) => ({ scope: c.cohortId, ...f })),
    );
    expect(all.filter((f) => f.level !== 'ok')).toEqual([
      {
        scope: 'ap-northeast-2',
        check: 'SES sender',
        level: 'blocker',
        detail: expect.stringContaining(`${SENDER} is no SES identity in ap-northeast-2`),
      },
    ]);
    expect(code).toBe(1);
    // 10 users and the cohort's two students; the workgroups of both pages, plus 3 the cohort adds.
    expect(all.find((f) => f.check === 'IAM users')?.detail).toContain('10 in use, 2 more to create: 12 of 5,000');
    expect(all.find((f) => f.check === 'Athena workgroups')?.detail).toContain('2 in use, 3 more to create');
    expect(all.find((f) => f.check === 'Glue jobs')?.detail).toContain('1 in use, 3 more to create');
    // The address and then its domain were looked up, in the cohort's region.
    const identities = requests.filter((r) => r.path.startsWith('/v2/email/identities/'));
    expect(identities.map((r) => [r.region, r.path])).toEqual([
      ['ap-northeast-2', `/v2/email/identities/${SENDER}`],
      ['ap-northeast-2', '/v2/email/identities/acme.example'],
    ]);
    // Retried: 3 throttled Service Quotas calls and the failed ListWorkGroups came back as answers.
    expect(requests.filter((r) => r.service === 'athena').length).toBe(3);
    expect(requests.filter((r) => r.service === 'servicequotas').length).toBeGreaterThan(3);
    // Read-only, whatever the protocol.
    for (const r of requests) {
      expect(r.operation).toMatch(/^(Get|List|HEAD |POST \/GetDataLakeSettings|GET \/v2\/email)/);
    }
  });
});
