#!/usr/bin/env node
// The `workshop` CLI runs the TypeScript sources directly through tsx, so it works right after `npm ci`.
import { register } from 'tsx/esm/api';

// The SDK warns on every run under Node 20 that its releases after January 2027 need Node 22: the project's
// engines field and README say so once; the CLI's users need not read it on every command.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
const { main } = await import('../scripts/workshop.ts');
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
