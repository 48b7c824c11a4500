import { describe, expect, it } from 'vitest';
import type { PasswordPolicy } from '../../../src/aws/iam.ts';
import type { ResolvedCohort } from '../../../src/cohort/schema.ts';
import { snsSlackAlertSink } from '../../../src/jobs/common/alerts.ts';
import { runCohortJob } from '../../../src/jobs/common/job.ts';
import { OpsStateStore } from '../../../src/jobs/common/ops-state.ts';
import { renderJson, renderMarkdown } from '../../../src/jobs/common/report.ts';
import { ONBOARD_JOB, type OnboardDeps, onboardCohort } from '../../../src/jobs/onboard/onboard.ts';
import { meetsPolicy } from '../../../src/jobs/onboard/password.ts';
import { TEMPLATE_VARIABLES } from '../../../terraform-cdk/constructs/email-templates.ts';
import { ACCOUNT, SETTINGS, testCohort } from '../common/cohorts.ts';
import { MemoryS3, RecordingSns, testContext } from '../common/fakes.ts';
import { FakeIam, FakeSes } from './fakes.ts';

const NOW = '2026-12-01T00:00:00Z';
const FROM = 'workshops@acme.example';

function world() {
  const iam = new FakeIam();
  const ses = new FakeSes();
  const s3 = new MemoryS3();
  const sns = new RecordingSns();
  return { iam, ses, s3, sns };
}
type World = ReturnType<typeof world>;

async function run(w: World, cohorts: ResolvedCohort[], options: { dryRun?: boolean; resend?: string } = {}) {
  const ctx = testContext(NOW, options.dryRun ?? false);
  const deps: OnboardDeps = {
    iam: w.iam,
    ses: () => w.ses,
    state: new OpsStateStore(w.s3, SETTINGS.state.bucket),
    alerts: snsSlackAlertSink({ sns: () => w.sns, env: {}, logger: ctx.logger }),
    accountId: ACCOUNT,
    namePrefix: SETTINGS.namePrefix,
    passwordPolicy: () => w.iam.passwordPolicy(),
  };
  const opts = { from: FROM, ...(options.resend === undefined ? {} : { resend: options.resend }) };
  const report = await runCohortJob(ONBOARD_JOB, ctx, cohorts, (c) => onboardCohort(c, deps, ctx, opts));
  return { report, ctx };
}

const STRICT: PasswordPolicy = {
  minimumLength: 32,
  requireSymbols: true,
  requireNumbers: true,
  requireUppercase: true,
  requireLowercase: true,
};

