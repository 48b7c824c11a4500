import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRepository } from '../../src/cohort/repository.ts';
import { at, BEFORE, cohortYaml, expectProblem, listProblems, makeRepo, SETTINGS_YAML } from './temp-repo.ts';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');

describe('the shipped examples', () => {
  it('validate clean, with the roster resolved', async () => {
    const repo = await loadRepository(PROJECT_ROOT, { now: BEFORE });
    expect(listProblems(repo.problems)).toEqual([]);
    expect(repo.settings?.namePrefix).toBe('acme-ws');
    const files = repo.cohorts.map((c) => c.file);
    expect(files).toContain('workshops/seoul-data-eng-2026-12.yaml');
    expect(files).toContain('workshops/busan-intro-2026-12.yaml');
    const seoul = repo.cohorts.find((c) => c.cohort.id === 'seoul-data-eng-2026-12')?.cohort;
    expect(seoul?.roster).toBeDefined();
    expect(seoul?.students.length).toBeGreaterThan(0);
    expect(seoul?.students[0]).toEqual({ id: expect.any(String), name: expect.any(String), email: expect.any(String) });
  });
});

describe('settings', () => {
  it('reports a missing settings file at workshops/_settings.yaml:1:1', async () => {
    const root = await makeRepo({ 'workshops/test-cohort.yaml': cohortYaml() }, { withoutSettings: true });
    const repo = await loadRepository(root, { now: BEFORE });
    expect(listProblems(repo.problems)).toEqual([
      expect.stringMatching(/^workshops\/_settings\.yaml:1:1 error missing settings file; create/),
    ]);
    expect(repo.settings).toBeUndefined();
  });

  it('reports invalid settings at their lines, with every problem at once', async () => {
    const text = SETTINGS_YAML.replace('namePrefix: acme-ws', 'namePrefix: acme-workshops-org')
      .replace('region: us-east-1', 'region: mars-1')
      .replace('applyRoleArn: arn:aws:iam::123456789012', 'applyRoleArn: arn:aws:iam::210987654321')
      .concat('prefix: x\n');
    const root = await makeRepo({ 'workshops/_settings.yaml': text, 'workshops/test-cohort.yaml': cohortYaml() });
    const repo = await loadRepository(root, { now: BEFORE });
    const file = 'workshops/_settings.yaml';
    expectProblem(repo.problems, file, at(text, 'acme-workshops-org'), 'namePrefix: must be at most 12 characters');
    expectProblem(repo.problems, file, at(text, 'mars-1'), 'commercial AWS region');
    expectProblem(repo.problems, file, at(text, 'arn:aws:iam::2109'), 'same AWS account as planRoleArn');
    expectProblem(repo.problems, file, at(text, 'prefix: x'), 'unknown key "prefix"; did you mean "namePrefix"?');
    expect(repo.settings).toBeUndefined();
  });
});

describe('which files are cohorts', () => {
  it('ignores _files and non-YAML files, and asks to rename .yml', async () => {
    const root = await makeRepo({
      'workshops/test-cohort.yaml': cohortYaml(),
      'workshops/_draft.yaml': 'not: [valid',
      'workshops/README.md': '# notes',
      'workshops/other.yml': cohortYaml('other'),
    });
    const repo = await loadRepository(root, { now: BEFORE });
    expect(listProblems(repo.problems)).toEqual([
      'workshops/other.yml:1:1 error cohort files end in .yaml: rename this file to workshops/other.yaml',
    ]);
    expect(repo.cohorts.map((c) => c.file)).toEqual(['workshops/test-cohort.yaml']);
    expect(repo.checked).toEqual(['workshops/_settings.yaml', 'workshops/test-cohort.yaml', 'workshops/other.yml']);
  });
});

