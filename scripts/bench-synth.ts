/**
 * Benchmark: synthesis time and peak memory (RSS) for 1 cohort and for 50 cohorts of 30 students, each measured in
 * fresh processes (cold: from process start, tsx and module loading included) and within one process (synthesize()
 * alone, modules loaded), with the app's deep imports, with the naive baseline that loads the `@cdktf/provider-aws`
 * package root, and with a fully naive one that also synthesizes the way cdktf does out of the box. The children load TypeScript as `npx workshop` does (tsx's ES-module loader,
 * bin/workshop.js). Every figure is the median of REPEATS processes.
 * Run with `npx tsx scripts/bench-synth.ts [REPEATS]` (default 3).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ChildReport, ChildRun } from './bench/synth-report.ts';
import { STUDENTS_PER_COHORT } from './bench/synth-report.ts';

const ROOT = resolve(import.meta.dirname, '..');
const CHILD = join(ROOT, 'scripts/bench/synth-child.ts');
const CLI = join(ROOT, 'bin/workshop.js');
const COLD_TARGET_MS = 5000;
const RATIO_TARGET = 5;

/**
 * deep: the product. root: the naive baseline, the same code after loading the provider package root.
 * stock: fully naive, the root import and cdktf's stock synthesis (scripts/bench/stock-synthesis.ts).
 */
type Imports = 'deep' | 'root' | 'stock';

