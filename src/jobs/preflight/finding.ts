/**
 * One result of a preflight check. A blocker means the apply would fail or the workshop would not work (exit 1);
 * a warning is worth reading before class; a check that could not run is a warning saying why.
 */
import { describeError } from '../../aws/errors.ts';

export type Level = 'ok' | 'warning' | 'blocker';

export interface Finding {
  /** What was checked, short: "Lake Formation mode", "IAM users". */
  readonly check: string;
  readonly level: Level;
  /** One or two sentences: what was found and, unless ok, what to do. */
  readonly detail: string;
}

export const ok = (check: string, detail: string): Finding => ({ check, level: 'ok', detail });
export const warning = (check: string, detail: string): Finding => ({ check, level: 'warning', detail });
export const blocker = (check: string, detail: string): Finding => ({ check, level: 'blocker', detail });

/** Runs a check; an AWS error (no permission, a throttled call out of retries) becomes a warning naming it. */
export async function guarded(check: string, run: () => Promise<readonly Finding[]>): Promise<Finding[]> {
  try {
    return [...(await run())];
  } catch (error) {
    return [warning(check, `could not check: ${describeError(error)}`)];
  }
}

/** The worst level among findings: what a scope's status is. */
export function worstLevel(findings: readonly Finding[]): Level {
  if (findings.some((f) => f.level === 'blocker')) return 'blocker';
  return findings.some((f) => f.level === 'warning') ? 'warning' : 'ok';
}
