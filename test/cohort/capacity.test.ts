import { describe, expect, it } from 'vitest';
import {
  BUDGET_EMAIL_SUBSCRIBERS,
  type CapacityCohort,
  type CapacitySite,
  capacityProblems,
} from '../../src/cohort/capacity.ts';
import type { Problem } from '../../src/cohort/problem.ts';
import { loadRepository } from '../../src/cohort/repository.ts';
import { DEFAULT_QUOTAS, type Quotas } from '../../src/cohort/settings-schema.ts';
import { at, BEFORE, cohortYaml, listProblems, makeRepo, SETTINGS_YAML } from './temp-repo.ts';

const STUDENTS_AT = { line: 7, column: 1 };
const INSTRUCTORS_AT = { line: 5, column: 1 };

interface Shape {
  readonly students?: number;
  readonly primary?: string;
  readonly backup?: string;
  readonly failover?: boolean;
  readonly etl?: number;
  readonly instructors?: number;
}

function site(id: string, shape: Shape = {}): CapacitySite {
  const cohort: CapacityCohort = {
    id,
    regions: {
      primary: shape.primary ?? 'ap-northeast-2',
      backup: shape.backup,
      failover: shape.failover ?? false,
    },
    students: Array.from({ length: shape.students ?? 30 }, (_, i) => ({ id: `s${i}` })),
    instructors: Array.from({ length: shape.instructors ?? 1 }, (_, i) => ({ email: `i${i}@example.com` })),
    etl: Array.from({ length: shape.etl ?? 0 }, (_, i) => ({ name: `etl-${i}` })),
  };
  return { owner: `workshops/${id}.yaml`, cohort, studentsAt: STUDENTS_AT, instructorsAt: INSTRUCTORS_AT };
}

function cohorts(count: number, shape: Shape = {}, prefix = 'c'): CapacitySite[] {
  return Array.from({ length: count }, (_, i) => site(`${prefix}${String(i).padStart(3, '0')}`, shape));
}

const quotas: Quotas = { ...DEFAULT_QUOTAS };

function problemsOf(sites: readonly CapacitySite[], q: Quotas = quotas): Problem[] {
  return capacityProblems(sites, q).map((o) => o.problem);
}

/** The severities found for one kind of limit (by the words its messages start with). */
function severities(problems: readonly Problem[], what: string): Set<string> {
  return new Set(problems.filter((p) => p.message.startsWith(what)).map((p) => p.severity));
}

describe('Athena workgroups per region (students + 1 per cohort)', () => {
  it('33 cohorts of 30 students in one region need 1,023 of 1,000: an error at every cohort', () => {
    const sites = cohorts(33);
    const problems = problemsOf(sites).filter((p) => p.message.startsWith('Athena workgroups'));
    expect(problems).toHaveLength(33);
    expect(new Set(problems.map((p) => p.severity))).toEqual(new Set(['error']));
    const first = problems[0] as Problem;
    expect(first.file).toBe('workshops/c000.yaml');
    expect(first.message).toContain('in ap-northeast-2');
    expect(first.message).toContain('33 cohorts need 1,023 of the 1,000 allowed (quotas.athenaWorkgroupsPerRegion');
    expect(first.message).toContain('this cohort needs 31');
    expect(first.message).toContain('c001 (31)');
    expect(first.message).toContain('and 22 more');
    expect(first.message).toContain('Apply would fail');
  });

  it('27 such cohorts need 837: a warning (from 80% = 800)', () => {
    const problems = problemsOf(cohorts(27));
    expect(severities(problems, 'Athena workgroups')).toEqual(new Set(['warning']));
    expect(problems.find((p) => p.message.startsWith('Athena workgroups'))?.message).toContain('837 of the 1,000');
  });

  it.each([
    // 25 cohorts of 31 students + 1 instructors workgroup = 800, exactly 80%.
    ['799 (just under 80%)', [...cohorts(24, { students: 31 }), site('last', { students: 30 })], undefined],
    ['800 (80%)', cohorts(25, { students: 31 }), 'warning'],
    ['1,000 (the limit itself)', [...cohorts(32, { students: 30 }), site('last', { students: 7 })], 'warning'],
    ['1,001 (just over)', [...cohorts(32, { students: 30 }), site('last', { students: 8 })], 'error'],
  ])('%s', (_, sites, expected) => {
    const found = severities(problemsOf(sites), 'Athena workgroups');
    expect(found).toEqual(new Set(expected === undefined ? [] : [expected]));
  });

  it('counts each region on its own', () => {
    const sites = [...cohorts(20, {}, 'seoul'), ...cohorts(20, { primary: 'us-east-1' }, 'virginia')];
    expect(severities(problemsOf(sites), 'Athena workgroups')).toEqual(new Set());
  });

  it('counts a failover cohort in its backup region too', () => {
    const backupCohorts = cohorts(26, { primary: 'ap-southeast-1' }, 'sg');
    const failover = site('seoul-failover', { students: 30, backup: 'ap-southeast-1', failover: true });
    const backupOnly = site('seoul-backup', { students: 30, backup: 'ap-southeast-1', failover: false });
    // 26 × 31 = 806 in ap-southeast-1: a warning; with the failover cohort 837, still one; without it none of
    // the Seoul cohort's own workgroups count there.
    const withFailover = problemsOf([...backupCohorts, failover]).filter((p) => p.file.includes('seoul-failover'));
    expect(withFailover.map((p) => p.message)).toEqual([expect.stringContaining('in ap-southeast-1')]);
    const withoutFailover = problemsOf([...backupCohorts, backupOnly]).filter((p) => p.file.includes('seoul'));
    expect(withoutFailover).toEqual([]);
  });

  it('uses the quota of the settings', () => {
    const raised = { ...quotas, athenaWorkgroupsPerRegion: 2_000 };
    expect(severities(problemsOf(cohorts(33), raised), 'Athena workgroups')).toEqual(new Set());
    const lowered = { ...quotas, athenaWorkgroupsPerRegion: 100 };
    const problems = problemsOf(cohorts(4), lowered);
    expect(severities(problems, 'Athena workgroups')).toEqual(new Set(['error']));
    expect(problems[0]?.message).toContain('124 of the 100 allowed');
  });
});

