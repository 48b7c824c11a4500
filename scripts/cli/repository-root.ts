import { existsSync } from 'node:fs';
import path from 'node:path';
import { SETTINGS_FILE } from '../../src/cohort/settings-file.ts';
import { UsageError } from './command.ts';

/** The repository root: the nearest folder, from `cwd` upwards, holding workshops/_settings.yaml. */
export function findRepositoryRoot(cwd: string): string {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, SETTINGS_FILE))) return dir;
    if (path.dirname(dir) === dir) break;
  }
  throw new UsageError(
    `no ${SETTINGS_FILE} found in ${cwd} or any parent folder; run this inside the workshop repository`,
  );
}
