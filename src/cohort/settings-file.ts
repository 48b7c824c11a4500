/** Loads `workshops/_settings.yaml`, the org-wide settings every cohort needs (name prefix, state, roles). */
import path from 'node:path';
import { hasErrors, type Problem, problemAt, START } from './problem.ts';
import { readSourceText } from './repo-file.ts';
import { parseWithSchema } from './schema-problems.ts';
import { Settings } from './settings-schema.ts';
import { MAX_YAML_BYTES } from './yaml-file.ts';

export const WORKSHOPS_DIR = 'workshops';
export const SETTINGS_FILE = `${WORKSHOPS_DIR}/_settings.yaml`;

/** Where the file of cohort `id` lives, relative to the repository root. */
export function cohortFilePath(id: string): string {
  return `${WORKSHOPS_DIR}/${id}.yaml`;
}

export interface LoadedSettings {
  readonly settings?: Settings;
  readonly problems: Problem[];
}

export async function loadSettings(root: string): Promise<LoadedSettings> {
  const read = await readSourceText(path.join(root, SETTINGS_FILE), SETTINGS_FILE, MAX_YAML_BYTES);
  if (!read.ok) {
    const problem = read.missing
      ? problemAt(
          SETTINGS_FILE,
          START,
          `missing settings file; create ${SETTINGS_FILE} with namePrefix, state and github (see README)`,
        )
      : read.problem;
    return { problems: [problem] };
  }
  const result = parseWithSchema(SETTINGS_FILE, read.text, Settings, { what: 'settings file', firstKey: 'namePrefix' });
  // Settings with any error (a duplicate key, say) are not used: names derived from them could be wrong.
  if (result.value === undefined || hasErrors(result.problems)) return { problems: result.problems };
  return { settings: result.value, problems: result.problems };
}
