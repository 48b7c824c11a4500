import { describe, expect, it } from 'vitest';
import { at, cohortYaml, expectProblem, listProblems, validateCohort } from './temp-repo.ts';

const FILE = 'workshops/test-cohort.yaml';

/** Validates the base cohort with `from` replaced by `to`; returns the text and the problems. */
async function withChange(from: string, to: string, extra = {}) {
  const base = cohortYaml();
  if (!base.includes(from)) throw new Error(`test bug: ${from} not in the base cohort`);
  const text = base.replace(from, to);
  const result = await validateCohort(text, extra);
  return { text, ...result };
}

/** The one problem expected: at `target` within `context` of the changed text, with `fragment` in its message. */
async function expectOnly(from: string, to: string, context: string, target: string, fragment: string | RegExp) {
  const { text, problems, cohorts } = await withChange(from, to);
  expectProblem(problems, FILE, at(text, context, target), fragment);
  expect(listProblems(problems)).toHaveLength(1);
  expect(cohorts).toEqual([]);
}

describe('a valid cohort', () => {
  it('passes with defaults applied', async () => {
    const { problems, cohorts } = await validateCohort(cohortYaml());
    expect(listProblems(problems)).toEqual([]);
    expect(cohorts).toHaveLength(1);
    const cohort = cohorts[0]?.cohort;
    expect(cohorts[0]?.file).toBe(FILE);
    expect(cohort?.schedule.teardownAfterDays).toBe(3);
    expect(cohort?.budget.alertPercents).toEqual([50, 80, 100]);
    expect(cohort?.budget.freezeAtPercent).toBe(100);
    expect(cohort?.crawler.schedule).toBe('cron(0 1 * * ? *)');
    expect(cohort?.storage.expireAfterDays).toBe(365);
    expect(cohort?.students.map((s) => s.id)).toEqual(['s01', 's02']);
  });

  it.each([
    ['Unicode', '데이터 엔지니어링 — Ünïcödé 🚀'],
    ['a shell substitution', '$(rm -rf /)'],
    ['backticks', '`whoami`'],
    ['a workflow expression', '${{ github.token }}'],
    ['quotes and a semicolon', `Robert'); DROP TABLE students;--`],
  ])('keeps a title with %s as plain text', async (_, title) => {
    const text = cohortYaml().replace('title: Test cohort', `title: ${JSON.stringify(title)}`);
    const { problems, cohorts } = await validateCohort(text);
    expect(listProblems(problems)).toEqual([]);
    expect(cohorts[0]?.cohort.title).toBe(title);
  });

  it('accepts Unicode names, date-times with offsets, a backup region and null freezeAtPercent', async () => {
    const text = cohortYaml()
      .replace('name: Minji Park', 'name: 정유진')
      .replace('name: Jiwoo Kim', 'name: Zoë Ångström')
      .replace('start: 2026-12-07', 'start: 2026-12-07T09:00:00+09:00')
      .replace('end: 2026-12-09', 'end: "2026-12-09T18:30:00-05:00"')
      .replace('  primary: ap-northeast-2\n', '  primary: ap-northeast-2\n  backup: ap-southeast-1\n')
      .replace('  limitUsd: 100\n', '  limitUsd: 100\n  freezeAtPercent: null\n  alertPercents: [25, 50, 150]\n');
    const { problems, cohorts } = await validateCohort(text);
    expect(listProblems(problems)).toEqual([]);
    const cohort = cohorts[0]?.cohort;
    expect(cohort?.students[0]?.name).toBe('정유진');
    expect(cohort?.schedule.end).toBe('2026-12-09T18:30:00-05:00');
    expect(cohort?.budget.freezeAtPercent).toBeNull();
    expect(cohort?.regions.backup).toBe('ap-southeast-1');
  });
});