describe('onboard', () => {
  it('creates a password meeting the policy for each student and sends it through the cohort template', async () => {
    const w = world();
    w.iam.policy = STRICT;
    const cohort = testCohort('seoul-1');
    const { report } = await run(w, [cohort]);
    expect(report.cohorts[0]?.status).toBe('ok');
    expect([...w.iam.profiles.keys()].sort()).toEqual([
      'acme-ws-seoul-1_s01',
      'acme-ws-seoul-1_s02',
      'acme-ws-seoul-1_s03',
    ]);
    expect(w.ses.templated).toHaveLength(3);
    for (const email of w.ses.templated) {
      expect(email.from).toBe(FROM);
      expect(email.templateName).toBe('acme-ws-seoul-1-onboarding');
      expect(Object.keys(email.templateData).sort()).toEqual([...TEMPLATE_VARIABLES.onboarding].sort());
      const password = w.iam.profiles.get(email.templateData.userName ?? '');
      expect(email.templateData.password).toBe(password);
      expect(meetsPolicy(password ?? '', STRICT)).toBe(true);
      expect(email.templateData.signInUrl).toBe(`https://${ACCOUNT}.signin.aws.amazon.com/console`);
      expect(email.templateData.start).toBe('2026-12-07');
      expect(email.templateData.end).toContain('2026-12-09');
    }
    const hana = w.ses.templated.find((e) => e.to === 'hana@example.com');
    expect(hana?.templateData).toMatchObject({
      name: 'Hana Choi',
      cohortTitle: 'Cohort seoul-1',
      userName: 'acme-ws-seoul-1_s01',
    });
    expect(new Set(w.ses.templated.map((e) => e.templateData.password)).size).toBe(3);
  });

  it('emails each instructor the switch-role link and the schedule, without a password, once', async () => {
    const w = world();
    const cohort = testCohort('seoul-1');
    await run(w, [cohort]);
    expect(w.ses.texts).toHaveLength(1);
    const mail = w.ses.texts[0];
    expect(mail?.to).toBe('jiwoo@example.com');
    expect(mail?.text).toContain(
      `https://signin.aws.amazon.com/switchrole?roleName=workshops%2Fseoul-1%2Facme-ws-seoul-1-instructor&account=${ACCOUNT}`,
    );
    expect(mail?.text).toContain('2026-12-07');
    expect(mail?.text).not.toMatch(/password:/i);
    await run(w, [cohort]);
    expect(w.ses.texts).toHaveLength(1);
  });

  it('skips people already onboarded on a re-run', async () => {
    const w = world();
    const cohort = testCohort('seoul-1');
    w.iam.profiles.set('acme-ws-seoul-1_s02', 'set-by-student');
    const first = await run(w, [cohort]);
    expect(w.ses.templated.map((e) => e.to).sort()).toEqual(['hana@example.com', 'yujin@example.com']);
    expect(w.iam.profiles.get('acme-ws-seoul-1_s02')).toBe('set-by-student');
    expect(first.report.cohorts[0]?.summary).toBe('3 onboarded, 1 already onboarded');
    const second = await run(w, [cohort]);
    expect(w.ses.templated).toHaveLength(2);
    expect(second.report.cohorts[0]?.summary).toBe('4 already onboarded');
  });

  it('never lets a password reach a log line, the reports or the stored state', async () => {
    const w = world();
    w.ses.rejecting.add('yujin@example.com');
    const cohort = testCohort('seoul-1');
    const { report, ctx } = await run(w, [cohort]);
    // The send failure is reported with the SES message, which must not carry a password either.
    const resent = await run(w, [cohort], { resend: 's01' });
    // Three first passwords (one of them never sent and removed again) and one resent.
    const passwords = w.iam.history;
    expect(passwords).toHaveLength(4);
    const outputs = [
      ...ctx.log.lines.map((l) => l.line),
      ...resent.ctx.log.lines.map((l) => l.line),
      renderMarkdown(report),
      renderJson(report),
      renderMarkdown(resent.report),
      renderJson(resent.report),
      ...[...w.s3.objects.values()].map((o) => o.body),
      ...w.sns.published.map((p) => p.message),
    ].join('\n');
    for (const password of passwords) expect(outputs).not.toContain(password);
    // Every password was masked before use, so the action's runner masks them too.
    expect([...ctx.log.secrets, ...resent.ctx.log.secrets]).toEqual(expect.arrayContaining(passwords));
  });

  it('reports a send failure per person, keeps going, removes the unsent password and retries next run', async () => {
    const w = world();
    w.ses.rejecting.add('daniel@example.com');
    const cohort = testCohort('seoul-1');
    const { report } = await run(w, [cohort]);
    const outcome = report.cohorts[0];
    expect(outcome?.status).toBe('failed');
    expect(outcome?.problems).toEqual([
      expect.stringMatching(/^student s02: MessageRejected: .*the password was removed again; the next run retries$/),
    ]);
    expect(w.iam.profiles.has('acme-ws-seoul-1_s02')).toBe(false);
    expect(w.ses.templated.map((e) => e.to).sort()).toEqual(['hana@example.com', 'yujin@example.com']);
    w.ses.rejecting.clear();
    const again = await run(w, [cohort]);
    expect(again.report.cohorts[0]?.status).toBe('ok');
    expect(w.ses.templated.map((e) => e.to)).toContain('daniel@example.com');
  });

  it('reports a bounced address without issuing a password, and alerts about it once across runs', async () => {
    const w = world();
    w.ses.suppressed.set('yujin@example.com', { reason: 'BOUNCE', since: new Date('2026-11-30T00:00:00Z') });
    const cohort = testCohort('seoul-1');
    const first = await run(w, [cohort]);
    expect(first.report.cohorts[0]?.status).toBe('warning');
    expect(w.iam.profiles.has('acme-ws-seoul-1_s03')).toBe(false);
    expect(first.report.cohorts[0]?.problems.join('\n')).toMatch(
      /SES suppresses yujin@example\.com \(BOUNCE since 2026-11-30\)/,
    );
    await run(w, [cohort]);
    expect(w.sns.published).toHaveLength(1);
    expect(w.sns.published[0]?.topicArn).toBe(`arn:aws:sns:ap-northeast-2:${ACCOUNT}:acme-ws-seoul-1-alerts`);
    expect(w.sns.published[0]?.message).toContain('student s03');
  });

  it('flags a password no run recorded as emailed (a job stopped mid-way) until --resend sends it', async () => {
    const w = world();
    const cohort = testCohort('seoul-1');
    await run(w, [cohort]);
    // As if s03's password had been set by a run killed before SES accepted the email: no record of it.
    const key = `${SETTINGS.state.bucket}/ops/seoul-1/onboard.json`;
    const stored = w.s3.objects.get(key);
    const state = JSON.parse(stored?.body ?? '{}');
    expect(state.data.studentsEmailed).toEqual(['s01', 's02', 's03']);
    state.data.studentsEmailed = ['s01', 's02'];
    if (stored) w.s3.objects.set(key, { ...stored, body: JSON.stringify(state) });

    const flagged = await run(w, [cohort]);
    expect(flagged.report.cohorts[0]?.problems.join('\n')).toMatch(
      /student s03: .*no run recorded its email as sent.*--resend/,
    );
    expect(flagged.report.cohorts[0]?.problems.join('\n')).not.toMatch(/student s0[12]:/);

    await run(w, [cohort], { resend: 's03' });
    const clear = await run(w, [cohort]);
    expect(clear.report.cohorts[0]?.problems).toEqual([]);
  });

  it('--resend issues a new password to one student and sends it again', async () => {
    const w = world();
    const cohort = testCohort('seoul-1');
    await run(w, [cohort]);
    const before = w.iam.profiles.get('acme-ws-seoul-1_s02');
    const { report } = await run(w, [cohort], { resend: 's02' });
    const after = w.iam.profiles.get('acme-ws-seoul-1_s02');
    expect(after).not.toBe(before);
    expect(w.iam.calls).toContain('UpdateLoginProfile acme-ws-seoul-1_s02');
    expect(w.ses.templated.at(-1)).toMatchObject({ to: 'daniel@example.com' });
    expect(w.ses.templated.at(-1)?.templateData.password).toBe(after);
    expect(report.cohorts[0]?.summary).toBe('1 new password sent');
    expect(w.ses.templated).toHaveLength(4);
  });

  it('changes nothing on a dry run', async () => {
    const w = world();
    const { report } = await run(w, [testCohort('seoul-1')], { dryRun: true });
    expect(w.iam.profiles.size).toBe(0);
    expect(w.ses.templated).toHaveLength(0);
    expect(w.ses.texts).toHaveLength(0);
    expect(w.s3.puts).toBe(0);
    expect(report.cohorts[0]?.summary).toBe('4 would be onboarded');
  });

  it("isolates cohorts: one cohort's permanent IAM error leaves the other onboarded", async () => {
    const w = world();
    const a = testCohort('cohort-a');
    const b = testCohort('cohort-b');
    for (const s of a.students) w.iam.denied.add(`acme-ws-cohort-a_${s.id}`);
    const { report } = await run(w, [a, b]);
    expect(report.cohorts.map((c) => [c.cohortId, c.status])).toEqual([
      ['cohort-a', 'failed'],
      ['cohort-b', 'ok'],
    ]);
    expect(report.cohorts[0]?.problems[0]).toMatch(/AccessDenied/);
    expect([...w.iam.profiles.keys()].filter((k) => k.startsWith('acme-ws-cohort-b_'))).toHaveLength(3);
  });
});
