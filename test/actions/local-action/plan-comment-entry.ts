/**
 * The logic entrypoint handed to @github/local-action for the plan-comment proof. local-action calls `run()` with no
 * arguments, and the recording fake must live in the action's own process: so this wraps the action's run() with
 * the fake's fetch, reading and writing the fake's state in the file named by FAKE_GITHUB_STATE (set in the .env).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { run as runAction } from '../../../actions/plan-comment/main.ts';
import { FakeGitHub } from '../../github/fake-github-api.ts';

export async function run(): Promise<void> {
  const stateFile = process.env.FAKE_GITHUB_STATE;
  if (stateFile === undefined) throw new Error('FAKE_GITHUB_STATE is not set in the .env file');
  const github = FakeGitHub.fromJSON(await readFile(stateFile, 'utf8'));
  try {
    await runAction({ fetch: github.fetch });
  } finally {
    await writeFile(stateFile, JSON.stringify(github.toJSON()));
  }
}
