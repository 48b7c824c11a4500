/**
 * Alerts: to the cohort's SNS topic (its subscribers are the instructors and `notifications.emails`) and, when
 * `notifications.slackWebhookSecret` names an environment variable that is set, to that Slack webhook. Only what is
 * new since the last run alerts: each alert has a stable key, the keys active after a run are kept in the ops
 * state, and a condition that clears and comes back alerts again. Webhook URLs are masked and never printed.
 */
import { type SnsApi, topicArn } from '../../aws/sns.ts';
import type { Logger } from './logger.ts';

export interface Alert {
  /** Stable identity of the condition (`crawler:<name>:failed`, `budget:80`): what "new" is decided on. */
  readonly key: string;
  /** One line, shown in reports and as the alert's headline. */
  readonly title: string;
  /** Optional detail (what drove it, what to do). */
  readonly detail?: string;
}

export interface AlertTarget {
  readonly cohortId: string;
  readonly job: string;
  /** SNS topic of the cohort and its region. */
  readonly topicArn: string;
  readonly region: string;
  /** Name of the environment variable holding the Slack webhook URL (`notifications.slackWebhookSecret`). */
  readonly slackWebhookSecret?: string;
}

export interface AlertSink {
  /** Sends the alerts (at least one) to every channel of the target; throws when a channel fails. */
  send(target: AlertTarget, alerts: readonly Alert[]): Promise<void>;
}

/** The alerts of `current` whose key was not active after the previous run. */
export function newAlerts(previous: readonly string[] | undefined, current: readonly Alert[]): Alert[] {
  const before = new Set(previous ?? []);
  const seen = new Set<string>();
  return current.filter((alert) => {
    if (before.has(alert.key) || seen.has(alert.key)) return false;
    seen.add(alert.key);
    return true;
  });
}

/** SNS subjects: ASCII, no line breaks, under 100 characters. */
function snsSubject(target: AlertTarget, count: number): string {
  const text = `[workshop ${target.cohortId}] ${target.job}: ${count} new alert${count === 1 ? '' : 's'}`;
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 99);
}

export function alertText(target: AlertTarget, alerts: readonly Alert[]): string {
  const lines = alerts.map((a) => `- ${a.title}${a.detail === undefined ? '' : `\n  ${a.detail}`}`);
  return [`Cohort ${target.cohortId}, job ${target.job}:`, ...lines].join('\n');
}

/** Slack reads `<...>` as links and mentions (`<!channel>`): escape them, as its API asks. */
function slackEscape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

export type WebhookPost = (url: string, body: string) => Promise<void>;

const SLACK_TIMEOUT_MS = 10_000;

export const fetchWebhookPost: WebhookPost = async (url, body) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    signal: AbortSignal.timeout(SLACK_TIMEOUT_MS),
  });
  // The URL is a secret: the error names the status only.
  if (!response.ok) throw new Error(`the Slack webhook answered HTTP ${response.status}`);
};

export interface AlertSinkDeps {
  readonly sns: (region: string) => SnsApi;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly logger: Logger;
  readonly post?: WebhookPost;
}

export function snsSlackAlertSink(deps: AlertSinkDeps): AlertSink {
  const post = deps.post ?? fetchWebhookPost;
  return {
    async send(target, alerts) {
      if (alerts.length === 0) return;
      const text = alertText(target, alerts);
      const failures: string[] = [];
      try {
        await deps.sns(target.region).publish(target.topicArn, snsSubject(target, alerts.length), text);
      } catch (error) {
        failures.push(`SNS ${target.topicArn}: ${error instanceof Error ? error.message : String(error)}`);
      }
      // Slack is a courtesy copy: its failure is logged, never thrown, so a broken webhook does not make the SNS alert
      // (already delivered) count as unsent and repeat on every run.
      const named = target.slackWebhookSecret;
      const secret = named !== undefined && RUNNER_CREDENTIALS.test(named) ? undefined : named;
      if (secret !== named) deps.logger.warn(`Slack: ${named} is a credential of the job, never read as a webhook`);
      const url = secret === undefined ? undefined : deps.env[secret]?.trim();
      if (secret !== undefined && url !== undefined && url !== '') {
        deps.logger.mask(url);
        try {
          await post(url, JSON.stringify({ text: slackEscape(text) }));
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          deps.logger.warn(deps.logger.redact(`Slack alert (${secret}) for ${target.cohortId} failed: ${message}`));
        }
      }
      if (failures.length > 0) throw new Error(`alert delivery failed: ${deps.logger.redact(failures.join('; '))}`);
    },
  };
}

/**
 * The cohort file chooses which environment variable holds its Slack webhook; it must never be able to point the job
 * at the runner's own credentials (AWS keys, the GitHub token, the OIDC request URL, action inputs).
 */
const RUNNER_CREDENTIALS = /^(AWS_|GITHUB_|GH_|ACTIONS_|RUNNER_|INPUT_)/;

export interface AlertDelivery {
  /** Alerts sent this run (empty on a dry run: they are reported only). */
  readonly sent: readonly Alert[];
  /** Alerts that are new but were not sent (dry run). */
  readonly pending: readonly Alert[];
  /** Keys to keep in the ops state: every condition active now. */
  readonly activeKeys: string[];
}

/**
 * Sends what is new since `previous` and returns the keys to store. On a dry run nothing is sent and the keys are
 * returned for display only (the state is not written on a dry run). A failed send throws, so the state keeps the
 * old keys and the next run tries again.
 */
export async function deliverNewAlerts(
  sink: AlertSink,
  target: AlertTarget,
  previous: readonly string[] | undefined,
  current: readonly Alert[],
  dryRun: boolean,
): Promise<AlertDelivery> {
  const fresh = newAlerts(previous, current);
  const activeKeys = [...new Set(current.map((a) => a.key))].sort();
  if (dryRun) return { sent: [], pending: fresh, activeKeys };
  if (fresh.length > 0) await sink.send(target, fresh);
  return { sent: fresh, pending: [], activeKeys };
}

/** The alert channels of one cohort: its topic in its primary region, and its Slack secret when it names one. */
export function cohortAlertTarget(
  cohort: {
    readonly id: string;
    readonly regions: { readonly primary: string };
    readonly notifications: { readonly slackWebhookSecret?: string | undefined };
  },
  topicName: string,
  accountId: string,
  job: string,
): AlertTarget {
  const region = cohort.regions.primary;
  const secret = cohort.notifications.slackWebhookSecret;
  return {
    cohortId: cohort.id,
    job,
    region,
    topicArn: topicArn(region, accountId, topicName),
    ...(secret === undefined ? {} : { slackWebhookSecret: secret }),
  };
}