describe('id', () => {
  it.each([
    ['ab', 'at least 3 characters'],
    ['Test-cohort', 'lowercase letter'],
    ['test--cohort', 'must not contain "--"'],
    ['test-cohort-', 'end with a letter or digit'],
    ['a'.repeat(33), 'at most 32 characters'],
  ])('rejects %s', async (id, fragment) => {
    const { text, problems } = await withChange('id: test-cohort', `id: ${id}`);
    expectProblem(problems, FILE, at(text, `id: ${id}`, id), fragment);
  });

  it('must equal the file name, and says how to fix it', async () => {
    await expectOnly(
      'id: test-cohort',
      'id: other-cohort',
      'id: other-cohort',
      'other',
      /rename the file to workshops\/other-cohort\.yaml or set id: test-cohort/,
    );
  });
});

describe('title and owner', () => {
  it('rejects an empty title at the key (the value is empty)', async () => {
    await expectOnly('title: Test cohort', 'title:', 'title:', 'title', 'expected a text value, got an empty value');
  });
  it('rejects a title over 120 characters', async () => {
    const long = 'x'.repeat(121);
    await expectOnly('title: Test cohort', `title: ${long}`, `title: ${long}`, long, 'at most 120 characters');
  });
  it('rejects an owner that is not a GitHub login', async () => {
    await expectOnly('owner: jkim', 'owner: -jkim', 'owner: -jkim', '-jkim', 'GitHub login');
  });
  it('reports a missing title at the top-level mapping', async () => {
    const { problems } = await withChange('title: Test cohort\n', '');
    // Line 1 is the schema comment: the mapping starts on line 2.
    expectProblem(problems, FILE, { line: 2, column: 1 }, 'missing required key "title"; add it at the top level');
  });
  it('reports a number where text is expected', async () => {
    await expectOnly('title: Test cohort', 'title: 42', 'title: 42', '42', 'expected a text value, got 42');
  });
});

describe('schedule', () => {
  it('reports a missing start at the schedule key', async () => {
    const { text, problems } = await withChange('  start: 2026-12-07\n', '');
    expectProblem(problems, FILE, at(text, 'schedule:'), 'missing required key "start"; add it under schedule');
  });
  it.each([
    ['2026-02-30', 'must be a date (YYYY-MM-DD)'],
    ['2026-12-07T09:00:00', 'ISO date-time with an offset'],
    ['07/12/2026', 'must be a date'],
  ])('rejects start %s', async (value, fragment) => {
    await expectOnly('start: 2026-12-07', `start: ${value}`, `start: ${value}`, value, fragment);
  });
  it('rejects an end before the start', async () => {
    await expectOnly(
      'end: 2026-12-09',
      'end: 2026-12-06',
      'end: 2026-12-06',
      '2026',
      'must not be before start (2026-12-07)',
    );
  });
  it('accepts a one-day cohort (end = start)', async () => {
    const { problems } = await withChange('end: 2026-12-09', 'end: 2026-12-07');
    expect(listProblems(problems)).toEqual([]);
  });
  it('rejects a schedule longer than 90 days', async () => {
    await expectOnly('end: 2026-12-09', 'end: 2027-03-08', 'end: 2027-03-08', '2027', 'at most 90 days after start');
  });
  it('rejects an unknown time zone', async () => {
    await expectOnly(
      'timezone: Asia/Seoul',
      'timezone: Asia/Nowhere',
      'timezone: Asia/Nowhere',
      'Asia',
      'IANA time zone',
    );
  });
  it.each([
    ['31', 'must be at most 30'],
    ['-1', 'must be at least 0'],
    ['1.5', 'whole number'],
  ])('rejects teardownAfterDays %s', async (value, fragment) => {
    const { text, problems } = await withChange(
      '  timezone: Asia/Seoul\n',
      `  timezone: Asia/Seoul\n  teardownAfterDays: ${value}\n`,
    );
    expectProblem(problems, FILE, at(text, `teardownAfterDays: ${value}`, value), fragment);
  });
});

describe('regions', () => {
  it.each([
    ['ap-northeast-9', 'not a commercial AWS region code'],
    ['us-gov-west-1', 'not a commercial AWS region code'],
    ['Seoul', 'not a commercial AWS region code'],
  ])('rejects primary %s', async (value, fragment) => {
    await expectOnly('primary: ap-northeast-2', `primary: ${value}`, `primary: ${value}`, value, fragment);
  });
  it('rejects a backup equal to the primary, at the backup', async () => {
    await expectOnly(
      '  primary: ap-northeast-2\n',
      '  primary: ap-northeast-2\n  backup: ap-northeast-2\n',
      'backup: ap-northeast-2',
      'ap-',
      'must differ from the primary region',
    );
  });
});

