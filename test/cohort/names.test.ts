import { describe, expect, it } from 'vitest';
import {
  CohortNames,
  collisionKey,
  type DerivedName,
  derivedNames,
  NAME_LIMITS,
  type NameInput,
  nameProblem,
} from '../../src/cohort/names.ts';

const cohort = (id: string, overrides: Partial<NameInput> = {}): NameInput => ({
  id,
  regions: { primary: 'ap-northeast-2', backup: 'ap-southeast-1' },
  students: [{ id: 's01' }, { id: 's02' }],
  datasets: [{ name: 'taxi_trips' }],
  etl: [{ name: 'clean-trips' }],
  ...overrides,
});

describe('derivedNames', () => {
  it('are deterministic and fit every AWS limit for a typical cohort', () => {
    const names = derivedNames('acme-ws', cohort('seoul-data-eng-2026-12'));
    expect(derivedNames('acme-ws', cohort('seoul-data-eng-2026-12'))).toEqual(names);
    expect(names.map(nameProblem).filter(Boolean)).toEqual([]);
    expect(
      names.every((n) => n.name.includes('seoul-data-eng-2026-12') || n.name.includes('seoul_data_eng_2026_12')),
    ).toBe(true);
  });

  it('fit the limits at the longest ids the schema allows, except the student IAM user', () => {
    const longest = cohort('c'.repeat(32), { students: [{ id: 's'.repeat(24) }], etl: [{ name: 'e'.repeat(40) }] });
    const problems = derivedNames('p'.repeat(12), longest).flatMap((derived) => {
      const problem = nameProblem(derived);
      return problem ? [{ derived, problem }] : [];
    });
    // The IAM user (and the identically named workgroup, whose limit is wider) is the one that can overflow.
    expect(problems.map((p) => p.derived.kind)).toEqual(['iamUser']);
    expect(problems[0]?.derived.source).toEqual(['students', 0, 'id']);
    expect(problems[0]?.problem).toMatch(/is 70 characters; AWS allows 64: shorten/);
  });

  it('point each name at the value it comes from', () => {
    const names = derivedNames('acme-ws', cohort('lab'));
    const sources = new Set(names.map((n) => JSON.stringify(n.source)));
    expect(sources).toEqual(
      new Set([
        '["id"]',
        '["regions","backup"]',
        '["students",0,"id"]',
        '["students",1,"id"]',
        '["datasets",0,"name"]',
        '["etl",0,"name"]',
      ]),
    );
  });

  it('stay unique within one cohort, with failover too', () => {
    for (const failover of [false, true]) {
      const regions = { primary: 'ap-northeast-2', backup: 'ap-southeast-1', failover };
      const keys = derivedNames('acme-ws', cohort('lab', { regions })).map(collisionKey);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });
});

describe('derivedNames with failover', () => {
  const primary = 'ap-northeast-2';
  const backup = 'ap-southeast-1';
  const failingOver = (id: string, overrides: Partial<NameInput> = {}) =>
    cohort(id, { regions: { primary, backup, failover: true }, ...overrides });
  const inBackup = (names: readonly DerivedName[]) =>
    names.filter((d) => d.region === backup).map((d) => `${d.kind} ${d.name} ${JSON.stringify(d.source)}`);

  it('add the backup-region results bucket and the catalog, crawlers and workgroups in the backup region', () => {
    const n = new CohortNames('acme-ws', 'lab');
    const names = derivedNames('acme-ws', failingOver('lab'));
    expect(names).toContainEqual({ kind: 's3Bucket', name: n.failoverResultsBucket, source: ['regions', 'failover'] });
    expect(n.failoverResultsBucket).toBe('acme-ws-lab-results-dr');
    expect(inBackup(names).sort()).toEqual(
      [
        `glueDatabase ${n.database} ["regions","failover"]`,
        `glueSecurityConfiguration ${n.securityConfiguration} ["regions","failover"]`,
        `athenaWorkgroup ${n.instructorWorkgroup} ["regions","failover"]`,
        `athenaWorkgroup ${n.studentWorkgroup('s01')} ["students",0,"id"]`,
        `athenaWorkgroup ${n.studentWorkgroup('s02')} ["students",1,"id"]`,
        `glueCrawler ${n.crawler('taxi_trips')} ["datasets",0,"name"]`,
      ].sort(),
    );
  });

  it('add nothing without the flag, nor with the flag but no backup region', () => {
    const without = derivedNames('acme-ws', cohort('lab'));
    expect(inBackup(without)).toEqual([]);
    expect(without.map((d) => d.name)).not.toContain('acme-ws-lab-results-dr');
    const noBackup = derivedNames('acme-ws', cohort('lab', { regions: { primary, failover: true } }));
    expect(noBackup).toEqual(derivedNames('acme-ws', cohort('lab', { regions: { primary } })));
  });

  it('fit the limits at the longest ids the schema allows, except the student IAM user', () => {
    const longest = failingOver('c'.repeat(32), {
      students: [{ id: 's'.repeat(24) }],
      datasets: [{ name: 'd'.repeat(64) }],
    });
    const problems = derivedNames('p'.repeat(12), longest).filter((d) => nameProblem(d) !== undefined);
    expect(problems.map((p) => p.kind)).toEqual(['iamUser']);
    const bucket = new CohortNames('p'.repeat(12), 'c'.repeat(32)).failoverResultsBucket;
    expect(bucket.length).toBeLessThanOrEqual(NAME_LIMITS.s3Bucket.max);
  });

  it("collide with another cohort's names in its primary region when that is this cohort's backup", () => {
    // Crawler names join cohort id and dataset name with "-": lab + x_trips and lab-x + trips both give "...-lab-x-trips".
    const lab = (failover: boolean) =>
      cohort('lab', { regions: { primary, backup, failover }, datasets: [{ name: 'x_trips' }], etl: [] });
    const labX = cohort('lab-x', { regions: { primary: backup }, datasets: [{ name: 'trips' }], etl: [] });
    const clashes = (a: NameInput) => {
      const theirs = new Set(derivedNames('acme-ws', labX).map(collisionKey));
      return derivedNames('acme-ws', a).filter((d) => theirs.has(collisionKey(d)));
    };
    expect(clashes(lab(false))).toEqual([]);
    expect(clashes(lab(true))).toEqual([
      { kind: 'glueCrawler', name: 'acme-ws-lab-x-trips', source: ['datasets', 0, 'name'], region: backup },
    ]);
  });
});

describe('nameProblem', () => {
  it('rejects characters the service does not allow', () => {
    expect(nameProblem({ kind: 's3Bucket', name: 'Acme_Bucket', source: ['id'] })).toMatch(
      /characters AWS does not allow/,
    );
    expect(nameProblem({ kind: 's3Bucket', name: 'acme-bucket', source: ['id'] })).toBeUndefined();
  });

  it('allows exactly the maximum length', () => {
    const at = (length: number): DerivedName => ({ kind: 'iamUser', name: 'u'.repeat(length), source: ['id'] });
    expect(nameProblem(at(NAME_LIMITS.iamUser.max))).toBeUndefined();
    expect(nameProblem(at(NAME_LIMITS.iamUser.max + 1))).toMatch(/AWS allows 64/);
  });
});

describe('collisionKey', () => {
  it('finds names that two cohorts with hyphen-sharing ids both derive', () => {
    // Cohort "lab" with ETL job "x-clean" and cohort "lab-x" with job "clean" both name a Glue job "...-lab-x-clean".
    const jobs = (id: string, etl: string) =>
      derivedNames('acme-ws', cohort(id, { etl: [{ name: etl }] })).filter((n) => n.source[0] === 'etl');
    const a = new Set(jobs('lab', 'x-clean').map(collisionKey));
    const b = jobs('lab-x', 'clean').map(collisionKey);
    expect(b.filter((key) => a.has(key)).length).toBeGreaterThan(0);
  });

  it('keys account-wide names (IAM users) by name alone, whichever region they come with', () => {
    const user = (region: string): DerivedName => ({ kind: 'iamUser', name: 'acme-a-b-c', source: ['id'], region });
    expect(collisionKey(user('us-east-1'))).toBe(collisionKey(user('eu-west-1')));
  });

  it('scopes regional names by region and global ones not at all', () => {
    const crawler = (region: string): DerivedName => ({
      kind: 'glueCrawler',
      name: 'acme-lab-trips',
      source: ['id'],
      region,
    });
    const bucket = (region: string): DerivedName => ({
      kind: 's3Bucket',
      name: 'acme-lab-raw',
      source: ['id'],
      region,
    });
    expect(collisionKey(crawler('us-east-1'))).not.toBe(collisionKey(crawler('eu-west-1')));
    expect(collisionKey(bucket('us-east-1'))).toBe(collisionKey(bucket('eu-west-1')));
  });

  it('treats Athena workgroup names case-insensitively and different kinds apart', () => {
    const wg = (name: string): DerivedName => ({ kind: 'athenaWorkgroup', name, source: ['id'], region: 'us-east-1' });
    expect(collisionKey(wg('Acme-Lab'))).toBe(collisionKey(wg('acme-lab')));
    expect(collisionKey({ kind: 'iamRole', name: 'acme-lab', source: ['id'] })).not.toBe(
      collisionKey({ kind: 'iamUser', name: 'acme-lab', source: ['id'] }),
    );
  });
});
