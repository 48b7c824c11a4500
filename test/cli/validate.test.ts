import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { at, cohortYaml, makeRepo } from '../cohort/temp-repo.ts';
import { runCli } from './run-cli.ts';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');

/** Far-future dates, so the real clock the CLI uses never makes them "already ended". */
function futureCohort(id = 'test-cohort'): string {
  return cohortYaml(id).replace('start: 2026-12-07', 'start: 2099-12-07').replace('end: 2026-12-09', 'end: 2099-12-09');
}

const run = runCli;

describe('workshop validate', () => {
  it('exits 0 with no output but the summary when everything is valid', async () => {
    const root = await makeRepo({
      'workshops/test-cohort.yaml': futureCohort(),
      'workshops/b-cohort.yaml': futureCohort('b-cohort'),
    });
    const result = await run(['validate'], root);
    expect(result).toEqual({ code: 0, stdout: '', stderr: '3 files checked: no problems\n' });
  });

  it('exits 1 and prints one PATH:LINE:COL line per problem, then the counts on stderr', async () => {
    const text = futureCohort().replace('limitUsd: 100', 'limitUsd: 0').replace('students:', 'studnets:');
    const root = await makeRepo({ 'workshops/test-cohort.yaml': text });
    const result = await run(['validate'], root);
    const limit = at(text, 'limitUsd: 0', '0');
    const key = at(text, 'studnets');
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')).toEqual(
      expect.arrayContaining([
        `workshops/test-cohort.yaml:${limit.line}:${limit.column}: error: budget.limitUsd: must be greater than 0`,
        `workshops/test-cohort.yaml:${key.line}:${key.column}: error: unknown key "studnets"; did you mean "students"?`,
      ]),
    );
    expect(result.stderr).toMatch(/^2 files checked: \d+ errors, 0 warnings\n$/);
  });

  it('exits 0 when there are only warnings', async () => {
    const root = await makeRepo({
      'workshops/test-cohort.yaml': cohortYaml()
        .replace('2026-12-07', '2020-01-06')
        .replace('2026-12-09', '2020-01-08'),
    });
    const result = await run(['validate'], root);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^workshops\/test-cohort\.yaml:\d+:\d+: warning: the cohort already ended/);
    expect(result.stderr).toBe('2 files checked: 0 errors, 1 warning\n');
  });

  it('prints a JSON array of problems with --format json', async () => {
    const text = futureCohort().replace('timezone: Asia/Seoul', 'timezone: Mars/Base');
    const root = await makeRepo({ 'workshops/test-cohort.yaml': text });
    const result = await run(['validate', '--format', 'json'], root);
    expect(result.code).toBe(1);
    const tz = at(text, 'Mars/Base');
    expect(JSON.parse(result.stdout)).toEqual([
      {
        file: 'workshops/test-cohort.yaml',
        line: tz.line,
        column: tz.column,
        severity: 'error',
        message: expect.stringContaining('IANA time zone'),
      },
    ]);
    const clean = await run(
      ['validate', '--format=json'],
      await makeRepo({ 'workshops/test-cohort.yaml': futureCohort() }),
    );
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout)).toEqual([]);
  });

  it('checks only the FILES given (relative to the current folder), still against all cohorts', async () => {
    const root = await makeRepo({
      'workshops/test-cohort.yaml': futureCohort(),
      'workshops/other.yaml': futureCohort('other').replace('limitUsd: 100', 'limitUsd: 0'),
    });
    const good = await run(['validate', 'test-cohort.yaml'], path.join(root, 'workshops'));
    expect(good).toMatchObject({ code: 0, stderr: '2 files checked: no problems\n' });
    const bad = await run(['validate', 'workshops/other.yaml', 'workshops/test-cohort.yaml'], root);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^workshops\/other\.yaml:\d+:\d+: error: budget\.limitUsd/);
  });

  it('finds the repository root from a subfolder and prints root-relative paths', async () => {
    const root = await makeRepo({
      'workshops/test-cohort.yaml': futureCohort().replace('owner: jkim', 'owner: "-"'),
      'workshops/rosters/.keep': '',
    });
    const result = await run(['validate'], path.join(root, 'workshops', 'rosters'));
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^workshops\/test-cohort\.yaml:4:8: error: owner:/);
  });

  it('reports a broken settings file as a problem, exit 1', async () => {
    const root = await makeRepo({ 'workshops/_settings.yaml': 'namePrefix: [' });
    const result = await run(['validate'], root);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^workshops\/_settings\.yaml:1:\d+: error: invalid YAML/);
  });

  it.each([
    [['validate', 'workshops/nope.yaml'], /^workshop validate: workshops\/nope\.yaml: no such file\n$/],
    [['validate', '--format', 'xml'], /--format must be one of text, json \(got "xml"\)/],
    [['validate', '--strict'], /Unknown option '--strict'/],
  ])('exits 2 on a usage error: %j', async (argv, message) => {
    const root = await makeRepo({ 'workshops/test-cohort.yaml': futureCohort() });
    const result = await run(argv, root);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });

  it.each([
    ['misplaced.yaml', '.'],
    ['workshops/sub/x.yaml', '.'],
    ['workshops/_draft.yaml', '.'],
    ['README.md', '.'],
    ['_draft.yaml', 'workshops'],
    ['rosters/unused.csv', 'workshops'],
  ])('exits 2 on a named file that is not a cohort file nor one a cohort uses: %s', async (given, cwd) => {
    const root = await makeRepo({
      'workshops/test-cohort.yaml': futureCohort(),
      'misplaced.yaml': futureCohort('misplaced'),
      'workshops/sub/x.yaml': futureCohort('x'),
      'workshops/_draft.yaml': futureCohort('draft'),
      'workshops/rosters/unused.csv': 'id,name,email\n',
      'README.md': '# notes\n',
    });
    // From the root beside a good cohort file, and from the folder the path is relative to.
    const fromRoot = path.join(cwd, given);
    const runs = [
      [fromRoot, await run(['validate', 'workshops/test-cohort.yaml', fromRoot], root)],
      [given, await run(['validate', given], path.join(root, cwd))],
    ] as const;
    for (const [named, { code, stdout, stderr }] of runs) {
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toBe(
        `workshop validate: ${named} is not a cohort file: cohort files are workshops/<id>.yaml at the top level of ` +
          'workshops/ (workshops/_settings.yaml holds the settings); FILES may also name a roster, dataset or ETL ' +
          'script a cohort uses\n',
      );
    }
  });

  it('accepts the settings file and a file a cohort uses as FILES', async () => {
    const base = futureCohort();
    const root = await makeRepo({
      'workshops/test-cohort.yaml': `${base.slice(0, base.indexOf('students:'))}roster: rosters/list.csv\n`,
      'workshops/rosters/list.csv': 'id,name,email\ns01,Ana,ana@example.com\n',
    });
    expect(await run(['validate', 'workshops/_settings.yaml'], root)).toMatchObject({
      code: 0,
      stderr: '1 file checked: no problems\n',
    });
    expect(await run(['validate', 'rosters/list.csv'], path.join(root, 'workshops'))).toMatchObject({
      code: 0,
      stderr: '2 files checked: no problems\n',
    });
  });

  it('exits 2 outside a workshop repository', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'workshop-empty-'));
    try {
      const result = await run(['validate'], empty);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('no workshops/_settings.yaml found in');
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('documents itself with --help and in the command list', async () => {
    const help = await run(['validate', '--help'], PROJECT_ROOT);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: workshop validate [FILES...] [--format text|json]');
    expect(help.stdout).toContain(
      'Exit status: 0 no errors (warnings allowed), 1 problems found, 2 usage or internal error.',
    );
    const list = await run(['--help'], PROJECT_ROOT);
    expect(list.stdout).toMatch(/^ {2}validate +Check cohort files/m);
  });
});

describe('bin/workshop.js', () => {
  const exec = promisify(execFile);
  it('runs "validate" for real on the shipped examples and exits 0', async () => {
    const { stdout, stderr } = await exec(process.execPath, [path.join(PROJECT_ROOT, 'bin/workshop.js'), 'validate'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, NO_COLOR: '1' },
    });
    // Warnings may appear once the example dates have passed; errors never.
    expect(stdout).not.toContain(': error: ');
    expect(stderr).toMatch(/^\d+ files checked: /);
  });
});
