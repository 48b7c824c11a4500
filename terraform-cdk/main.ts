/**
 * The cdktf app entry (`cdktf.json`: `npx tsx terraform-cdk/main.ts`), for `cdktf synth` and friends: loads the
 * repository's cohorts and synthesizes every stack into `CDKTF_OUTDIR` (default `cdktf.out`). The `workshop synth`
 * command is the usual door; both end in `synthesize()`.
 */
import { join } from 'node:path';
import { loadRepository } from '../src/cohort/repository.ts';
import { SynthesisError, synthesize } from './synth.ts';

const root = process.cwd();
const repository = await loadRepository(root);
const errors = repository.problems.filter((p) => p.severity === 'error');
if (errors.length > 0 || repository.settings === undefined) {
  for (const p of errors) process.stderr.write(`${p.file}:${p.line}:${p.column}: error: ${p.message}\n`);
  if (repository.settings === undefined) process.stderr.write('workshops/_settings.yaml: missing or invalid\n');
  process.exit(1);
}
try {
  synthesize({
    settings: repository.settings,
    cohorts: repository.cohorts.map((c) => c.cohort),
    outDir: process.env.CDKTF_OUTDIR ?? join(root, 'cdktf.out'),
    cohortDir: join(root, 'workshops'),
  });
} catch (error) {
  if (!(error instanceof SynthesisError)) throw error;
  process.stderr.write(`synth: ${error.message}\n`);
  process.exit(1);
}