describe('checks across cohorts', () => {
  it('rejects an id used by two files, at each id', async () => {
    const copy = cohortYaml('test-cohort');
    const root = await makeRepo({ 'workshops/test-cohort.yaml': copy, 'workshops/test-cohort-2.yaml': copy });
    const repo = await loadRepository(root, { now: BEFORE });
    const idAt = at(copy, 'id: test-cohort', 'test');
    expectProblem(repo.problems, 'workshops/test-cohort.yaml', idAt, 'is also used by workshops/test-cohort-2.yaml');
    expectProblem(repo.problems, 'workshops/test-cohort-2.yaml', idAt, 'is also used by workshops/test-cohort.yaml');
    expectProblem(repo.problems, 'workshops/test-cohort-2.yaml', idAt, 'must equal the file name');
    expect(repo.cohorts.map((c) => c.file)).toEqual([]);
  });

  it('rejects derived names that collide across cohorts, naming the other cohort and file', async () => {
    // Glue job names join cohort id and ETL name with "-": lab + "x-clean" and lab-x + "clean" both give "...-lab-x-clean".
    const etl = (name: string) => `etl:\n  - name: ${name}\n    script: assets/clean.py\n`;
    const lab = `${cohortYaml('lab')}${etl('x-clean')}`;
    const labX = `${cohortYaml('lab-x')}${etl('clean')}`;
    const root = await makeRepo({
      'workshops/lab.yaml': lab,
      'workshops/lab-x.yaml': labX,
      'workshops/assets/clean.py': 'pass\n',
    });
    const repo = await loadRepository(root, { now: BEFORE });
    const labAt = at(lab, 'name: x-clean', 'x-clean');
    const labXAt = at(labX, 'name: clean', 'clean');
    expectProblem(
      repo.problems,
      'workshops/lab.yaml',
      labAt,
      `derived glueJob name "acme-ws-lab-x-clean" collides with cohort "lab-x" (workshops/lab-x.yaml, from workshops/lab-x.yaml:${labXAt.line}:${labXAt.column})`,
    );
    expectProblem(repo.problems, 'workshops/lab-x.yaml', labXAt, 'collides with cohort "lab" (workshops/lab.yaml');
    expect(repo.cohorts).toEqual([]);

    // Validating one file still checks it against all the others, and reports only on the file asked for.
    const one = await loadRepository(root, { now: BEFORE, files: ['workshops/lab.yaml'] });
    expect(one.problems.length).toBeGreaterThan(0);
    expect(one.problems.every((p) => p.file === 'workshops/lab.yaml' && p.line === labAt.line)).toBe(true);
    expect(one.checked).toEqual(['workshops/_settings.yaml', 'workshops/lab.yaml']);
  });

  it("checks failover's backup-region names against the cohorts whose primary region that is", async () => {
    // Crawler names join cohort id and dataset name with "-": lab + x_trips and lab-x + trips both give "...-lab-x-trips",
    // a clash only once lab builds its crawlers in ap-southeast-1, lab-x's primary region.
    const dataset = (name: string) => `datasets:\n  - name: ${name}\n    source: data/trips.csv\n    format: csv\n`;
    const regions = (failover: boolean) =>
      `regions:\n  primary: ap-northeast-2\n  backup: ap-southeast-1\n  failover: ${failover}\n`;
    const lab = (failover: boolean) =>
      `${cohortYaml('lab').replace('regions:\n  primary: ap-northeast-2\n', regions(failover))}${dataset('x_trips')}`;
    const labX = `${cohortYaml('lab-x').replace('primary: ap-northeast-2', 'primary: ap-southeast-1')}${dataset('trips')}`;
    const load = async (failover: boolean) => {
      const root = await makeRepo({
        'workshops/lab.yaml': lab(failover),
        'workshops/lab-x.yaml': labX,
        'workshops/data/trips.csv': 'a,b\n1,2\n',
      });
      return loadRepository(root, { now: BEFORE });
    };
    expect(listProblems((await load(false)).problems)).toEqual([]);
    const repo = await load(true);
    expectProblem(
      repo.problems,
      'workshops/lab.yaml',
      at(lab(true), 'name: x_trips', 'x_trips'),
      'derived glueCrawler name "acme-ws-lab-x-trips" collides with cohort "lab-x"',
    );
    expectProblem(
      repo.problems,
      'workshops/lab-x.yaml',
      at(labX, 'name: trips', 'trips'),
      'collides with cohort "lab"',
    );
  });

  it('rejects a student id whose IAM user name would be too long, at the student id', async () => {
    const id = 'a'.repeat(32);
    const student = 's'.repeat(24);
    const text = cohortYaml(id).replace('id: s01', `id: ${student}`);
    const root = await makeRepo({ [`workshops/${id}.yaml`]: text });
    const repo = await loadRepository(root, { now: BEFORE });
    expectProblem(
      repo.problems,
      `workshops/${id}.yaml`,
      at(text, `id: ${student}`, 's'),
      /derived iamUser name ".*" is \d+ characters; AWS allows 64/,
    );
    expect(repo.problems.every((p) => p.line === at(text, `id: ${student}`).line)).toBe(true);
  });

  it('reports a too-long name from a roster student at the CSV cell', async () => {
    const id = 'a'.repeat(32);
    const base = cohortYaml(id);
    const text = `${base.slice(0, base.indexOf('students:'))}roster: rosters/list.csv\n`;
    const student = 's'.repeat(24);
    const root = await makeRepo({
      [`workshops/${id}.yaml`]: text,
      'workshops/rosters/list.csv': `id,name,email\ns01,Ana,ana@example.com\n${student},Bo,bo@example.com\n`,
    });
    const repo = await loadRepository(root, { now: BEFORE });
    expectProblem(repo.problems, 'workshops/rosters/list.csv', { line: 3, column: 1 }, 'derived iamUser name');
  });

  it('validates the cohorts that use a file named in files', async () => {
    const base = cohortYaml();
    const text = `${base.slice(0, base.indexOf('students:'))}roster: rosters/list.csv\n`;
    const root = await makeRepo({
      'workshops/test-cohort.yaml': text,
      'workshops/rosters/list.csv': 'id,name,email\nS1,Ana,ana@example.com\n',
      'workshops/other.yaml': cohortYaml('other').replace('limitUsd: 100', 'limitUsd: 0'),
    });
    const repo = await loadRepository(root, { now: BEFORE, files: [path.join(root, 'workshops/rosters/list.csv')] });
    expect(listProblems(repo.problems)).toEqual([
      expect.stringMatching(/^workshops\/rosters\/list\.csv:2:1 error id:/),
    ]);
    expect(repo.unmatched).toEqual([]);
  });

  it('lists the named files that are neither the settings, a cohort file nor a file a cohort uses', async () => {
    const root = await makeRepo({
      'workshops/test-cohort.yaml': cohortYaml(),
      'workshops/_draft.yaml': cohortYaml('draft'),
      'workshops/sub/x.yaml': cohortYaml('x'),
    });
    const files = [
      'workshops/_settings.yaml',
      'workshops/test-cohort.yaml',
      'workshops/_draft.yaml',
      'workshops/sub/x.yaml',
    ];
    const repo = await loadRepository(root, { now: BEFORE, files: [...files, path.join(root, 'README.md')] });
    expect(repo.unmatched).toEqual(['workshops/_draft.yaml', 'workshops/sub/x.yaml', 'README.md']);
    expect(repo.checked).toEqual(['workshops/_settings.yaml', 'workshops/test-cohort.yaml']);
    expect((await loadRepository(root, { now: BEFORE })).unmatched).toEqual([]);
  });
});

