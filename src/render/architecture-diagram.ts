/**
 * A Mermaid flowchart of one cohort's architecture, drawn from the cohort file (not the plan), so reviewers see
 * what the workshop will look like: buckets, crawlers, catalog, ETL jobs, workgroups, backup region, replication.
 */
import type { ResolvedCohort } from '../cohort/schema.ts';

/** Mermaid labels are quoted; inside quotes only `"` and `#` need entity codes, and `<`/`>` would become HTML. */
function label(text: string): string {
  const escaped = text
    .replaceAll('#', '#35;')
    .replaceAll('"', '#quot;')
    .replaceAll('<', '#lt;')
    .replaceAll('>', '#gt;');
  return `"${escaped}"`;
}

/** Node ids are derived from validated names, but are still reduced to a safe alphabet. */
function nodeId(...parts: string[]): string {
  return parts.join('_').replace(/[^A-Za-z0-9_]/g, '_');
}

function describeSchedule(cron: string): string {
  const match = /^cron\((\d+) (\d+) \* \* \? \*\)$/.exec(cron);
  if (!match) return cron;
  const [, minute = '0', hour = '0'] = match;
  return `daily ${hour.padStart(2, '0')}:${minute.padStart(2, '0')} UTC`;
}

export function architectureDiagram(cohort: ResolvedCohort): string {
  const lines: string[] = ['flowchart LR'];
  const add = (line: string, depth = 1) => lines.push(`${'  '.repeat(depth)}${line}`);
  const { primary, backup, failover } = cohort.regions;
  const workgroups = cohort.students.length + 1;

  add(`subgraph primary[${label(`${primary} · primary`)}]`);
  add(`raw[(${label('raw')})]`, 2);
  add(`processed[(${label('processed')})]`, 2);
  add(`results[(${label(`results · ${cohort.athena.resultRetentionDays} days`)})]`, 2);
  add(`catalog[[${label('Glue Data Catalog')}]]`, 2);
  add(`athena[${label(`Athena · ${workgroups} workgroups · ${cohort.athena.scanLimitGbPerQuery} GB/query limit`)}]`, 2);
  for (const dataset of cohort.datasets) {
    const id = nodeId('crawler', dataset.name);
    add(`${id}{{${label(`crawler ${dataset.name} · ${describeSchedule(cohort.crawler.schedule)}`)}}}`, 2);
    add(`raw --> ${id} --> catalog`, 2);
  }
  for (const job of cohort.etl) {
    const id = nodeId('etl', job.name);
    const copies = `${cohort.students.length} student ${cohort.students.length === 1 ? 'copy' : 'copies'}`;
    add(`${id}[${label(`ETL ${job.name} · ${job.workerType} ≤${job.maxWorkers} · ${copies}`)}]`, 2);
    add(`raw --> ${id} --> processed`, 2);
  }
  add('catalog --> athena', 2);
  add('processed --> athena --> results', 2);
  add('end');

  if (backup !== undefined) {
    add(`subgraph backup[${label(`${backup} · backup`)}]`);
    add(`raw_replica[(${label('raw replica')})]`, 2);
    add(`processed_replica[(${label('processed replica')})]`, 2);
    if (failover) {
      add(`catalog_failover[[${label('Glue Data Catalog · failover')}]]`, 2);
      add(`athena_failover[${label(`Athena · ${workgroups} workgroups · failover`)}]`, 2);
      add('raw_replica --> catalog_failover --> athena_failover', 2);
      add('processed_replica --> athena_failover', 2);
    }
    add('end');
    add(`raw -.->|${label('replication · 15 min RTC')}| raw_replica`);
    add(`processed -.->|${label('replication · 15 min RTC')}| processed_replica`);
  }
  return `${lines.join('\n')}\n`;
}

/** The diagram as a fenced block GitHub renders. */
export function architectureDiagramBlock(cohort: ResolvedCohort): string {
  return `\`\`\`mermaid\n${architectureDiagram(cohort)}\`\`\`\n`;
}
