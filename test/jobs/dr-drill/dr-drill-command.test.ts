import { describe, expect, it } from 'vitest';
import { main } from '../../../scripts/workshop.ts';
import { MAX_TIMEOUT_MINUTES } from '../../../src/jobs/dr-drill/job.ts';
import { captureCli } from '../restore/cli-io.ts';

async function run(argv: string[]) {
  const { io, out } = captureCli(process.cwd());
  return { code: await main(argv, io), ...out };
}

describe('workshop dr-drill --timeout', () => {
  it.each(['0', '45.5', '60', 'soon'])('refuses %j with the same range the help states', async (value) => {
    const result = await run(['dr-drill', '--timeout', value]);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: `workshop dr-drill: --timeout must be a number of minutes above 0 and at most ${MAX_TIMEOUT_MINUTES}; got "${value}"\n`,
    });
    const help = await run(['dr-drill', '--help']);
    expect(help.stdout).toMatch(
      new RegExp(`^ {2}--timeout MINUTES +how long .*\\(default 30, at most ${MAX_TIMEOUT_MINUTES}\\)$`, 'm'),
    );
  });
});