describe('IAM users per account (one per student, every region)', () => {
  it.each([
    ['3,999', [...cohorts(7, { students: 500 }), site('last', { students: 499 })], undefined],
    ['4,000 (80%)', cohorts(8, { students: 500 }), 'warning'],
    [
      '5,000',
      [...cohorts(5, { students: 500 }), ...cohorts(5, { students: 500, primary: 'us-east-1' }, 'v')],
      'warning',
    ],
    ['5,001', [...cohorts(10, { students: 500 }), site('last', { students: 1 })], 'error'],
  ])('%s users', (_, sites, expected) => {
    const found = severities(problemsOf(sites), 'IAM users');
    expect(found).toEqual(new Set(expected === undefined ? [] : [expected]));
  });

  it('names the account-wide scope and the cohorts sharing it', () => {
    const sites = [...cohorts(10, { students: 500 }), site('last', { students: 1 })];
    const problem = problemsOf(sites).find((p) => p.file === 'workshops/last.yaml' && p.message.startsWith('IAM'));
    expect(problem?.message).toMatch(/^IAM users in the account: the 11 cohorts need 5,001 of the 5,000 allowed/);
    expect(problem?.message).toContain('this cohort needs 1, shared with c000 (500)');
    expect(problem?.message).toContain('AWS never raises this limit');
    expect(problem?.line).toBe(STUDENTS_AT.line);
  });
});

describe('IAM groups per account (one per cohort)', () => {
  it.each([
    [239, undefined],
    [240, 'warning'],
    [300, 'warning'],
    [301, 'error'],
  ])('%i cohorts', (count, expected) => {
    const found = severities(problemsOf(cohorts(count, { students: 1 })), 'IAM groups');
    expect(found).toEqual(new Set(expected === undefined ? [] : [expected]));
  });
});

describe('Glue jobs per region (a base job and a copy per student for each ETL entry)', () => {
  it.each([
    // 4 jobs × 31 = 124 per cohort.
    ['8 cohorts: 992', 8, 'warning'],
    ['9 cohorts: 1,116', 9, 'error'],
    ['6 cohorts: 744', 6, undefined],
  ])('%s', (_, count, expected) => {
    const found = severities(problemsOf(cohorts(count, { etl: 4 })), 'Glue jobs');
    expect(found).toEqual(new Set(expected === undefined ? [] : [expected]));
  });

  it('does not involve cohorts without ETL', () => {
    const problems = problemsOf([...cohorts(9, { etl: 4 }), site('no-etl', { etl: 0 })]);
    expect(problems.filter((p) => p.file.includes('no-etl') && p.message.startsWith('Glue'))).toEqual([]);
  });
});

