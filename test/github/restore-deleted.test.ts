import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gitIn } from '../../src/github/git.ts';
import { deletedPaths, restoreDeleted, restoreFromCommit } from '../../src/github/restore-deleted.ts';
import { TempGitRepo } from './temp-git-repo.ts';

const BINARY = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

describe('deletedPaths', () => {
  it('lists removed files and rename sources under workshops/ only', () => {
    expect(
      deletedPaths([
        { path: 'workshops/a.yaml', status: 'removed' },
        { path: 'workshops/c.yaml', previousPath: 'workshops/b.yaml', status: 'renamed' },
        { path: 'workshops/d.yaml', status: 'modified' },
        { path: 'README.md', status: 'removed' },
        { path: 'workshops/e.yaml', previousPath: 'docs/e.yaml', status: 'renamed' },
      ]),
    ).toEqual(['workshops/a.yaml', 'workshops/b.yaml']);
  });
});

describe('restoreDeleted', () => {
  let repo: TempGitRepo;
  beforeEach(() => {
    repo = new TempGitRepo();
  });
  afterEach(() => repo.dispose());

  it('brings back a deleted cohort with its roster and data, byte for byte, and nothing else', async () => {
    repo.write('workshops/gone.yaml', 'id: gone\n');
    repo.write('workshops/rosters/gone.csv', 'id,name,email\n');
    repo.write('workshops/assets/gone.parquet', BINARY);
    repo.write('workshops/old.yaml', 'id: old\ntitle: long enough to be detected as a rename of this file\n');
    repo.write('workshops/kept.yaml', 'id: kept\n');
    repo.write('README.md', 'readme\n');
    const base = repo.commit('base');
    repo.remove('workshops/gone.yaml');
    repo.remove('workshops/rosters/gone.csv');
    repo.remove('workshops/assets/gone.parquet');
    repo.remove('README.md');
    repo.move('workshops/old.yaml', 'workshops/new.yaml');
    repo.write('workshops/kept.yaml', 'id: kept\nchanged: true\n');
    const head = repo.commit('head');

    const result = await restoreDeleted(gitIn(repo.root), repo.root, base, head);
    expect(result.restored).toEqual([
      'workshops/assets/gone.parquet',
      'workshops/gone.yaml',
      'workshops/old.yaml',
      'workshops/rosters/gone.csv',
    ]);
    const read = (file: string) => readFileSync(path.join(repo.root, file));
    expect(read('workshops/assets/gone.parquet').equals(BINARY)).toBe(true);
    expect(read('workshops/gone.yaml').toString()).toBe('id: gone\n');
    expect(read('workshops/kept.yaml').toString()).toBe('id: kept\nchanged: true\n');
    expect(existsSync(path.join(repo.root, 'README.md'))).toBe(false);
  });

  it('never overwrites a file that is there', async () => {
    repo.write('workshops/gone.yaml', 'old\n');
    const base = repo.commit('base');
    repo.remove('workshops/gone.yaml');
    const head = repo.commit('head');
    repo.write('workshops/gone.yaml', 'written by an earlier step\n');
    const result = await restoreDeleted(gitIn(repo.root), repo.root, base, head);
    expect(result).toEqual({ restored: [], kept: ['workshops/gone.yaml'] });
    expect(readFileSync(path.join(repo.root, 'workshops/gone.yaml'), 'utf8')).toBe('written by an earlier step\n');
  });

  it('refuses a path that would leave the folder', async () => {
    const base = repo.commit('base');
    await expect(restoreFromCommit(gitIn(repo.root), repo.root, base, ['workshops/../.git/config'])).rejects.toThrow(
      /refusing to restore/,
    );
  });
});
