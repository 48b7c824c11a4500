/**
 * One thing the DR audit found: a failure (misconfiguration, failed or missing replication) alerts and fails the
 * cohort; a warning (late replication, an unverifiable key) is reported only. The key is the alert's stable identity.
 */
import type { Alert } from '../common/alerts.ts';

export type Severity = 'failure' | 'warning';

export interface Finding {
  readonly severity: Severity;
  /** `config:raw:delete-markers`, `sample:processed:failed`: what "new since the last run" is decided on. */
  readonly key: string;
  readonly text: string;
  readonly detail?: string;
}

export function failure(key: string, text: string, detail?: string): Finding {
  return { severity: 'failure', key, text, ...(detail === undefined ? {} : { detail }) };
}

export function warning(key: string, text: string, detail?: string): Finding {
  return { severity: 'warning', key, text, ...(detail === undefined ? {} : { detail }) };
}

/** Failures alert; warnings are in the report only. */
export function alertsOf(findings: readonly Finding[], cohortId: string): Alert[] {
  return findings
    .filter((f) => f.severity === 'failure')
    .map((f) => ({
      key: f.key,
      title: `DR audit of ${cohortId}: ${f.text}`,
      ...(f.detail === undefined ? {} : { detail: f.detail }),
    }));
}
