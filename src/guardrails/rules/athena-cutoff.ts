/**
 * Every Athena workgroup enforces its settings and cuts off a query that scans too much: with a shared account and
 * a slow budget, the scan cutoff is the real-time cost control (pitfall 9).
 */
import { asNumber, dig, digBlocks, isTrue } from '../json-values.ts';
import { problemsPerResource, type Rule } from '../rule.ts';

/** Athena's smallest accepted cutoff, 10 MB. */
const MIN_CUTOFF_BYTES = 10 * 1024 * 1024;

export const athenaCutoff: Rule = {
  id: 'athena-cutoff',
  severity: 'error',
  appliesTo: 'cohort',
  description: `Every aws_athena_workgroup enforces its configuration and sets bytes_scanned_cutoff_per_query (at least ${MIN_CUTOFF_BYTES}).`,
  check: (config) =>
    problemsPerResource(
      athenaCutoff,
      config,
      'aws_athena_workgroup',
      'workgroup does not cap query scans',
      (workgroup) => {
        const configuration = digBlocks(workgroup.body, 'configuration')[0];
        const problems: string[] = [];
        // The provider defaults enforce_workgroup_configuration to true; only an explicit false turns it off.
        const enforce = configuration?.enforce_workgroup_configuration;
        if (configuration === undefined || (enforce !== undefined && !isTrue(enforce))) {
          problems.push('set configuration.enforce_workgroup_configuration to true');
        }
        const cutoff = asNumber(dig(configuration, 'bytes_scanned_cutoff_per_query')[0]);
        if (cutoff === undefined)
          problems.push('set configuration.bytes_scanned_cutoff_per_query to the per-query scan limit');
        else if (cutoff < MIN_CUTOFF_BYTES)
          problems.push(`raise bytes_scanned_cutoff_per_query to at least ${MIN_CUTOFF_BYTES} (Athena's minimum)`);
        return problems;
      },
    ),
};
