import { describe, expect, it } from 'vitest';
import type { ResolvedCohort } from '../../src/cohort/schema.ts';
import type { CostAssumptionsInput } from '../../src/cost/assumptions.ts';
import { billedMbPerQuery, WORKER_DPU } from '../../src/cost/compute-usage.ts';
import { type CostEstimate, type CostLine, estimateCohortCost } from '../../src/cost/estimate.ts';
import { findPrice, parsePriceTable } from '../../src/cost/price-table.ts';
import { EXAMPLE_IDS, type Example, loadExample, loadPrices, rawPrices, withStudents } from './example-cohorts.ts';

const prices = loadPrices();
const seoul = loadExample('seoul-data-eng-2026-12');
const busan = loadExample('busan-intro-2026-12');

function estimate(
  example: Example,
  options: { cohort?: ResolvedCohort; assumptions?: CostAssumptionsInput; month?: string } = {},
): CostEstimate {
  return estimateCohortCost({
    cohort: options.cohort ?? example.cohort,
    datasetBytes: example.datasetBytes,
    assumptions: options.assumptions,
    prices,
    month: options.month,
  });
}

function line(result: CostEstimate, service: string, item: string): CostLine {
  const found = result.lines.find((l) => l.service === service && l.item === item);
  if (!found) throw new Error(`no line ${service} · ${item} in ${result.lines.map((l) => `${l.service} · ${l.item}`)}`);
  return found;
}

const hasLine = (result: CostEstimate, service: string, item: string) =>
  result.lines.some((l) => l.service === service && l.item === item);

/** Session days from the schedule's plain dates, counted independently of the estimator. */
function sessionDays(cohort: ResolvedCohort): number {
  return (Date.parse(cohort.schedule.end) - Date.parse(cohort.schedule.start)) / 86_400_000 + 1;
}

const GIB = 1024 ** 3;

describe.each(EXAMPLE_IDS)('the example cohort %s', (id) => {
  const example = loadExample(id);
  const result = estimate(example);

  it('prices every line as quantity × the table price of its region', () => {
    expect(result.lines.length).toBeGreaterThan(10);
    for (const l of result.lines) {
      expect(l.monthly, `${l.service} · ${l.item}`).toBe(l.quantity * l.unitPrice);
      const { row } = findPrice(prices, l.priceItem, l.region);
      expect(l.unitPrice).toBe(row.priceUsd);
      expect(l.unit).toBe(row.unit);
      expect(l.quantity).toBeGreaterThan(0);
      expect(l.assumption).not.toBe('');
    }
  });

  it('totals the lines and compares the total with the budget', () => {
    const sum = result.lines.reduce((s, l) => s + l.monthly, 0);
    expect(result.monthlyTotal).toBeCloseTo(sum, 10);
    expect(result.budgetUsd).toBe(example.cohort.budget.limitUsd);
    expect(result.overBudget).toBe(result.monthlyTotal > example.cohort.budget.limitUsd);
    expect(result.currency).toBe('USD');
    expect(result.region).toBe(example.cohort.regions.primary);
    expect(result.pricesAsOf).toBe('2026-11-27');
    expect(result.warnings).toEqual([]);
  });

  it('states the period: the month and the days the cohort is active in it', () => {
    expect(result.period.month).toBe(example.cohort.schedule.start.slice(0, 7));
    expect(result.period.sessionDays).toBe(sessionDays(example.cohort));
    const expectedActive = 1 + sessionDays(example.cohort) + example.cohort.schedule.teardownAfterDays;
    expect(result.period.activeDays).toBe(expectedActive);
    expect(result.months).toEqual([{ month: result.period.month, total: result.monthlyTotal }]);
  });

  it('bills Athena scans as students × queries × days × GB / 1024 TB', () => {
    const r = estimate(example, { assumptions: { gbScannedPerQuery: 0.5 } });
    const students = example.cohort.students.length;
    const athena = line(r, 'Athena', 'student queries');
    expect(athena.quantity).toBeCloseTo((students * 40 * sessionDays(example.cohort) * 0.5) / 1024, 12);
    expect(athena.assumption).toContain(`${students} students × 40 queries/day × ${sessionDays(example.cohort)} days`);
  });
});

