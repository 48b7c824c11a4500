/**
 * The read → alert → write cycle of the DR jobs: send the alerts that are new since the last run, then store the
 * keys active now together with the job's other state. Returns the alerts as reported (sent or not) and the state
 * problems (an ignored state, a concurrent run).
 */
import type { ResolvedCohort } from '../../cohort/schema.ts';
import { type Alert, type AlertSink, cohortAlertTarget, deliverNewAlerts } from '../common/alerts.ts';
import type { JobContext } from '../common/job-context.ts';
import { type OpsStateStore, type StateSchema, updateOpsState } from '../common/ops-state.ts';
import type { ReportedAlert } from '../common/report.ts';

export interface AlertStateDeps {
  readonly state: OpsStateStore;
  readonly alerts: AlertSink;
  readonly accountId: string;
  /** The cohort's SNS topic name (`CohortNames.topic`). */
  readonly topic: string;
}

export interface AlertStateResult<T> {
  readonly alerts: ReportedAlert[];
  readonly problems: string[];
  readonly value: T;
}

export async function alertAndStore<T extends { readonly activeAlerts: readonly string[] }>(
  deps: AlertStateDeps,
  cohort: ResolvedCohort,
  job: string,
  ctx: JobContext,
  schema: StateSchema<T>,
  current: readonly Alert[],
  rest: (previous: T | undefined) => Omit<T, 'activeAlerts'>,
): Promise<AlertStateResult<T>> {
  const target = cohortAlertTarget(cohort, deps.topic, deps.accountId, job);
  let alerts: ReportedAlert[] = [];
  const where = { cohortId: cohort.id, job, now: ctx.now(), dryRun: ctx.dryRun };
  const { value, problems } = await updateOpsState(deps.state, where, schema, async (previous) => {
    const delivery = await deliverNewAlerts(deps.alerts, target, previous?.activeAlerts, current, ctx.dryRun);
    const sent = new Set(delivery.sent.map((a) => a.key));
    alerts = current.map((a) => ({ ...a, sent: sent.has(a.key) }));
    return { ...rest(previous), activeAlerts: delivery.activeKeys } as unknown as T;
  });
  return { alerts, problems, value };
}
