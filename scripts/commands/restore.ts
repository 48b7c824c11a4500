/** `workshop restore`: point-in-time recovery of a prefix of a cohort's bucket, from object versions. */
import { ConfigError } from '../../src/jobs/common/config-error.ts';
import { type RestoreOptions, restoreJob } from '../../src/jobs/restore/job.ts';
import { restoreRequest } from '../../src/jobs/restore/restore-options.ts';
import { booleanOption, stringOption, UsageError } from '../cli/command.ts';
import { type JobCommandSpec, jobCommand } from '../cli/job-command.ts';

export const restoreSpec: JobCommandSpec<RestoreOptions> = {
  job: restoreJob,
  description: `Brings every object under --prefix in the cohort's raw or processed bucket back to its state at --at:
a key deleted since (its latest entry is a delete marker) is undeleted, and a key changed since gets its older
version copied back over it. Keys created after --at are listed and kept. Nothing is ever deleted: each change is a
copy of an older version, added as the new latest version, so a restore can itself be undone the same way.
Without --apply it is a dry run that lists what it would change. Example, a student's folder as it was at 14:30 in
Seoul:
  workshop restore --cohort seoul-1 --bucket processed --prefix students/acme-ws-seoul-1_s07/ --at 2026-12-08T14:30:00+09:00`,
  options: {
    bucket: { type: 'string' },
    prefix: { type: 'string' },
    all: { type: 'boolean' },
    at: { type: 'string' },
    apply: { type: 'boolean' },
  },
  optionHelp: [
    '  --bucket raw|processed    which bucket of the cohort (required)',
    '  --prefix P                key prefix to restore (a student folder, a dataset folder)',
    '  --all                     the whole bucket instead of a prefix (deliberately separate from --prefix "")',
    '  --at TIME                 ISO date and time with an offset: 2026-12-08T14:30:00+09:00 or ...Z (required)',
    '  --apply                   make the copies (default: dry run, list only)',
  ],
  cohortRequired: true,
  parse(args) {
    try {
      return restoreRequest({
        bucket: stringOption(args, 'bucket'),
        prefix: stringOption(args, 'prefix'),
        all: booleanOption(args, 'all'),
        at: stringOption(args, 'at'),
        apply: booleanOption(args, 'apply'),
      });
    } catch (error) {
      if (error instanceof ConfigError) throw new UsageError(error.message);
      throw error;
    }
  },
};

export const restoreCommand = jobCommand(restoreSpec);
