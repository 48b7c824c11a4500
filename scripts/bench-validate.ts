/**
 * Benchmark: validation time of one cohort file, for an ordinary file and for pathological ones at the size limit
 * (deep nesting, an alias bomb, thousands of duplicate keys, 500 students). Each input is validated in a fresh
 * temporary repository; prints the best and median of several runs. Run with `npx tsx scripts/bench-validate.ts [RUNS]`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadRepository } from '../src/cohort/repository.ts';
import { MAX_YAML_BYTES } from '../src/cohort/yaml-file.ts';

const runs = Number(process.argv[2] ?? 7);
const SETTINGS = `namePrefix: acme-ws
state: { bucket: acme-workshops-terraform-state, region: us-east-1 }
github:
  repository: acme/workshop-gitops
  planRoleArn: arn:aws:iam::123456789012:role/workshop-gitops-plan
  applyRoleArn: arn:aws:iam::123456789012:role/workshop-gitops-apply
`;
const HEAD = `id: bench-cohort
title: Bench
owner: jkim
schedule: { start: 2026-12-07, end: 2026-12-09 }
regions: { primary: ap-northeast-2 }
budget: { limitUsd: 100 }
instructors: [{ name: J, email: j@example.com }]
`;
const fill = (unit: string) => unit.repeat(Math.floor((MAX_YAML_BYTES - HEAD.length - 64) / unit.length));

const INPUTS: Record<string, string> = {
  'ordinary (30 students)': `${HEAD}students:\n${Array.from({ length: 30 }, (_, i) => `  - { id: s${i}, name: S ${i}, email: s${i}@example.com }\n`).join('')}`,
  '500 students': `${HEAD}students:\n${Array.from({ length: 500 }, (_, i) => `  - { id: s${i}, name: S ${i}, email: s${i}@example.com }\n`).join('')}`,
  'deep nesting at the size limit': `${HEAD}tags: ${'['.repeat(MAX_YAML_BYTES / 4)}`,
  'alias bomb': `${HEAD}a: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from(
    { length: 9 },
    (_, i) =>
      `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
        .fill(`*${String.fromCharCode(97 + i)}`)
        .join(', ')}]\n`,
  ).join('')}`,
  'duplicate keys at the size limit': `${HEAD}tags:\n${fill('  k: v\n')}`,
  'unknown keys at the size limit':
    `${HEAD}${Array.from({ length: 4000 }, (_, i) => `studnets${i}: 1\n`).join('')}`.slice(0, MAX_YAML_BYTES),
};

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
}

async function time(text: string): Promise<{ ms: number; problems: number }> {
  const root = mkdtempSync(join(tmpdir(), 'bench-validate-'));
  try {
    mkdirSync(join(root, 'workshops'));
    writeFileSync(join(root, 'workshops/_settings.yaml'), SETTINGS);
    writeFileSync(join(root, 'workshops/bench-cohort.yaml'), text);
    const start = performance.now();
    const { problems } = await loadRepository(root, { now: new Date('2026-11-01T00:00:00Z') });
    return { ms: performance.now() - start, problems: problems.length };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

console.log(`validation of one cohort file, ${runs} runs each (max file size ${MAX_YAML_BYTES / 1024} KiB)`);
for (const [name, text] of Object.entries(INPUTS)) {
  await time(text); // warm-up
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await time(text));
  const ms = results.map((r) => r.ms);
  console.log(
    `  ${name.padEnd(34)} ${(text.length / 1024).toFixed(0).padStart(4)} KiB  best ${Math.min(...ms)
      .toFixed(1)
      .padStart(6)} ms  median ${median(ms).toFixed(1).padStart(6)} ms  (${results[0]?.problems} problems)`,
  );
}
