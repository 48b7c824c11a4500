import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../scripts/cli/command.ts';
import { jobCommand } from '../../../scripts/cli/job-command.ts';
import { costReportSpec } from '../../../scripts/commands/cost-report.ts';
import { main } from '../../../scripts/workshop.ts';
import { cohortYaml, makeRepo } from '../../cohort/temp-repo.ts';
import { LOOPBACK_CREDENTIALS, type Loopback, startLoopback } from '../../support/aws-loopback.ts';
import { costAws } from './loopback-world.ts';

let loopback: Loopback | undefined;
afterEach(async () => {
  await loopback?.close();
  loopback = undefined;
});

function capture(cwd: string): CliIo & { out: () => string; err: () => string } {
  let stdout = '';
  let stderr = '';
  return {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    cwd,
    env: { AWS_ACCESS_KEY_ID: 'AKIAFAKEFAKEFAKEFAKE', AWS_SECRET_ACCESS_KEY: 'fake-secret-for-tests' },
    out: () => stdout,
    err: () => stderr,
  };
}

async function repo() {
  return makeRepo({
    'workshops/test-cohort.yaml': cohortYaml('test-cohort'),
    'workshops/gone-cohort.yaml': cohortYaml('gone-cohort'),
    'src/cost/prices.json': readFileSync('src/cost/prices.json', 'utf8'),
  });
}

describe('workshop cost-report', () => {
  it('is listed, and its help says what Cost Explorer costs', async () => {
    const io = capture(process.cwd());
    expect(await main(['cost-report', '--help'], io)).toBe(0);
    expect(io.out()).toContain('Usage: workshop cost-report [--cohort ID] [--dry-run] [--format markdown|json]');
    expect(io.out()).toContain('Cost Explorer bills $0.01 per request');
  });

  it('reports every cohort as JSON, exits 1 for the cohort without a budget', async () => {
    const world = costAws({ missingBudget: 'gone-cohort', spender: 'test-cohort' });
    loopback = await startLoopback(world.handler);
    const command = jobCommand(costReportSpec, {
      clients: { endpoint: loopback.endpoint, credentials: LOOPBACK_CREDENTIALS },
      now: () => new Date('2026-12-08T06:00:00Z'),
    });
    const io = capture(await repo());
    const code = await command.run({ values: { format: 'json' }, positionals: [] }, io);
    expect(code).toBe(1);
    const report = JSON.parse(io.out()) as { cohorts: { cohortId: string; status: string }[]; notes: string[] };
    expect(report.cohorts.map((c) => [c.cohortId, c.status])).toEqual([
      ['gone-cohort', 'failed'],
      ['test-cohort', 'warning'],
    ]);
    expect(report.notes[0]).toMatch(/^Cost Explorer: 2 requests/);
    expect(io.err()).toContain('gone-cohort: BudgetNotFoundError');
  });

  it('exits 2 with one sentence when there are no AWS credentials', async () => {
    const command = jobCommand(costReportSpec, {
      probe: () => Promise.reject(new Error('Could not load credentials from any providers')),
    });
    const io = { ...capture(await repo()), env: {} };
    await expect(command.run({ values: {}, positionals: [] }, io)).rejects.toThrow(
      /^No AWS credentials found: set AWS_ACCESS_KEY_ID/,
    );
  });

  it('exits 2 when the price table is broken', async () => {
    const root = await makeRepo({
      'workshops/test-cohort.yaml': cohortYaml('test-cohort'),
      'src/cost/prices.json': '{"currency": "EUR"}',
    });
    const io = capture(root);
    const command = jobCommand(costReportSpec, { probe: async () => ({}) });
    await expect(command.run({ values: {}, positionals: [] }, io)).rejects.toThrow(/^src\/cost\/prices\.json: /);
  });
});
