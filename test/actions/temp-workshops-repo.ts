/** A git repository holding a copy of this project's example workshops/ folder, for the actions that load it. */
import { cpSync } from 'node:fs';
import path from 'node:path';
import { TempGitRepo } from '../github/temp-git-repo.ts';

export const BUSAN = 'workshops/busan-intro-2026-12.yaml';
export const SEOUL = 'workshops/seoul-data-eng-2026-12.yaml';

export function workshopsRepo(): TempGitRepo {
  const repo = new TempGitRepo();
  cpSync(path.resolve('workshops'), path.join(repo.root, 'workshops'), { recursive: true });
  return repo;
}