describe('budget', () => {
  it.each([
    ['0', 'must be greater than 0'],
    ['100001', 'must be at most 100000'],
    ['"100"', 'expected a number, got the text "100"'],
  ])('rejects limitUsd %s', async (value, fragment) => {
    await expectOnly('limitUsd: 100', `limitUsd: ${value}`, `limitUsd: ${value}`, value, fragment);
  });
  it('rejects alert percents that are not strictly ascending, at the list', async () => {
    await expectOnly(
      '  limitUsd: 100\n',
      '  limitUsd: 100\n  alertPercents: [80, 50]\n',
      'alertPercents: [80',
      '[',
      'strictly ascending',
    );
  });
  it('rejects an alert percent out of range, at the item', async () => {
    await expectOnly(
      '  limitUsd: 100\n',
      '  limitUsd: 100\n  alertPercents: [50, 201]\n',
      '[50, 201]',
      '201',
      'at most 200',
    );
  });
  it('rejects more than 4 alert percents', async () => {
    await expectOnly(
      '  limitUsd: 100\n',
      '  limitUsd: 100\n  alertPercents: [10, 20, 30, 40, 50]\n',
      '[10,',
      '[',
      'at most 4',
    );
  });
});

describe('instructors and students', () => {
  it('needs at least one instructor', async () => {
    await expectOnly(
      'instructors:\n  - name: Jiwoo Kim\n    email: jiwoo@example.com\n',
      'instructors: []\n',
      'instructors: []',
      '[]',
      'list at least one instructor',
    );
  });
  it('rejects a bad instructor email', async () => {
    await expectOnly(
      'email: jiwoo@example.com',
      'email: jiwoo-at-example.com',
      'jiwoo-at',
      'jiwoo',
      'not a valid email address',
    );
  });
  it.each([
    ['S01', 'must be 1-24 characters of a-z, 0-9 and -'],
    ['-s01', 'must be 1-24 characters'],
    ['s_01', 'must be 1-24 characters'],
    ['s'.repeat(25), 'must be 1-24 characters'],
  ])('rejects student id %s', async (id, fragment) => {
    await expectOnly('id: s01', `id: ${id}`, `id: ${id}`, id, fragment);
  });
  it('rejects a duplicate student id at the repeat', async () => {
    const { text, problems } = await withChange('id: s02', 'id: s01');
    expectProblem(
      problems,
      FILE,
      at(text, '- id: s01', 's01', 2),
      'duplicate id "s01" (first used by item 1 of students)',
    );
    expect(listProblems(problems)).toHaveLength(1);
  });
  it('rejects a duplicate email ignoring case, at the repeat', async () => {
    const { text, problems } = await withChange('email: jisoo@example.com', 'email: Minji@Example.com');
    expectProblem(problems, FILE, at(text, 'Minji@Example.com'), 'duplicate email "Minji@Example.com"');
    expect(listProblems(problems)).toHaveLength(1);
  });
  it('reports a missing student email at the list item', async () => {
    const { text, problems } = await withChange(
      '    name: Jisoo Lee\n    email: jisoo@example.com\n',
      '    name: Jisoo Lee\n',
    );
    expectProblem(problems, FILE, at(text, 'id: s02', 'id'), 'missing required key "email"; add it under students[1]');
  });
  it('rejects students and roster together, at the roster', async () => {
    const { text, problems } = await withChange('students:\n', 'roster: rosters/list.csv\nstudents:\n', {
      'workshops/rosters/list.csv': 'id,name,email\ns09,Ana,ana@example.com\n',
    });
    expectProblem(problems, FILE, at(text, 'roster: rosters', 'rosters'), 'use either students or roster, not both');
  });
  it('needs students or a roster, reported at the top-level mapping', async () => {
    const base = cohortYaml();
    const text = base.slice(0, base.indexOf('students:'));
    const { problems } = await validateCohort(text);
    expectProblem(
      problems,
      FILE,
      { line: 2, column: 1 },
      'missing students: list students or point roster at a CSV file',
    );
    expect(listProblems(problems)).toHaveLength(1);
  });
  it('rejects an empty students list', async () => {
    const base = cohortYaml();
    const text = `${base.slice(0, base.indexOf('students:'))}students: []\n`;
    const { problems } = await validateCohort(text);
    expectProblem(problems, FILE, at(text, 'students: []', '[]'), 'list at least one student, or use roster');
  });
});

