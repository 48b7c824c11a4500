import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../scripts/cli/command.ts';
import { driftCommandWith } from '../../../scripts/commands/drift.ts';
import { runAction } from '../../actions/run-action.ts';
import { runCli } from '../../cli/run-cli.ts';
import { cohortYaml, makeRepo } from '../../cohort/temp-repo.ts';
import { FakeRepoGitHub } from '../../github/fake-repo-github.ts';

const FIXTURES = path.resolve('../shared/fixtures/terraform-show-json');

async function repoWithPlans(): Promise<string> {
  const root = await makeRepo({ 'workshops/seoul.yaml': cohortYaml('seoul') });
  await mkdir(path.join(root, 'plans'));
  await copyFile(path.join(FIXTURES, 'drift.json'), path.join(root, 'plans', 'seoul.json'));
  return root;
}

async function runCommand(argv: string[], cwd: string, env: Record<string, string>, github: FakeRepoGitHub) {
  const command = driftCommandWith({ now: () => new Date('2026-12-20T05:00:00Z'), fetch: github.fetch });
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (c: string) => (stdout += c) },
    stderr: { write: (c: string) => (stderr += c) },
    cwd,
    env,
  };
  try {
    const { values, positionals } = parseArgs({ args: argv, options: command.options, strict: true });
    return { code: await command.run({ values, positionals }, io), stdout, stderr };
  } catch (error) {
    if (error instanceof UsageError) return { code: 2, stdout, stderr: `${stderr}${error.message}` };
    throw error;
  }
}

describe('workshop drift', () => {
  it('needs no AWS credentials, opens the issue with the token from the environment and never prints it', async () => {
    const root = await repoWithPlans();
    const github = new FakeRepoGitHub();
    const result = await runCommand(
      ['--plan-json', 'plans', '--format', 'json'],
      root,
      { GITHUB_TOKEN: 'ghs_secret123' },
      github,
    );
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { job: string; cohorts: { cohortId: string; status: string }[] };
    expect(report.job).toBe('drift');
    expect(report.cohorts).toEqual([expect.objectContaining({ cohortId: 'seoul', status: 'warning' })]);
    expect(github.issueTitled('Drift: seoul')).toHaveLength(1);
    expect(`${result.stdout}${result.stderr}`).not.toContain('ghs_secret123');
  });

  it('is registered, and asks for --plan-json', async () => {
    const root = await repoWithPlans();
    const result = await runCli(['drift'], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'workshop drift: --plan-json DIR is required: the folder holding <cohort-id>.json plans\n',
    );
  });
});

describe('actions/drift', () => {
  const load = () => import('../../../actions/drift/main.ts');

  it('outputs only the cohorts to plan with list-cohorts', async () => {
    const root = await makeRepo({
      'workshops/seoul.yaml': cohortYaml('seoul'),
      'workshops/busan.yaml': cohortYaml('busan'),
    });
    const result = await runAction(load, { action: 'drift', inputs: { 'list-cohorts': 'true' }, cwd: root });
    expect(result.outputs).toEqual({ cohorts: '["busan","seoul"]', any: 'true' });
    const empty = await runAction(load, {
      action: 'drift',
      inputs: { 'list-cohorts': 'true' },
      cwd: await makeRepo({}),
    });
    expect(empty.outputs).toEqual({ cohorts: '[]', any: 'false' });
  });

  it('keeps the issues, names the drifted cohorts, and fails on a missing plan', async () => {
    const root = await makeRepo({
      'workshops/seoul.yaml': cohortYaml('seoul'),
      'workshops/busan.yaml': cohortYaml('busan'),
    });
    await mkdir(path.join(root, 'plans'));
    await copyFile(path.join(FIXTURES, 'drift.json'), path.join(root, 'plans', 'seoul.json'));
    const github = new FakeRepoGitHub();
    const result = await runAction(load, {
      action: 'drift',
      inputs: { 'plan-json': 'plans', 'github-token': 'ghs_token' },
      cwd: root,
      deps: { fetch: github.fetch, now: () => new Date('2026-12-20T05:00:00Z') },
    });
    expect(result.outputs).toEqual({ 'failed-cohorts': 'busan', 'drifted-cohorts': 'seoul' });
    expect(result.failed).toBe(true);
    expect(result.commands.join('\n')).toContain('::error::drift could not be checked for busan: see the job summary');
    expect(result.summary).toContain('## Workshop drift');
    expect(github.issueTitled('Drift: seoul')).toHaveLength(1);
  });
});