describe('estimateCohortCost on the Seoul cohort', () => {
  const result = estimate(seoul);
  const { cohort } = seoul;
  const days = sessionDays(cohort);

  it('counts ETL DPU-hours from students, runs, workers, DPU per worker and minutes', () => {
    const job = cohort.etl[0];
    if (!job) throw new Error('the Seoul example has an ETL job');
    const glue = line(result, 'Glue', `ETL ${job.name} (student copies)`);
    const expected = (cohort.students.length * 2 * days * job.maxWorkers * WORKER_DPU[job.workerType] * 5) / 60;
    expect(glue.quantity).toBeCloseTo(expected, 12);
    expect(glue.unit).toBe('DPU-hour');
    // The daily schedule keeps running on every provisioned day, not only session days.
    const scheduled = line(result, 'Glue', `ETL ${job.name} (schedule)`);
    expect(scheduled.quantity).toBeCloseTo((result.period.activeDays * job.maxWorkers * 5) / 60, 12);
  });

  it('bills crawlers at least 10 minutes a run', () => {
    const r = estimate(seoul, { assumptions: { crawlerMinutesPerRun: 1 } });
    const runs = cohort.datasets.length * (result.period.activeDays + 2 * days);
    expect(line(r, 'Glue', 'crawlers').quantity).toBeCloseTo((runs * 2 * 10) / 60, 12);
  });

  it('stores raw data at its real size and prices replicas in the backup region', () => {
    const rawBytes = Object.values(seoul.datasetBytes).reduce((a, b) => a + b, 0);
    expect(rawBytes).toBeGreaterThan(0);
    const raw = line(result, 'S3', 'raw storage (Standard)');
    expect(raw.quantity).toBeCloseTo(((rawBytes / GIB) * result.period.activeDays) / 31, 15);
    expect(raw.region).toBe('ap-northeast-2');
    expect(line(result, 'S3', 'raw replica storage (Standard)').region).toBe('ap-southeast-1');
    // With distinct prices per region, replicas take the backup region's.
    const data = rawPrices() as { rows: { item: string; region: string; priceUsd: number }[] };
    for (const row of data.rows)
      if (row.item === 's3-storage-standard' && row.region === 'ap-southeast-1') row.priceUsd = 0.5;
    const distinct = estimateCohortCost({ cohort, datasetBytes: seoul.datasetBytes, prices: parsePriceTable(data) });
    expect(line(distinct, 'S3', 'raw replica storage (Standard)').unitPrice).toBe(0.5);
    expect(line(distinct, 'S3', 'raw storage (Standard)').unitPrice).toBe(raw.unitPrice);
    const transfer = line(result, 'S3 replication', 'transfer ap-northeast-2 → ap-southeast-1');
    expect(transfer.region).toBe('ap-northeast-2');
    expect(line(result, 'S3 replication', 'Replication Time Control').quantity).toBe(transfer.quantity);
    expect(transfer.quantity).toBeGreaterThan(rawBytes / GIB);
  });

  it('adds replication and replica lines only with a backup region', () => {
    const { backup: _backup, ...regions } = cohort.regions;
    const single = estimate(seoul, { cohort: { ...cohort, regions: { ...regions, failover: false } } });
    const replicationLines = (r: CostEstimate) =>
      r.lines.filter(
        (l) => l.service === 'S3 replication' || l.item.includes('replica') || l.region === 'ap-southeast-1',
      );
    expect(replicationLines(single)).toEqual([]);
    expect(replicationLines(result).length).toBeGreaterThanOrEqual(6);
    expect(result.monthlyTotal).toBeGreaterThan(single.monthlyTotal);
    // A second KMS key and the replication alarms exist only with the backup region.
    expect(result.lines.filter((l) => l.item === 'customer managed key')).toHaveLength(2);
    expect(single.lines.filter((l) => l.item === 'customer managed key')).toHaveLength(1);
    expect(line(result, 'CloudWatch', 'alarms').quantity - line(single, 'CloudWatch', 'alarms').quantity).toBeCloseTo(
      (2 * result.period.activeDays) / 31,
      12,
    );
  });

  it('changes only the line an override is about', () => {
    const changed = estimate(seoul, { assumptions: { crawlerDpus: 4, kmsRequestsPerStudentPerDay: 50 } });
    expect(changed.lines).toHaveLength(result.lines.length);
    changed.lines.forEach((l, i) => {
      const before = result.lines[i];
      if (!before) throw new Error('same lines expected');
      expect(`${l.service} · ${l.item}`).toBe(`${before.service} · ${before.item}`);
      if (l.item === 'crawlers') expect(l.monthly).toBeCloseTo(before.monthly * 2, 12);
      else if (l.service === 'KMS' && l.item === 'requests') expect(l.monthly).toBeCloseTo(before.monthly / 4, 12);
      else expect(l.monthly).toBe(before.monthly);
    });
  });

  it('derives CloudTrail data events from the S3 requests unless told', () => {
    const trail = line(result, 'CloudTrail', 'S3 data events');
    expect(trail.quantity).toBeCloseTo((cohort.students.length * (500 + 5000) * days) / 100_000, 12);
    const told = estimate(seoul, { assumptions: { cloudTrailDataEventsPerStudentPerDay: 100 } });
    expect(line(told, 'CloudTrail', 'S3 data events').quantity).toBeCloseTo(
      (cohort.students.length * 100 * days) / 100_000,
      12,
    );
  });
});