const DATASET = `datasets:
  - name: taxi_trips
    source: assets/trips.csv
    format: csv
etl:
  - name: clean-trips
    script: assets/clean.py
    schedule: "cron(0 2 * * ? *)"
`;
const ASSETS = { 'workshops/assets/trips.csv': 'a,b\n1,2\n', 'workshops/assets/clean.py': 'print("hi")\n' };

async function withPipeline(from: string, to: string, extra = {}) {
  const base = `${cohortYaml()}${DATASET}`;
  if (!base.includes(from)) throw new Error(`test bug: ${from} not in the cohort`);
  const text = base.replace(from, to);
  return { text, ...(await validateCohort(text, { ...ASSETS, ...extra })) };
}

describe('datasets and ETL jobs', () => {
  it('accepts the pipeline with existing files', async () => {
    const { problems, cohorts } = await withPipeline('', '');
    expect(listProblems(problems)).toEqual([]);
    expect(cohorts[0]?.cohort.etl[0]).toMatchObject({ workerType: 'G.1X', maxWorkers: 2 });
  });
  it.each([
    ['name: taxi_trips', 'name: Taxi', 'Taxi', 'must be 1-64 characters of a-z, 0-9 and _'],
    ['format: csv', 'format: xml', 'xml', 'must be one of "csv", "json", "parquet" (got the text "xml")'],
    ['name: clean-trips', 'name: clean_trips', 'clean_trips', 'must be 1-40 characters of a-z, 0-9 and -'],
    ['schedule: "cron(0 2 * * ? *)"', 'schedule: "cron(0 2 * * *)"', '"cron', '6 fields'],
    ['schedule: "cron(0 2 * * ? *)"', 'schedule: "0 2 * * *"', '"0 2', 'expected an AWS cron expression'],
  ])('rejects %s → %s', async (from, to, target, fragment) => {
    const { text, problems } = await withPipeline(from, to);
    expectProblem(problems, FILE, at(text, to, target), fragment);
    expect(listProblems(problems)).toHaveLength(1);
  });
  it.each([
    ['1', 'must be at least 2'],
    ['21', 'must be at most 20'],
    ['2.5', 'whole number'],
  ])('rejects maxWorkers %s', async (value, fragment) => {
    const { text, problems } = await withPipeline(
      '    script: assets/clean.py\n',
      `    script: assets/clean.py\n    maxWorkers: ${value}\n`,
    );
    expectProblem(problems, FILE, at(text, `maxWorkers: ${value}`, value), fragment);
  });
  it('rejects a worker type Glue does not have', async () => {
    const { text, problems } = await withPipeline(
      '    script: assets/clean.py\n',
      '    script: assets/clean.py\n    workerType: G.8X\n',
    );
    expectProblem(problems, FILE, at(text, 'workerType: G.8X', 'G.8X'), 'must be one of "G.025X", "G.1X", "G.2X"');
  });
  it('rejects duplicate dataset and ETL names at the repeats', async () => {
    const base = `${cohortYaml()}${DATASET}`;
    const text = base
      .replace(
        '    format: csv\n',
        '    format: csv\n  - name: taxi_trips\n    source: assets/trips.csv\n    format: json\n',
      )
      .replace(
        '    schedule: "cron(0 2 * * ? *)"\n',
        '    schedule: "cron(0 2 * * ? *)"\n  - name: clean-trips\n    script: assets/clean.py\n',
      );
    const { problems } = await validateCohort(text, ASSETS);
    expectProblem(problems, FILE, at(text, 'name: taxi_trips', 'taxi', 2), 'duplicate name "taxi_trips"');
    expectProblem(problems, FILE, at(text, 'name: clean-trips', 'clean', 2), 'duplicate name "clean-trips"');
    expect(listProblems(problems)).toHaveLength(2);
  });
  it('rejects a crawler schedule that is not AWS cron', async () => {
    const { text, problems } = await withPipeline('etl:\n', 'crawler:\n  schedule: "cron(0 25 * * ? *)"\netl:\n');
    expectProblem(problems, FILE, at(text, '"cron(0 25', '"'), 'out of range for the hours field');
  });
});

