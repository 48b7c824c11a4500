import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../scripts/workshop.ts';
import { FIXTURE_DIR, SECRET } from '../plan/plan-fixtures.ts';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    cwd: process.cwd(),
    env: {},
  });
  return { code, stdout, stderr };
}

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

  it('asks for at least one file, and prints help', async () => {
    const none = await run('render-plan');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/expected at least one FILE/);
    const help = await run('render-plan', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: workshop render-plan FILE\.\.\./);
  });
});