describe('Athena billing', () => {
  it('bills at least 10 MB per query and rounds up to the MB', () => {
    expect(billedMbPerQuery(0)).toBe(10);
    expect(billedMbPerQuery(0.001)).toBe(10);
    expect(billedMbPerQuery(0.0101)).toBe(11);
    expect(billedMbPerQuery(0.5)).toBe(512);
  });

  it('applies the minimum to the example, whose dataset is far below 10 MB', () => {
    const result = estimate(seoul);
    const queries = seoul.cohort.students.length * 40 * sessionDays(seoul.cohort);
    const athena = line(result, 'Athena', 'student queries');
    expect(athena.quantity).toBeCloseTo((queries * 10) / 1024 / 1024, 15);
    expect(athena.assumption).toContain('10 MB (the per-query minimum');
  });

  it('grows with the number of students', () => {
    const few = estimate(busan);
    const many = estimate(busan, { cohort: withStudents(busan.cohort, 40) });
    const cost = (r: CostEstimate) => line(r, 'Athena', 'student queries').monthly;
    expect(cost(many)).toBeGreaterThan(cost(few));
    expect(cost(many) / cost(few)).toBeCloseTo(40 / busan.cohort.students.length, 10);
    expect(many.monthlyTotal).toBeGreaterThan(few.monthlyTotal);
  });

  it('caps the scanned size at the workgroup limit and says so', () => {
    const result = estimate(seoul, { assumptions: { gbScannedPerQuery: 50 } });
    const limit = seoul.cohort.athena.scanLimitGbPerQuery;
    const queries = seoul.cohort.students.length * 40 * sessionDays(seoul.cohort);
    expect(line(result, 'Athena', 'student queries').quantity).toBeCloseTo((queries * limit) / 1024, 12);
    expect(result.warnings.join('\n')).toMatch(/above the workgroup scan limit/);
  });
});

describe('budget', () => {
  it('flags an estimate above the budget', () => {
    const tight = estimate(busan, { cohort: { ...busan.cohort, budget: { ...busan.cohort.budget, limitUsd: 0.5 } } });
    expect(tight.monthlyTotal).toBeGreaterThan(0.5);
    expect(tight.overBudget).toBe(true);
    expect(tight.warnings.some((w) => w.includes('above the budget of $0.50'))).toBe(true);
    expect(tight.warnings.some((w) => w.includes('freeze threshold'))).toBe(true);
    expect(estimate(busan).overBudget).toBe(false);
  });

  it('prices the action-enabled budget only when the freeze action exists', () => {
    const noAction = { ...busan.cohort, budget: { ...busan.cohort.budget, freezeAtPercent: null } };
    expect(hasLine(estimate(busan), 'Budgets', 'action-enabled budget')).toBe(true);
    expect(hasLine(estimate(busan, { cohort: noAction }), 'Budgets', 'action-enabled budget')).toBe(false);
  });
});

