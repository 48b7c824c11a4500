/**
 * Current use against a quota, with what the cohorts add: `in use + new names > quota` blocks (the apply would
 * fail at the limit), from 80% it warns, as validation does with the repository's own count.
 */
import { WARN_FROM } from '../../cohort/capacity.ts';
import { formatCount } from '../../text/count.ts';
import { blocker, type Finding, ok, warning } from './finding.ts';

export interface Quota {
  readonly value: number;
  /** Where the value comes from, for the report: "Service Quotas L-F55AF5E4", "AWS default". */
  readonly source: string;
}

export interface UsageInput {
  readonly check: string;
  /** How many exist in the account (or region) now. */
  readonly current: number;
  /** Names of those the cohorts need that already exist. */
  readonly existing: Iterable<string>;
  /** Names the cohorts need. */
  readonly needed: readonly string[];
  readonly quota: Quota;
  /** Athena workgroup names are unique regardless of case. */
  readonly caseInsensitive?: boolean;
  readonly remedy: string;
}

export function usageFinding(input: UsageInput): Finding {
  const key = (name: string) => (input.caseInsensitive === true ? name.toLowerCase() : name);
  const existing = new Set([...input.existing].map(key));
  const added = new Set(input.needed.map(key).filter((name) => !existing.has(name))).size;
  const projected = input.current + added;
  const { value, source } = input.quota;
  const detail =
    `${formatCount(input.current)} in use, ${formatCount(added)} more to create: ${formatCount(projected)} of ${formatCount(value)} ` +
    `(${Math.round((projected / value) * 100)}%, ${source})`;
  if (projected > value) return blocker(input.check, `${detail}. The apply would fail at the limit: ${input.remedy}`);
  if (projected >= value * WARN_FROM) return warning(input.check, `${detail}. Close to the limit: ${input.remedy}`);
  return ok(input.check, detail);
}
