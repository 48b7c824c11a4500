/** `workshop validate [FILES...]`: every problem of the cohort files and the settings, at its line. */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { countBySeverity, formatProblem, type Problem } from '../../src/cohort/problem.ts';
import { isOutside, toRepoPath } from '../../src/cohort/repo-file.ts';
import { loadRepository } from '../../src/cohort/repository.ts';
import { SETTINGS_FILE, WORKSHOPS_DIR } from '../../src/cohort/settings-file.ts';
import { type CliIo, type Command, EXIT, formatOption, UsageError } from '../cli/command.ts';
import { findRepositoryRoot } from '../cli/repository-root.ts';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function summary(fileCount: number, problems: readonly Problem[]): string {
  const counts = countBySeverity(problems);
  const found =
    counts.error + counts.warning === 0
      ? 'no problems'
      : `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}`;
  return `${plural(fileCount, 'file')} checked: ${found}`;
}

/** FILES as given (relative to the current folder) → paths inside the repository; a missing file is a usage error. */
function resolveFiles(root: string, cwd: string, files: readonly string[]): string[] {
  return files.map((given) => {
    const absolute = path.resolve(cwd, given);
    if (!existsSync(absolute) || !statSync(absolute).isFile()) throw new UsageError(`${given}: no such file`);
    const relative = path.relative(root, absolute);
    if (isOutside(relative)) {
      throw new UsageError(`${given} is outside the repository at ${root}`);
    }
    return relative;
  });
}

/** A named file that selects nothing would leave only the settings checked, and "no problems" would mislead. */
function assertAllMatched(root: string, cwd: string, given: readonly string[], unmatched: readonly string[]): void {
  const first = given.find((file) => unmatched.includes(toRepoPath(root, path.resolve(cwd, file))));
  if (first === undefined) return;
  throw new UsageError(
    `${first} is not a cohort file: cohort files are ${WORKSHOPS_DIR}/<id>.yaml at the top level of ${WORKSHOPS_DIR}/ ` +
      `(${SETTINGS_FILE} holds the settings); FILES may also name a roster, dataset or ETL script a cohort uses`,
  );
}

export const validateCommand: Command = {
  name: 'validate',
  help: `Usage: workshop validate [FILES...] [--format text|json]

Checks workshops/_settings.yaml and the cohort files (workshops/<id>.yaml): YAML syntax, the cohort schema,
the files they point at (roster, datasets, ETL scripts), roster rows, and the checks across cohorts (ids and
derived AWS names unique and within AWS limits). With no FILES every cohort is checked; FILES may also name a
roster, dataset or script, which checks the cohorts using it. Any other file (one in a subfolder of workshops/,
one whose name starts with "_", one outside workshops/) is a usage error.

Options:
  --format text|json  text (default): one "PATH:LINE:COL: error: MESSAGE" line per problem on stdout and a
                      summary on stderr; json: a JSON array of {file, line, column, severity, message} on stdout
  -h, --help          show this help

Exit status: 0 no errors (warnings allowed), 1 problems found, 2 usage or internal error.
The repository root is the nearest folder, from the current one upwards, that holds ${SETTINGS_FILE}.`,
  options: { format: { type: 'string' } },
  positionals: true,
  async run(args, io: CliIo) {
    const format = formatOption(args, ['text', 'json'] as const, 'text');
    const root = findRepositoryRoot(io.cwd);
    const files = args.positionals.length > 0 ? resolveFiles(root, io.cwd, args.positionals) : undefined;
    const repository = await loadRepository(root, files === undefined ? {} : { files });
    assertAllMatched(root, io.cwd, args.positionals, repository.unmatched);
    const { problems } = repository;
    if (format === 'json') {
      const rows = problems.map(({ file, line, column, severity, message }) => ({
        file,
        line,
        column,
        severity,
        message,
      }));
      io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    } else {
      for (const problem of problems) io.stdout.write(`${formatProblem(problem)}\n`);
    }
    io.stderr.write(`${summary(repository.checked.length, problems)}\n`);
    return countBySeverity(problems).error > 0 ? EXIT.problems : EXIT.ok;
  },
};