describe('budget notification email subscribers (per cohort)', () => {
  it.each([
    [BUDGET_EMAIL_SUBSCRIBERS, 0],
    [BUDGET_EMAIL_SUBSCRIBERS + 1, 1],
  ])('%i instructors: %i warnings', (instructors, expected) => {
    const problems = problemsOf([site('big', { instructors })]).filter((p) => p.message.includes('AWS Budgets'));
    expect(problems).toHaveLength(expected);
    for (const p of problems) {
      expect(p.severity).toBe('warning');
      expect(p.line).toBe(INSTRUCTORS_AT.line);
      expect(p.message).toContain('the other 1 only through the alerts topic');
    }
  });

  it('counts an address listed twice once', () => {
    const twice = site('twice', { instructors: BUDGET_EMAIL_SUBSCRIBERS });
    const cohort = { ...twice.cohort, instructors: [...twice.cohort.instructors, { email: 'I0@Example.com' }] };
    expect(problemsOf([{ ...twice, cohort }])).toEqual([]);
  });
});

describe('through workshop validate', () => {
  const studentsYaml = (count: number) =>
    `students:\n${Array.from({ length: count }, (_, i) => `  - { id: s${i}, name: S ${i}, email: s${i}@example.com }`).join('\n')}\n`;
  const yaml = (id: string, students: number) => cohortYaml(id).replace(/students:\n[\s\S]*$/, studentsYaml(students));

  it('reports at the students key of each cohort file, and at the roster key of a roster cohort', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 32; i++)
      files[`workshops/c${String(i).padStart(2, '0')}.yaml`] = yaml(`c${String(i).padStart(2, '0')}`, 30);
    const rosterCohort = cohortYaml('roster-cohort').replace(/students:\n[\s\S]*$/, 'roster: rosters/class.csv\n');
    files['workshops/roster-cohort.yaml'] = rosterCohort;
    const rows = Array.from({ length: 30 }, (_, i) => `r${i},R ${i},r${i}@example.com`);
    files['workshops/rosters/class.csv'] = `id,name,email\n${rows.join('\n')}\n`;
    const root = await makeRepo(files);
    const repo = await loadRepository(root, { now: BEFORE });
    const errors = repo.problems.filter((p) => p.message.startsWith('Athena workgroups'));
    expect(errors).toHaveLength(33);
    expect(errors.every((p) => p.severity === 'error' && p.message.includes('1,023 of the 1,000'))).toBe(true);
    const c00 = errors.find((p) => p.file === 'workshops/c00.yaml');
    expect(c00 && { line: c00.line, column: c00.column }).toEqual(at(files['workshops/c00.yaml'] ?? '', 'students:'));
    const roster = errors.find((p) => p.file === 'workshops/roster-cohort.yaml');
    expect(roster && { line: roster.line, column: roster.column }).toEqual(at(rosterCohort, 'roster:'));
    // Errors keep the cohorts out of the loaded set, as any validation error does.
    expect(repo.cohorts).toEqual([]);
  });

  it('takes the quotas from _settings.yaml', async () => {
    const files: Record<string, string> = {
      'workshops/_settings.yaml': `${SETTINGS_YAML}quotas:\n  athenaWorkgroupsPerRegion: 5\n`,
      'workshops/test-cohort.yaml': cohortYaml(),
    };
    const repo = await loadRepository(await makeRepo(files), { now: BEFORE });
    // Two students and the instructors workgroup: 3 of 5, 60%, under the warning line.
    expect(listProblems(repo.problems)).toEqual([]);
    const tight = { ...files, 'workshops/_settings.yaml': `${SETTINGS_YAML}quotas:\n  athenaWorkgroupsPerRegion: 2\n` };
    const over = await loadRepository(await makeRepo(tight), { now: BEFORE });
    expect(listProblems(over.problems)).toEqual([
      expect.stringMatching(
        /test-cohort\.yaml:\d+:1 error Athena workgroups in ap-northeast-2: the cohort needs 3 of the 2/,
      ),
    ]);
  });

  it('rejects quotas above what AWS can grant', async () => {
    const settings = `${SETTINGS_YAML}quotas:\n  iamUsersPerAccount: 6000\n`;
    const repo = await loadRepository(
      await makeRepo({ 'workshops/_settings.yaml': settings, 'workshops/test-cohort.yaml': cohortYaml() }),
      { now: BEFORE },
    );
    expect(listProblems(repo.problems, 'workshops/_settings.yaml')).toEqual([
      expect.stringContaining('quotas.iamUsersPerAccount'),
    ]);
  });
});
