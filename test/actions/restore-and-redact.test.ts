import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SENSITIVE_CHANGED_MARKER } from '../../src/github/redact-plan-json.ts';
import { planDigest } from '../../src/plan/plan-digest.ts';
import { parsePlanText } from '../../src/plan/read-plan.ts';
import { MIN_DIGEST_KEY_LENGTH, sensitiveSeal } from '../../src/plan/sensitive-seal.ts';
import { TempGitRepo } from '../github/temp-git-repo.ts';
import { fixtureText, SECRET } from '../plan/plan-fixtures.ts';
import { runAction } from './run-action.ts';

describe('actions/restore-deleted', () => {
  const repo = new TempGitRepo();
  afterAll(() => repo.dispose());

  it('restores what the change deleted under workshops/ and lists it', async () => {
    repo.write('workshops/gone.yaml', 'id: gone\n');
    const base = repo.commit('base');
    repo.remove('workshops/gone.yaml');
    const head = repo.commit('head');
    const result = await runAction(() => import('../../actions/restore-deleted/main.ts'), {
      action: 'restore-deleted',
      inputs: { base, head },
      cwd: repo.root,
    });
    expect(result.failed).toBe(false);
    expect(result.outputs.restored).toBe('["workshops/gone.yaml"]');
    expect(readFileSync(path.join(repo.root, 'workshops/gone.yaml'), 'utf8')).toBe('id: gone\n');
  });
});

describe('actions/redact-plan', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'redact-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const load = () => import('../../actions/redact-plan/main.ts');

  it('writes a copy without the secret', async () => {
    const input = path.join(dir, 'raw.json');
    const output = path.join(dir, 'out/seoul.json');
    writeFileSync(input, fixtureText('sensitive-values.json'));
    const result = await runAction(load, { action: 'redact-plan', inputs: { 'plan-json': input, output } });
    expect(result.failed).toBe(false);
    const text = readFileSync(output, 'utf8');
    expect(text).not.toContain(SECRET);
    expect(text).toContain(SENSITIVE_CHANGED_MARKER);
  });

  it('with digest-key, writes each sensitive value as its seal, masks the key and keeps the digest the gate computes', async () => {
    const input = path.join(dir, 'raw-sealed.json');
    const output = path.join(dir, 'out/sealed.json');
    writeFileSync(input, fixtureText('sensitive-values.json'));
    const key = 'k'.repeat(MIN_DIGEST_KEY_LENGTH);
    const result = await runAction(load, {
      action: 'redact-plan',
      inputs: { 'plan-json': input, output, 'digest-key': key },
    });
    expect(result.failed).toBe(false);
    expect(result.commands).toContain(`::add-mask::${key}`);
    const text = readFileSync(output, 'utf8');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(key);
    const seal = sensitiveSeal(key);
    expect(planDigest(parsePlanText(text))).toBe(
      planDigest(parsePlanText(fixtureText('sensitive-values.json'), { seal })),
    );
  });

  it('refuses JSON that is not a plan, and writes nothing', async () => {
    const input = path.join(dir, 'not-a-plan.json');
    writeFileSync(input, '[1, 2]');
    const output = path.join(dir, 'never-a-plan.json');
    const result = await runAction(load, { action: 'redact-plan', inputs: { 'plan-json': input, output } });
    expect(result.failed).toBe(true);
    expect(result.commands.join('\n')).toContain('not a Terraform plan: found an array');
    expect(existsSync(output)).toBe(false);
  });

  it('says which file is missing and what writes it', async () => {
    const input = path.join(dir, 'absent.json');
    const result = await runAction(load, { action: 'redact-plan', inputs: { 'plan-json': input, output: 'x.json' } });
    expect(result.failed).toBe(true);
    expect(result.commands.join('\n')).toContain(
      `${input} is missing: write it with \`terraform show -json PLANFILE\``,
    );
  });

  it('fails without quoting a file that is not JSON', async () => {
    const input = path.join(dir, 'broken.json');
    writeFileSync(input, `{"password": "${SECRET}" oops`);
    const output = path.join(dir, 'never.json');
    const result = await runAction(load, { action: 'redact-plan', inputs: { 'plan-json': input, output } });
    expect(result.failed).toBe(true);
    expect(result.commands.join('\n')).not.toContain(SECRET);
    expect(existsSync(output)).toBe(false);
  });
});
