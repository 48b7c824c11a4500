// Every action's index.js calls this. The runner starts index.js with its own Node; tsx (from the repository's
// node_modules: the workflows run `npm ci` first) compiles the action's main.ts on the fly, so there is no bundle
// to rebuild or keep in sync. See README.md.
import { register } from 'tsx/esm/api';

/** Imports main.ts next to `indexUrl` and runs it; main.ts reports its own failures through core.setFailed. */
export async function start(indexUrl) {
  register();
  const { run } = await import(new URL('./main.ts', indexUrl).href);
  await run();
}
