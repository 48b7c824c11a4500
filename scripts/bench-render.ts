/**
 * Benchmark: a generated plan of 20,000 resource changes, read, rendered and split into review comments.
 * Prints the best and median wall time of several runs and the comments it produced. Run with
 * `npx tsx scripts/bench-render.ts [CHANGES] [RUNS]`.
 */
import { performance } from 'node:perf_hooks';
import { planDigest } from '../src/plan/plan-digest.ts';
import { parsePlanText } from '../src/plan/read-plan.ts';
import { syntheticPlan } from '../src/plan/synthetic-plan.ts';
import { planSections } from '../src/render/plan-details.ts';
import { GITHUB_COMMENT_LIMIT, splitComment } from '../src/render/split-comment.ts';

const changes = Number(process.argv[2] ?? 20_000);
const runs = Number(process.argv[3] ?? 7);

interface Run {
  readonly read: number;
  readonly render: number;
  readonly split: number;
  readonly total: number;
  readonly comments: readonly string[];
}

function once(text: string): Run {
  const start = performance.now();
  const plan = parsePlanText(text);
  planDigest(plan);
  const read = performance.now();
  const sections = planSections('bench-cohort', plan);
  const rendered = performance.now();
  const comments = splitComment(sections, { marker: (part) => `<!-- workshop-plan:bench part=${part} -->` });
  const end = performance.now();
  return { read: read - start, render: rendered - read, split: end - rendered, total: end - start, comments };
}

function stats(values: readonly number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  return `best ${(sorted[0] ?? Number.NaN).toFixed(0)} ms, median ${median.toFixed(0)} ms`;
}

const text = JSON.stringify(syntheticPlan(changes));
const results = Array.from({ length: runs }, () => once(text));
const last = results[results.length - 1];
if (!last) throw new Error('RUNS must be at least 1');

const out = process.stdout;
out.write(
  `render ${changes.toLocaleString('en-US')} changes (${(text.length / 1e6).toFixed(1)} MB of plan JSON), ${runs} runs\n`,
);
out.write(`  total (read + digest + render + split): ${stats(results.map((r) => r.total))}\n`);
out.write(`  read + digest:                         ${stats(results.map((r) => r.read))}\n`);
out.write(`  render sections:                       ${stats(results.map((r) => r.render))}\n`);
out.write(`  split into comments:                   ${stats(results.map((r) => r.split))}\n`);
const sizes = last.comments.map((comment) => comment.length);
out.write(`  comments: ${sizes.length}, sizes ${sizes.join(', ')} (limit ${GITHUB_COMMENT_LIMIT})\n`);
if (sizes.some((size) => size > GITHUB_COMMENT_LIMIT)) {
  out.write('  FAIL: a comment is over the limit\n');
  process.exitCode = 1;
}
