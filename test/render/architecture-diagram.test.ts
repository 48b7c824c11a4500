// @vitest-environment jsdom
import mermaid from 'mermaid';
import { describe, expect, it } from 'vitest';
import { Cohort, type ResolvedCohort } from '../../src/cohort/schema.ts';
import { architectureDiagram, architectureDiagramBlock } from '../../src/render/architecture-diagram.ts';

function cohort(overrides: Record<string, unknown> = {}): ResolvedCohort {
  const parsed = Cohort.parse({
    id: 'demo-2026-12',
    title: 'Demo',
    owner: 'jkim',
    schedule: { start: '2026-12-07', end: '2026-12-09' },
    regions: { primary: 'ap-northeast-2' },
    budget: { limitUsd: 100 },
    instructors: [{ name: 'J', email: 'j@example.com' }],
    students: [
      { id: 's01', name: 'A', email: 'a@example.com' },
      { id: 's02', name: 'B', email: 'b@example.com' },
    ],
    ...overrides,
  });
  return { ...parsed, students: parsed.students ?? [] };
}

const full = cohort({
  regions: { primary: 'ap-northeast-2', backup: 'ap-southeast-1', failover: true },
  datasets: [
    { name: 'taxi_trips', source: 'a.csv', format: 'csv' },
    { name: 'weather', source: 'b.json', format: 'json' },
  ],
  etl: [{ name: 'clean-taxi-trips', script: 'x.py', maxWorkers: 4 }],
});

describe('architectureDiagram', () => {
  it('parses with Mermaid for a minimal cohort and for one with every part', async () => {
    for (const c of [cohort(), full]) {
      await expect(mermaid.parse(architectureDiagram(c))).resolves.toBeTruthy();
    }
    // The parser really checks: the same diagram with an unbalanced shape is rejected.
    await expect(mermaid.parse(architectureDiagram(full).replace('raw[(', 'raw[(('))).rejects.toThrow(/Parse error/);
  });

  it('draws a crawler per dataset, the ETL jobs and the workgroup count', () => {
    const text = architectureDiagram(full);
    expect(text).toContain('crawler taxi_trips · daily 01:00 UTC');
    expect(text).toContain('crawler weather');
    expect(text).toContain('ETL clean-taxi-trips · G.1X ≤4 · 2 student copies');
    expect(text).toContain('Athena · 3 workgroups · 10 GB/query limit');
  });

  it('draws the backup region and replication only when a backup region is set', () => {
    expect(architectureDiagram(cohort())).not.toContain('backup');
    const text = architectureDiagram(full);
    expect(text).toContain('ap-southeast-1 · backup');
    expect(text).toMatch(/raw -\.->\|"replication[^"]*"\| raw_replica/);
    expect(text).toContain('Glue Data Catalog · failover');
  });

  it('shows a custom crawler schedule as written', () => {
    const text = architectureDiagram(
      cohort({
        crawler: { schedule: 'cron(15 10 ? * MON-FRI *)' },
        datasets: [{ name: 'taxi_trips', source: 'a.csv', format: 'csv' }],
      }),
    );
    expect(text).toContain('cron(15 10 ? * MON-FRI *)');
  });

  it('wraps the diagram in a mermaid fence', () => {
    expect(architectureDiagramBlock(cohort())).toMatch(/^```mermaid\nflowchart LR\n[\s\S]*```\n$/);
  });
});
