/**
 * One measured process of the synthesis benchmark (spawned by scripts/bench-synth.ts as
 * `node --import tsx/esm scripts/bench/synth-child.ts MODE RUNS OUT_DIR`): loads the app's modules the product's way
 * ("deep"), or after the provider package root ("root"), or after the root and synthesizing with cdktf's stock
 * synthesis ("stock"); then synthesizes each count of cohorts in RUNS (for example "1,50") in turn, and prints its
 * own timings and peak memory as one JSON line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type ChildReport, type ChildRun, STUDENTS_PER_COHORT } from './synth-report.ts';

const [imports = 'deep', runsArg = '1', outRoot = '.'] = process.argv.slice(2);
const counts = runsArg.split(',').map(Number);

const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

// Time since this process started: node bootstrap and the tsx loader are part of a cold start.
const started = performance.now();
if (imports === 'root' || imports === 'stock') {
  const { loadProviderRoot } = await import('./naive-root-import.ts');
  await loadProviderRoot();
}
const { synthesize } =
  imports === 'stock'
    ? { synthesize: (await import('./stock-synthesis.ts')).stockSynthesize }
    : await import('../../terraform-cdk/synth.ts');
const { benchCohorts, benchSettings, WORKSHOPS_DIR } = await import('./synth-workload.ts');
const loaded = performance.now();

const settings = benchSettings();
const runs: ChildRun[] = [];
for (const count of counts) {
  const cohorts = benchCohorts(count, STUDENTS_PER_COHORT);
  const outDir = mkdtempSync(join(outRoot, `synth-${count}-`));
  const start = performance.now();
  const { stacks } = synthesize({ settings, cohorts, outDir, cohortDir: WORKSHOPS_DIR });
  const end = performance.now();
  rmSync(outDir, { recursive: true, force: true });
  runs.push({ cohorts: count, stacks: stacks.length, synthMs: end - start, sinceStartMs: end, peakRssMb: peakRssMb() });
}

const report: ChildReport = { imports, startupMs: started, importMs: loaded - started, runs };
process.stdout.write(`${JSON.stringify(report)}\n`);
