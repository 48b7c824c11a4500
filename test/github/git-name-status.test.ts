import { afterAll, describe, expect, it } from 'vitest';
import { changedFilesBetween, gitIn } from '../../src/github/git.ts';
import { NameStatusFormatError, parseNameStatus } from '../../src/github/git-name-status.ts';
import { TempGitRepo } from './temp-git-repo.ts';

const z = (...fields: string[]) => `${fields.join('\0')}\0`;

describe('parseNameStatus', () => {
  it('reads each status, with renames and copies as source then destination', () => {
    const output = z(
      'M',
      'a.txt',
      'A',
      'b.txt',
      'D',
      'c.txt',
      'R100',
      'old.yaml',
      'new.yaml',
      'C075',
      'x',
      'y',
      'T',
      'l',
    );
    expect(parseNameStatus(output)).toEqual([
      { path: 'a.txt', status: 'modified' },
      { path: 'b.txt', status: 'added' },
      { path: 'c.txt', status: 'removed' },
      { path: 'new.yaml', previousPath: 'old.yaml', status: 'renamed' },
      { path: 'y', previousPath: 'x', status: 'copied' },
      { path: 'l', status: 'changed' },
    ]);
  });

  it('takes file names as data: one that looks like a status is still a path', () => {
    expect(parseNameStatus(z('M', 'R100', 'D', 'M'))).toEqual([
      { path: 'R100', status: 'modified' },
      { path: 'M', status: 'removed' },
    ]);
  });

  it('reads empty output as no change', () => {
    expect(parseNameStatus('')).toEqual([]);
  });

  it.each([
    ['a rename without its destination', z('R090', 'old.yaml')],
    ['a status without a path', 'M\0'],
    ['non -z output', 'M\ta.txt\n'],
    ['an unknown status', z('Q', 'a.txt')],
  ])('refuses %s', (_name, output) => {
    expect(() => parseNameStatus(output)).toThrow(NameStatusFormatError);
  });
});

describe('changedFilesBetween on a real repository', () => {
  const repo = new TempGitRepo();
  afterAll(() => repo.dispose());

  it('keeps unusual file names verbatim and pairs renames', async () => {
    const odd = [
      'workshops/tab\there.yaml',
      'workshops/"quoted" ☃.yaml',
      'workshops/new\nline.yaml',
      'workshops/$(x).yaml',
    ];
    repo.write('workshops/old.yaml', 'id: old\ntitle: a cohort with enough text to be a rename\nowner: me\n');
    repo.write('workshops/gone.yaml', 'gone\n');
    const base = repo.commit('base');
    repo.move('workshops/old.yaml', 'workshops/renamed.yaml');
    repo.remove('workshops/gone.yaml');
    for (const name of odd) repo.write(name, `${name}\n`);
    const head = repo.commit('head');

    const files = await changedFilesBetween(gitIn(repo.root), base, head);
    expect(files).toEqual(
      expect.arrayContaining([
        { path: 'workshops/renamed.yaml', previousPath: 'workshops/old.yaml', status: 'renamed' },
        { path: 'workshops/gone.yaml', status: 'removed' },
        ...odd.map((path) => ({ path, status: 'added' })),
      ]),
    );
    expect(files).toHaveLength(odd.length + 2);
  });
});
