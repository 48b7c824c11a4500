import { afterAll, describe, expect, it } from 'vitest';
import { changedFilesBetween, type Git, GitError, gitIn, isNullSha } from '../../src/github/git.ts';
import { TempGitRepo } from './temp-git-repo.ts';

const SHA = 'a'.repeat(40);

function recordingGit(): { git: Git; calls: string[][] } {
  const calls: string[][] = [];
  const git: Git = async (args) => {
    calls.push([...args]);
    return Buffer.from('');
  };
  return { calls, git };
}

describe('changedFilesBetween', () => {
  it.each([
    ['an option', '--output=/tmp/owned'],
    ['a branch name', 'main'],
    ['a short SHA', 'abc1234'],
    ['a range', `${SHA}..HEAD`],
  ])('refuses %s as a commit before running git', async (_name, base) => {
    const { git, calls } = recordingGit();
    await expect(changedFilesBetween(git, base, SHA)).rejects.toThrow(/full commit SHA/);
    await expect(changedFilesBetween(git, SHA, base)).rejects.toThrow(/full commit SHA/);
    expect(calls).toEqual([]);
  });

  it('passes the commits as separate arguments, revisions ended by --', async () => {
    const { git, calls } = recordingGit();
    const head = 'b'.repeat(40);
    await changedFilesBetween(git, SHA, head);
    expect(calls).toEqual([['diff', '--no-color', '--name-status', '-z', '-M', SHA, head, '--']]);
  });

  describe('with a shallow or partial clone', () => {
    const repo = new TempGitRepo();
    afterAll(() => repo.dispose());

    it('says to fetch the history when a commit is missing', async () => {
      const head = repo.commit('only');
      await expect(changedFilesBetween(gitIn(repo.root), 'c'.repeat(40), head)).rejects.toThrow(
        expect.objectContaining({ name: GitError.name, message: expect.stringMatching(/fetch-depth: 0/) }),
      );
    });
  });
});

describe('isNullSha', () => {
  it("recognises GitHub's before of a new branch only", () => {
    expect(isNullSha('0'.repeat(40))).toBe(true);
    expect(isNullSha('0'.repeat(64))).toBe(true);
    expect(isNullSha('0'.repeat(39))).toBe(false);
    expect(isNullSha(`${'0'.repeat(39)}1`)).toBe(false);
  });
});
