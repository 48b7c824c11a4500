import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  type Alert,
  type AlertTarget,
  cohortAlertTarget,
  deliverNewAlerts,
  newAlerts,
  snsSlackAlertSink,
} from '../../../src/jobs/common/alerts.ts';
import { OpsStateStore, updateOpsState } from '../../../src/jobs/common/ops-state.ts';
import { captureLogger, MemoryS3, RecordingSns } from './fakes.ts';

const target: AlertTarget = {
  cohortId: 'seoul-1',
  job: 'cost-report',
  region: 'ap-northeast-2',
  topicArn: 'arn:aws:sns:ap-northeast-2:123456789012:acme-seoul-1-alerts',
  slackWebhookSecret: 'SLACK_URL',
};
const alert = (key: string): Alert => ({ key, title: `condition ${key}` });

describe('newAlerts', () => {
  it('keeps only keys that were not active after the previous run, once each', () => {
    expect(newAlerts(['a'], [alert('a'), alert('b'), alert('b')]).map((a) => a.key)).toEqual(['b']);
    expect(newAlerts(undefined, [alert('a')]).map((a) => a.key)).toEqual(['a']);
  });
});

describe('alert sink', () => {
  it('publishes to the topic with an ASCII subject and posts to Slack with the URL masked', async () => {
    const sns = new RecordingSns();
    const { logger, lines } = captureLogger();
    const posts: { url: string; body: string }[] = [];
    const url = 'https://hooks.slack.com/services/T0/B0/secret-token';
    const sink = snsSlackAlertSink({
      sns: () => sns,
      env: { SLACK_URL: url },
      logger,
      post: async (u, body) => {
        posts.push({ url: u, body });
      },
    });
    await sink.send({ ...target, cohortId: 'seoul-1' }, [{ key: 'k', title: 'spend <!channel> 80% “over”' }]);
    expect(sns.published).toHaveLength(1);
    expect(sns.published[0]?.subject).toMatch(/^[\x20-\x7e]{1,99}$/);
    expect(sns.published[0]?.message).toContain('spend <!channel> 80%');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.url).toBe(url);
    expect(JSON.parse(posts[0]?.body ?? '{}').text).toContain('&lt;!channel&gt;');
    logger.info(`posting to ${url}`);
    expect(lines.map((l) => l.line).join('\n')).not.toContain('secret-token');
  });

  it('skips Slack when the named variable is not set, and logs a failing Slack without its URL, not throwing', async () => {
    const sns = new RecordingSns();
    const { logger, lines } = captureLogger();
    const url = 'https://hooks.slack.com/services/T0/B0/other-token';
    const noSlack = snsSlackAlertSink({ sns: () => sns, env: {}, logger, post: () => Promise.reject(new Error('no')) });
    await noSlack.send(target, [alert('x')]);
    const failing = snsSlackAlertSink({
      sns: () => sns,
      env: { SLACK_URL: url },
      logger,
      post: () => Promise.reject(new Error(`fetch to ${url} failed`)),
    });
    // The SNS alert went out: a broken webhook must not make it count as unsent (it would repeat every run).
    await expect(failing.send(target, [alert('x')])).resolves.toBeUndefined();
    expect(sns.published).toHaveLength(2);
    const warning = lines.find((l) => l.level === 'warn')?.line ?? '';
    expect(warning).toMatch(/Slack alert \(SLACK_URL\) for seoul-1 failed/);
    expect(warning).not.toContain('other-token');
  });

  it('throws when SNS, the channel every cohort has, fails', async () => {
    const { logger } = captureLogger();
    const failingSns = { publish: () => Promise.reject(new Error('AuthorizationError')) };
    const sink = snsSlackAlertSink({ sns: () => failingSns, env: {}, logger, post: async () => undefined });
    await expect(sink.send(target, [alert('x')])).rejects.toThrow(/alert delivery failed: SNS .*AuthorizationError/);
  });

  it('derives the topic from the cohort, its primary region and the account', () => {
    const cohort = { id: 'c-1', regions: { primary: 'eu-west-1' }, notifications: {} };
    expect(cohortAlertTarget(cohort, 'acme-c-1-alerts', '111122223333', 'crawl')).toEqual({
      cohortId: 'c-1',
      job: 'crawl',
      region: 'eu-west-1',
      topicArn: 'arn:aws:sns:eu-west-1:111122223333:acme-c-1-alerts',
    });
  });
});

describe('alerting once across runs', () => {
  const Schema = z.object({ activeAlerts: z.array(z.string()) });

  async function run(store: OpsStateStore, sns: RecordingSns, current: readonly Alert[], dryRun = false) {
    const { logger } = captureLogger();
    const sink = snsSlackAlertSink({ sns: () => sns, env: {}, logger });
    const where = { cohortId: 'seoul-1', job: 'cost-report', now: new Date('2026-12-07T00:00:00Z'), dryRun };
    let delivery: Awaited<ReturnType<typeof deliverNewAlerts>> | undefined;
    await updateOpsState(store, where, Schema, async (prev) => {
      delivery = await deliverNewAlerts(sink, target, prev?.activeAlerts, current, dryRun);
      return { activeAlerts: delivery.activeKeys };
    });
    return delivery;
  }

  it('sends a crossed threshold once, and again only after it cleared and came back', async () => {
    const store = new OpsStateStore(new MemoryS3(), 'state');
    const sns = new RecordingSns();
    await run(store, sns, [alert('budget:80')]);
    await run(store, sns, [alert('budget:80')]);
    expect(sns.published).toHaveLength(1);
    await run(store, sns, []);
    await run(store, sns, [alert('budget:80')]);
    expect(sns.published).toHaveLength(2);
  });

  it('retries next run when the send failed, and sends nothing on a dry run', async () => {
    const store = new OpsStateStore(new MemoryS3(), 'state');
    const sns = new RecordingSns();
    const dry = await run(store, sns, [alert('crawler:x:failed')], true);
    expect(dry?.pending.map((a) => a.key)).toEqual(['crawler:x:failed']);
    sns.failWith = new Error('KMSAccessDenied');
    await expect(run(store, sns, [alert('crawler:x:failed')])).rejects.toThrow(/alert delivery failed/);
    sns.failWith = undefined;
    await run(store, sns, [alert('crawler:x:failed')]);
    expect(sns.published).toHaveLength(1);
  });
});

describe('the Slack secret a cohort names', () => {
  it.each(['AWS_SECRET_ACCESS_KEY', 'GITHUB_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_URL', 'INPUT_GITHUB-TOKEN'])(
    'is never %s: the job reads none of its own credentials as a webhook',
    async (name) => {
      const sns = new RecordingSns();
      const { logger, lines } = captureLogger();
      const posts: string[] = [];
      const sink = snsSlackAlertSink({
        sns: () => sns,
        env: { [name]: 'https://attacker.example/collect' },
        logger,
        post: async (url) => {
          posts.push(url);
        },
      });
      await sink.send({ ...target, slackWebhookSecret: name }, [alert('x')]);
      expect(posts).toEqual([]);
      expect(sns.published).toHaveLength(1);
      expect(lines.map((l) => l.line).join('\n')).toContain(`${name} is a credential of the job`);
    },
  );
});