describe('regions and data the table or caller lack', () => {
  it('uses us-east-1 prices for a region missing from the table and warns', () => {
    const cohort = { ...busan.cohort, regions: { primary: 'af-south-1', failover: false } };
    const result = estimate(busan, { cohort });
    expect(result.warnings[0]).toMatch(/no prices for af-south-1 .*used us-east-1 prices/);
    for (const l of result.lines) {
      expect(l.unitPrice).toBe(findPrice(prices, l.priceItem, 'us-east-1').row.priceUsd);
    }
  });

  it('counts a dataset without a size as empty and says so', () => {
    const result = estimateCohortCost({ cohort: seoul.cohort, datasetBytes: {}, prices });
    expect(result.warnings.join('\n')).toMatch(/dataset "taxi_trips" has no valid byte size/);
    expect(hasLine(result, 'S3', 'raw storage (Standard)')).toBe(false);
  });
});

describe('free tiers', () => {
  it('are ignored by default and subtracted when asked', () => {
    const plain = estimate(busan);
    const free = estimate(busan, { assumptions: { applyFreeTiers: true } });
    expect(line(plain, 'CloudWatch', 'dashboard').monthly).toBeGreaterThan(0);
    expect(line(free, 'CloudWatch', 'dashboard').monthly).toBe(0);
    expect(line(free, 'CloudWatch', 'dashboard').assumption).toMatch(/free tier/);
    expect(line(free, 'SNS', 'email notifications').monthly).toBe(0);
    expect(free.monthlyTotal).toBeLessThan(plain.monthlyTotal);
  });
});

describe('periods', () => {
  const spanning: ResolvedCohort = {
    ...busan.cohort,
    schedule: { ...busan.cohort.schedule, start: '2026-11-26', end: '2026-12-02' },
  };

  it('estimates the costliest month of a cohort spanning two and names the other', () => {
    const result = estimate(busan, { cohort: spanning });
    expect(result.months.map((m) => m.month)).toEqual(['2026-11', '2026-12']);
    const costliest = Math.max(...result.months.map((m) => m.total));
    expect(result.monthlyTotal).toBe(costliest);
    expect(result.warnings.join('\n')).toMatch(/2 calendar months/);
    const november = estimate(busan, { cohort: spanning, month: '2026-11' });
    expect(november.period).toMatchObject({ month: '2026-11', from: '2026-11-25', to: '2026-11-30', sessionDays: 5 });
    const december = estimate(busan, { cohort: spanning, month: '2026-12' });
    expect(december.period).toMatchObject({ from: '2026-12-01', to: '2026-12-05', sessionDays: 2 });
  });

  it('reports a month without activity as empty and rejects a malformed month', () => {
    const result = estimate(busan, { month: '2027-03' });
    expect(result.lines).toEqual([]);
    expect(result.monthlyTotal).toBe(0);
    expect(result.warnings.join('\n')).toMatch(/no resources in 2027-03/);
    expect(() => estimate(busan, { month: '2027-3' })).toThrow(/YYYY-MM/);
  });

  it('prices scheduled runs over every provisioned day', () => {
    const longer = { ...seoul.cohort, schedule: { ...seoul.cohort.schedule, teardownAfterDays: 10 } };
    const a = line(estimate(seoul), 'Glue', 'ETL clean-taxi-trips (schedule)');
    const b = line(estimate(seoul, { cohort: longer }), 'Glue', 'ETL clean-taxi-trips (schedule)');
    expect(b.quantity - a.quantity).toBeCloseTo((7 * 4 * 5) / 60, 12);
  });

  it('follows the lifecycle into Standard-IA on a long cohort and warns about minimum durations', () => {
    const long = { ...seoul.cohort, schedule: { ...seoul.cohort.schedule, start: '2026-12-01', end: '2027-02-20' } };
    const january = estimate(seoul, { cohort: long, month: '2027-01' });
    expect(hasLine(january, 'S3', 'raw storage (Standard-IA)')).toBe(true);
    expect(hasLine(january, 'S3', 'raw replica storage (Standard-IA)')).toBe(true);
    expect(january.warnings.join('\n')).toMatch(/minimum-duration charges/);
  });

  it('warns when the prices are much older than the cohort', () => {
    const later = { ...busan.cohort, schedule: { ...busan.cohort.schedule, start: '2027-09-01', end: '2027-09-02' } };
    expect(estimate(busan, { cohort: later }).warnings.join('\n')).toMatch(/workshop prices refresh/);
  });
});