function child(imports: Imports, runs: readonly number[], outRoot: string): ChildReport {
  const result = spawnSync(process.execPath, ['--import', 'tsx/esm', CHILD, imports, runs.join(','), outRoot], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = result.stdout.trim().split('\n').pop() ?? '';
  if (result.status !== 0 || !line.startsWith('{')) {
    throw new Error(`benchmark child (${imports} ${runs.join(',')}) failed:\n${result.stderr}`);
  }
  return JSON.parse(line) as ChildReport;
}

/** Wall-clock time of `workshop synth` on the repository's own cohorts: the whole command, as CI runs it. */
function cliSynthMs(outRoot: string): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, [CLI, 'synth', '--out', join(outRoot, 'cli')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`workshop synth failed:\n${result.stdout}${result.stderr}`);
  return ms;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

interface Figure {
  readonly ms: number;
  readonly rssMb: number;
}

function figure(runs: readonly ChildRun[], time: (run: ChildRun) => number): Figure {
  return { ms: median(runs.map(time)), rssMb: median(runs.map((r) => r.peakRssMb)) };
}

function runAt(report: ChildReport, index: number): ChildRun {
  const run = report.runs[index];
  if (run === undefined) throw new Error(`benchmark child reported ${report.runs.length} runs, expected ${index + 1}`);
  return run;
}

interface Measured {
  readonly cold1: Figure;
  readonly cold50: Figure;
  readonly one1: Figure;
  readonly one50: Figure;
  readonly importMs: number;
  readonly startupMs: number;
}

/**
 * Every figure of each mode, REPEATS times. The modes take turns within each round, so a slow moment of the
 * machine falls on all of them alike; one unmeasured round first warms tsx's transform cache and the file cache.
 */
function measure(modes: readonly Imports[], repeats: number, outRoot: string): Map<Imports, Measured> {
  for (const imports of modes) child(imports, [1], outRoot);
  const rounds = Array.from({ length: repeats }, () =>
    modes.map((imports) => ({
      cold1: runAt(child(imports, [1], outRoot), 0),
      cold50: runAt(child(imports, [50], outRoot), 0),
      inProcess: child(imports, [1, 50], outRoot),
    })),
  );
  return new Map(
    modes.map((imports, m) => {
      const runs = rounds.map((round) => round[m] ?? raise(`no round for ${imports}`));
      const inProcess = runs.map((r) => r.inProcess);
      const measured: Measured = {
        cold1: figure(
          runs.map((r) => r.cold1),
          (r) => r.sinceStartMs,
        ),
        cold50: figure(
          runs.map((r) => r.cold50),
          (r) => r.sinceStartMs,
        ),
        one1: figure(
          inProcess.map((r) => runAt(r, 0)),
          (r) => r.synthMs,
        ),
        one50: figure(
          inProcess.map((r) => runAt(r, 1)),
          (r) => r.synthMs,
        ),
        importMs: median(inProcess.map((r) => r.importMs)),
        startupMs: median(inProcess.map((r) => r.startupMs)),
      };
      return [imports, measured] as const;
    }),
  );
}

function raise(message: string): never {
  throw new Error(message);
}

const ms = (value: number) => `${Math.round(value).toLocaleString('en-US')} ms`;
const mb = (value: number) => `${Math.round(value)} MB`;
const cell = (f: Figure) => `${ms(f.ms).padStart(9)} ${mb(f.rssMb).padStart(7)}`;
const ratio = (naive: number, ours: number) => `${(naive / ours).toFixed(1)}×`;

const repeats = Number(process.argv[2] ?? 3);
if (!Number.isInteger(repeats) || repeats < 1) throw new Error('REPEATS must be a positive integer');
const outRoot = mkdtempSync(join(tmpdir(), 'bench-synth-'));
try {
  const measured = measure(['deep', 'root', 'stock'], repeats, outRoot);
  const of = (imports: Imports) => measured.get(imports) ?? raise(`${imports} was not measured`);
  const [deep, root, stock] = [of('deep'), of('root'), of('stock')];
  const cli = median(Array.from({ length: repeats }, () => cliSynthMs(outRoot)));
  const out = process.stdout;
  out.write(
    `synth: cohorts of ${STUDENTS_PER_COHORT} students (the Seoul example: backup region, dataset, ETL), ` +
      `median of ${repeats} processes, Node ${process.version}\n`,
  );
  out.write(
    `${''.padEnd(24)}${'deep imports'.padStart(17)}   ${'root import'.padStart(17)}   ${'root + stock cdktf'.padStart(18)}   speed-up\n`,
  );
  const rows = [
    ['cold, 1 cohort', deep.cold1, root.cold1, stock.cold1],
    ['cold, 50 cohorts', deep.cold50, root.cold50, stock.cold50],
    ['one process, 1 cohort', deep.one1, root.one1, stock.one1],
    ['one process, 50 cohorts', deep.one50, root.one50, stock.one50],
  ] as const;
  for (const [label, ours, naive, fullyNaive] of rows) {
    out.write(
      `${label.padEnd(24)}${cell(ours)}   ${cell(naive)}   ${cell(fullyNaive).padStart(18)}   ` +
        `${ratio(naive.ms, ours.ms)} / ${ratio(fullyNaive.ms, ours.ms)}\n`,
    );
  }
  out.write(
    `${'module loading'.padEnd(24)}${ms(deep.importMs).padStart(17)}   ${ms(root.importMs).padStart(17)}   ${ms(stock.importMs).padStart(18)}   ${ratio(root.importMs, deep.importMs)}\n`,
  );
  out.write(
    `${'node + tsx start'.padEnd(24)}${ms(deep.startupMs).padStart(17)}   ${ms(root.startupMs).padStart(17)}   ${ms(stock.startupMs).padStart(18)}\n`,
  );
  out.write(`${'workshop synth (CLI)'.padEnd(24)}${ms(cli).padStart(9)}   the example cohorts, guardrails included\n`);
  const coldOk = deep.cold50.ms < COLD_TARGET_MS;
  out.write(
    `target: 50 cohorts cold under ${ms(COLD_TARGET_MS)}: ${coldOk ? 'met' : 'MISSED'} (${ms(deep.cold50.ms)})\n`,
  );
  // Against the same synthesis with the root import, the import is a fixed cost per process (about 2 s): the ratio
  // is largest for the cold start of one cohort (a pull request's plan) and falls as synthesis grows.
  const verdict = (naive: Figure, ours: Figure) =>
    `${ratio(naive.ms, ours.ms)} ${naive.ms / ours.ms >= RATIO_TARGET ? 'met' : 'MISSED'}`;
  out.write(
    `target: ≥${RATIO_TARGET}× faster, cold, 1 / 50 cohorts: against the root import ` +
      `${verdict(root.cold1, deep.cold1)} / ${verdict(root.cold50, deep.cold50)}; ` +
      `against the root import with stock cdktf ${verdict(stock.cold1, deep.cold1)} / ${verdict(stock.cold50, deep.cold50)}\n`,
  );
  if (!coldOk || root.cold1.ms / deep.cold1.ms < RATIO_TARGET) process.exitCode = 1;
} finally {
  rmSync(outRoot, { recursive: true, force: true });
}
