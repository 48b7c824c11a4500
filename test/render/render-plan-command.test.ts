import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../scripts/workshop.ts';
import { FIXTURE_DIR, fixtureJson, SECRET } from '../plan/plan-fixtures.ts';

async function runWith(env: Record<string, string>, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    cwd: process.cwd(),
    env,
  });
  return { code, stdout, stderr };
}

const run = (...argv: string[]) => runWith({}, ...argv);
const digestOf = (stdout: string) => /<sub>plan digest `([0-9a-f]{64})`<\/sub>/.exec(stdout)?.[1];

describe('workshop render-plan', () => {
  it('renders each file, titled by its name without .json, with its digest', async () => {
    const result = await run(
      'render-plan',
      join(FIXTURE_DIR, 'requires-replace.json'),
      '../shared/fixtures/terraform-show-json/sensitive-values.json',
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('### `requires-replace`\n\n`Plan: 1 to add, 0 to change, 1 to destroy.`');
    expect(result.stdout).toContain('### `sensitive-values`');
    expect(result.stdout).toMatch(/<sub>plan digest `[0-9a-f]{64}`<\/sub>/);
    expect(result.stdout).not.toContain(SECRET);
  });

  it('reports a file that is missing, not JSON or not a plan in one line, renders the rest, exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'render-plan-'));
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"format_version": "1.0", "resource_changes": [ boop ]}');
    const result = await run(
      'render-plan',
      broken,
      'package.json',
      join(dir, 'missing.json'),
      join(FIXTURE_DIR, 'moved.json'),
    );
    expect(result.code).toBe(1);
    const lines = result.stderr.trimEnd().split('\n');
    // The "b" of boop is the 49th character of the line.
    expect(lines).toEqual([
      `workshop render-plan: ${broken}: not JSON: syntax error at line 1, column 49; expected the output of \`terraform show -json PLANFILE\``,
      'workshop render-plan: package.json: not a Terraform plan: no "format_version"; expected the output of `terraform show -json PLANFILE`',
      `workshop render-plan: ${join(dir, 'missing.json')}: no such file`,
    ]);
    expect(result.stderr).not.toContain(SECRET);
    expect(result.stdout).toContain('### `moved`');
  });

  it('exits 1 when a plan it rendered failed, as `workshop plan` does, and says so in --help', async () => {
    const failed = await run('render-plan', join(FIXTURE_DIR, 'moved.json'), join(FIXTURE_DIR, 'plan-error.json'));
    expect(failed.code).toBe(1);
    expect(failed.stderr).toBe('');
    expect(failed.stdout).toContain('### `moved`');
    expect(failed.stdout).toContain('**Plan failed.**');
    // An error diagnostic alone (Terraform's -json output carried into the plan) fails the plan too.
    const dir = mkdtempSync(join(tmpdir(), 'render-plan-'));
    const withDiagnostic = join(dir, 'diagnostic.json');
    const plan = {
      ...fixtureJson('basic-create.json'),
      diagnostics: [{ severity: 'error', summary: 'Invalid region' }],
    };
    writeFileSync(withDiagnostic, JSON.stringify(plan));
    expect((await run('render-plan', withDiagnostic)).code).toBe(1);
    expect((await run('render-plan', join(FIXTURE_DIR, 'basic-create.json'))).code).toBe(0);
    const help = await run('render-plan', '--help');
    expect(help.stdout).toContain('Exit status: 0 every plan rendered and none failed; 1 a plan failed');
  });

  it('seals sensitive values into the digest with WORKSHOP_PLAN_DIGEST_KEY, and refuses a short key', async () => {
    const file = join(FIXTURE_DIR, 'sensitive-values.json');
    const key = { WORKSHOP_PLAN_DIGEST_KEY: 'k'.repeat(40) };
    const [plain, sealed, again] = await Promise.all([
      run('render-plan', file),
      runWith(key, 'render-plan', file),
      runWith(key, 'render-plan', file),
    ]);
    expect(sealed.code).toBe(0);
    expect(digestOf(sealed.stdout)).toBeDefined();
    expect(digestOf(sealed.stdout)).toBe(digestOf(again.stdout));
    expect(digestOf(sealed.stdout)).not.toBe(digestOf(plain.stdout));
    expect(sealed.stdout).not.toContain(key.WORKSHOP_PLAN_DIGEST_KEY);

    const short = await runWith({ WORKSHOP_PLAN_DIGEST_KEY: 'short' }, 'render-plan', file);
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/WORKSHOP_PLAN_DIGEST_KEY is 5 characters; it needs at least 32/);
    expect(short.stderr).not.toContain('short');
  });

  it('asks for at least one file, and prints help', async () => {
    const none = await run('render-plan');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/expected at least one FILE/);
    const help = await run('render-plan', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: workshop render-plan FILE\.\.\./);
  });
});
