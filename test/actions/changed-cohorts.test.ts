import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TempGitRepo } from '../github/temp-git-repo.ts';
import { runAction } from './run-action.ts';
import { BUSAN, SEOUL, workshopsRepo } from './temp-workshops-repo.ts';

const load = () => import('../../actions/changed-cohorts/main.ts');

describe('actions/changed-cohorts', () => {
  let repo: TempGitRepo;
  let base: string;
  beforeEach(() => {
    repo = workshopsRepo();
    repo.write('src/cohort/names.ts', '// names\n');
    base = repo.commit('base');
  });
  afterEach(() => repo.dispose());

  const run = (inputs: Record<string, string>) =>
    runAction(load, {
      action: 'changed-cohorts',
      inputs,
      cwd: repo.root,
    });

  it('plans the cohort a change edits, with the roles and region from the settings', async () => {
    repo.write(BUSAN, `# a comment\n${repo.git('show', `HEAD:${BUSAN}`)}`);
    const head = repo.commit();
    const result = await run({ base, head });
    expect(result.failed).toBe(false);
    expect(result.outputs).toEqual({
      targets: JSON.stringify([{ id: 'busan-intro-2026-12', action: 'plan' }]),
      any: 'true',
      everything: '',
      'plan-role-arn': 'arn:aws:iam::123456789012:role/workshop-gitops-plan',
      'apply-role-arn': 'arn:aws:iam::123456789012:role/workshop-gitops-apply',
      'state-region': 'us-east-1',
    });
    expect(result.summary).toContain('`busan-intro-2026-12` | plan');
  });

  it('plans the destroy of a deleted cohort and every cohort after a change under src/', async () => {
    repo.remove(SEOUL);
    repo.write('src/cohort/names.ts', '// names v2\n');
    const head = repo.commit();
    const result = await run({ base, head });
    expect(JSON.parse(result.outputs.targets ?? '')).toEqual([
      { id: 'busan-intro-2026-12', action: 'plan' },
      { id: 'seoul-data-eng-2026-12', action: 'destroy' },
    ]);
    expect(result.outputs.everything).toBe('src/cohort/names.ts');
  });

  it("says 'false' when nothing a cohort uses changed", async () => {
    repo.write('README.md', 'docs\n');
    const head = repo.commit();
    const result = await run({ base, head });
    expect(result.outputs).toMatchObject({ targets: '[]', any: 'false' });
  });

  it('takes the cohort of a manual run instead of a diff', async () => {
    const result = await run({ cohort: 'seoul-data-eng-2026-12' });
    expect(result.outputs.targets).toBe(JSON.stringify([{ id: 'seoul-data-eng-2026-12', action: 'plan' }]));
  });

  it.each([
    ['an unknown cohort', { cohort: 'nowhere-2026' }, /no cohort file workshops\/nowhere-2026\.yaml/],
    ['a base that is not a commit SHA', { base: '--output=/tmp/x', head: 'a'.repeat(40) }, /full commit SHA/],
    ['no base and no cohort', { head: 'a'.repeat(40) }, /Input required and not supplied: base/],
  ])('fails clearly on %s', async (_name, inputs, message) => {
    const result = await run(inputs);
    expect(result.failed).toBe(true);
    expect(result.commands.join('\n')).toMatch(message);
  });
});