describe('paths', () => {
  it('rejects a source that does not exist, at the path', async () => {
    const { text, problems } = await withPipeline('source: assets/trips.csv', 'source: assets/missing.csv');
    expectProblem(
      problems,
      FILE,
      at(text, 'source: assets/missing.csv', 'assets'),
      /does not exist \(looked for workshops\/assets\/missing\.csv\)/,
    );
  });
  it('rejects a path leaving the repository through ..', async () => {
    const { text, problems } = await withPipeline('script: assets/clean.py', 'script: ../../../../etc/passwd');
    expectProblem(problems, FILE, at(text, 'script: ../', '../'), 'points outside the repository');
  });
  it('accepts .. that stays inside the repository', async () => {
    const { problems } = await withPipeline('script: assets/clean.py', 'script: ../jobs/clean.py', {
      'jobs/clean.py': 'x = 1\n',
    });
    expect(listProblems(problems)).toEqual([]);
  });
  it('rejects a symbolic link leading outside the repository', async () => {
    const { text, problems } = await withPipeline('source: assets/trips.csv', 'source: assets/link.csv', {
      'workshops/assets/link.csv': { symlinkTo: '/etc/hostname' },
    });
    expectProblem(
      problems,
      FILE,
      at(text, 'source: assets/link.csv', 'assets'),
      'symbolic link leading outside the repository',
    );
  });
  it('rejects an absolute path and a folder', async () => {
    const abs = await withPipeline('source: assets/trips.csv', 'source: /etc/passwd');
    expectProblem(abs.problems, FILE, at(abs.text, '/etc/passwd'), 'must be a path relative to the cohort file');
    expect(listProblems(abs.problems)).toHaveLength(1);
    const dir = await withPipeline('script: assets/clean.py', 'script: assets');
    expectProblem(dir.problems, FILE, at(dir.text, 'script: assets', 'assets'), 'is not a regular file');
  });
});

