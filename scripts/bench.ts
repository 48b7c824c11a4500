/** `npm run bench`: every benchmark in turn, each in its own process so none warms the next. */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const BENCHES = ['scripts/bench-validate.ts', 'scripts/bench-synth.ts', 'scripts/bench-render.ts'];

let failed = false;
for (const bench of BENCHES) {
  console.log(`\n== ${bench}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', bench], { cwd: ROOT, stdio: 'inherit' });
  failed ||= result.status !== 0;
}
process.exitCode = failed ? 1 : 0;
