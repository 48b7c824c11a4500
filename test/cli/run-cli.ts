/** Runs the `workshop` CLI in-process with captured output, as the tests of every command do. */
import { main } from '../../scripts/workshop.ts';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(argv: string[], cwd: string, env: Record<string, string> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    cwd,
    env,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