describe('a cohort that already ended', () => {
  it('is a warning at the end date, and the cohort is still returned', async () => {
    const text = cohortYaml();
    const root = await makeRepo({ 'workshops/test-cohort.yaml': text });
    // The cohort runs through 2026-12-09 in Asia/Seoul, i.e. until 2026-12-09T14:59:59.999Z.
    const during = await loadRepository(root, { now: new Date('2026-12-09T14:59:59.000Z') });
    expect(listProblems(during.problems)).toEqual([]);
    const after = await loadRepository(root, { now: new Date('2026-12-09T15:00:00.000Z') });
    const warning = expectProblem(
      after.problems,
      'workshops/test-cohort.yaml',
      at(text, 'end: 2026', '2026'),
      'already ended',
    );
    expect(warning.severity).toBe('warning');
    expect(warning.message).toContain('2026-12-12T14:59:59.999Z');
    expect(after.cohorts).toHaveLength(1);
  });
});

describe('an ETL job on G.025X workers', () => {
  it('is a warning at the worker type, since Glue runs G.025X only for streaming jobs', async () => {
    const text = `${cohortYaml()}etl:\n  - name: clean\n    script: assets/clean.py\n    workerType: G.025X\n`;
    const root = await makeRepo({ 'workshops/test-cohort.yaml': text, 'workshops/assets/clean.py': 'print(1)\n' });
    const { problems, cohorts } = await loadRepository(root, { now: new Date('2026-12-01T00:00:00Z') });
    const warning = expectProblem(
      problems,
      'workshops/test-cohort.yaml',
      at(text, 'workerType: G.025X', 'G.025X'),
      'streaming',
    );
    expect(warning.severity).toBe('warning');
    expect(cohorts).toHaveLength(1);
  });
});