describe('storage, security, notifications and tags', () => {
  const append = (yaml: string) => withChange('students:\n', `${yaml}students:\n`);
  it('rejects storage steps that are not strictly increasing, at the later step', async () => {
    const { text, problems } = await append('storage:\n  deepArchiveAfterDays: 400\n  expireAfterDays: 400\n');
    expectProblem(
      problems,
      FILE,
      at(text, 'expireAfterDays: 400', '400'),
      'must be greater than deepArchiveAfterDays (400)',
    );
  });
  it('rejects lifecycle steps closer than S3 accepts: 30 days in Standard-IA, 90 in Glacier', async () => {
    const early = await append('storage:\n  glacierAfterDays: 45\n');
    expectProblem(
      early.problems,
      FILE,
      at(early.text, 'glacierAfterDays: 45', '45'),
      'must be at least 60 (infrequentAccessAfterDays 30 + 30)',
    );
    const deep = await append('storage:\n  deepArchiveAfterDays: 120\n');
    expectProblem(
      deep.problems,
      FILE,
      at(deep.text, 'deepArchiveAfterDays: 120', '120'),
      'must be at least 180 (glacierAfterDays 90 + 90)',
    );
    expect((await append('storage:\n  glacierAfterDays: 60\n  deepArchiveAfterDays: 150\n')).problems).toEqual([]);
  });
  it('rejects an infrequent-access transition before 30 days', async () => {
    const { text, problems } = await append('storage:\n  infrequentAccessAfterDays: 10\n');
    expectProblem(problems, FILE, at(text, 'AfterDays: 10', '10'), 'after 30 days at the earliest');
  });
  it('rejects bad CIDRs at the item and accepts IPv6', async () => {
    const { text, problems } = await append(
      'security:\n  allowedCidrs:\n    - 203.0.113.0/24\n    - 2001:db8::/32\n    - 10.0.0.0/33\n    - 192.0.2.1\n',
    );
    expectProblem(problems, FILE, at(text, '10.0.0.0/33'), 'IPv4 or IPv6 CIDR');
    expectProblem(problems, FILE, at(text, '192.0.2.1'), 'IPv4 or IPv6 CIDR');
    expect(listProblems(problems)).toHaveLength(2);
  });
  it.each([
    ['https://hooks.slack.com/services/T0/B0/x', 'https'],
    ['workshop_slack', 'workshop'],
  ])('rejects slackWebhookSecret %s', async (value, target) => {
    const { text, problems } = await append(`notifications:\n  slackWebhookSecret: ${value}\n`);
    expectProblem(problems, FILE, at(text, `slackWebhookSecret: ${value}`, target), 'NAME of a repository secret');
  });
  it('rejects a bad notification email', async () => {
    const { text, problems } = await append('notifications:\n  emails: [ok@example.com, nope]\n');
    expectProblem(problems, FILE, at(text, ', nope', 'nope'), '"nope" is not a valid email address');
  });
  it('rejects tag keys with the aws: prefix at the key, and over-long keys and values', async () => {
    const longKey = 'k'.repeat(129);
    const longValue = 'v'.repeat(257);
    const { text, problems } = await append(
      `tags:\n  aws:team: data\n  ${longKey}: x\n  course: ${longValue}\n  ok: fine\n`,
    );
    expectProblem(problems, FILE, at(text, 'aws:team'), 'must not start with "aws:"');
    expectProblem(problems, FILE, at(text, longKey), 'at most 128 characters');
    expectProblem(problems, FILE, at(text, longValue), 'at most 256 characters');
    expect(listProblems(problems)).toHaveLength(3);
  });
});

describe('unknown keys', () => {
  it('suggests the nearest known key, at the key', async () => {
    const { text, problems } = await withChange('students:', 'studnets:');
    expectProblem(problems, FILE, at(text, 'studnets'), 'unknown key "studnets"; did you mean "students"?');
  });
  it('suggests nested keys too', async () => {
    const { text, problems } = await withChange('  start: 2026-12-07', '  start: 2026-12-07\n  strat: 2026-12-07');
    expectProblem(problems, FILE, at(text, 'strat'), 'unknown key "strat"; did you mean "start"?');
  });
  it('lists the allowed keys when nothing is close', async () => {
    const { text, problems } = await withChange('budget:\n', 'budget:\n  currency: EUR\n');
    expectProblem(problems, FILE, at(text, 'currency'), 'allowed keys here: limitUsd, alertPercents, freezeAtPercent');
  });
});

describe('every problem in one run', () => {
  it('reports problems in different fields and levels together', async () => {
    const text = cohortYaml()
      .replace('title: Test cohort', 'title: ""')
      .replace('timezone: Asia/Seoul', 'timezone: Mars/Olympus')
      .replace('limitUsd: 100', 'limitUsd: -5')
      .replace('id: s02', 'id: S02')
      .replace('students:', 'roster: nowhere.csv\nstudents:')
      .concat('colour: blue\n');
    const { problems } = await validateCohort(text);
    expectProblem(problems, FILE, at(text, 'title: ""', '"'), 'must not be empty');
    expectProblem(problems, FILE, at(text, 'Mars'), 'IANA time zone');
    expectProblem(problems, FILE, at(text, '-5'), 'must be greater than 0');
    expectProblem(problems, FILE, at(text, 'S02'), 'must be 1-24 characters');
    expectProblem(problems, FILE, at(text, 'nowhere.csv'), 'use either students or roster, not both');
    expectProblem(problems, FILE, at(text, 'nowhere.csv'), 'does not exist');
    expectProblem(problems, FILE, at(text, 'colour'), 'unknown key "colour"');
    // In file order.
    const lines = problems.map((p) => p.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });
});
