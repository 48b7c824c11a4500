/** A real git repository in a temp folder, for tests of the diff parser, the targets and the restore. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export class TempGitRepo {
  readonly root = mkdtempSync(path.join(tmpdir(), 'workshop-git-'));

  constructor() {
    this.git('init', '-q', '-b', 'main');
    this.git('config', 'user.email', 'test@example.com');
    this.git('config', 'user.name', 'test');
    this.git('config', 'commit.gpgsign', 'false');
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.root, encoding: 'utf8' });
  }

  write(file: string, content: string | Buffer): void {
    const target = path.join(this.root, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }

  remove(file: string): void {
    this.git('rm', '-q', '--', file);
  }

  move(from: string, to: string): void {
    mkdirSync(path.dirname(path.join(this.root, to)), { recursive: true });
    this.git('mv', '--', from, to);
  }

  /** Commits everything and returns the commit's SHA. */
  commit(message = 'change'): string {
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD').trim();
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
