/**
 * Properties of every document at once: within AWS size limits for the largest cohort the schema allows, the same
 * output for the same input, real action names, no `*` on `*`, and name patterns that reach exactly one cohort.
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { describe, expect, test } from 'vitest';
import { derivedNames } from '../../../src/cohort/names.ts';
import * as policies from '../../../terraform-cdk/policies/index.ts';
import {
  ACCOUNT_READS,
  applyRolePolicy,
  type BootstrapPolicyContext,
  OBSERVABILITY_READS,
  POLICY_LIMITS,
  type PolicyContext,
  type PolicyDocument,
  policySize,
} from '../../../terraform-cdk/policies/index.ts';
import { busan, largestCohort, PREFIX, seoul, seoulFailover, seoulSibling } from './cohort-context.ts';
import { allowAll } from './requests.ts';
import { ACCOUNT, simulate } from './simulate.ts';

const boot: BootstrapPolicyContext = {
  accountId: ACCOUNT,
  repository: 'acme/workshop-gitops',
  stateBucket: 'acme-workshops-terraform-state',
  namePrefix: 'abcdefghijkl',
  stateRegion: 'us-east-1',
};

type Limit = keyof typeof POLICY_LIMITS;

/** Every document a cohort stack attaches, with the limit of the place it goes. */
function cohortDocuments(ctx: PolicyContext): [string, PolicyDocument, Limit][] {
  const topic = `arn:aws:sns:${ctx.cohort.regions.primary}:${ACCOUNT}:${ctx.names.topic}`;
  const withBackup = ctx.cohort.regions.backup !== undefined;
  return [
    ['student', policies.studentPolicy(ctx), 'managedPolicy'],
    ['student guard', policies.studentTimeAndPlaceGuard(ctx), 'groupInline'],
    ['boundary', policies.cohortBoundary(ctx), 'managedPolicy'],
    ['instructor', policies.instructorPolicy(ctx), 'managedPolicy'],
    ['instructor trust', policies.instructorTrust(ctx), 'trustPolicy'],
    ['glue', policies.glueRolePolicy(ctx), 'managedPolicy'],
    ['glue trust', policies.glueTrust(), 'trustPolicy'],
    ...(withBackup
      ? ([
          ['replication', policies.replicationRolePolicy(ctx), 'managedPolicy'],
          ['backup key', policies.keyPolicy(ctx, 'backup'), 'keyPolicy'],
        ] as [string, PolicyDocument, Limit][])
      : []),
    ['replication trust', policies.replicationTrust(), 'trustPolicy'],
    ['budget action', policies.budgetActionRolePolicy(ctx), 'roleInline'],
    ['budget action trust', policies.budgetActionTrust(ctx), 'trustPolicy'],
    ['freeze', policies.freezePolicy(ctx), 'managedPolicy'],
    ['primary key', policies.keyPolicy(ctx, 'primary'), 'keyPolicy'],
    ['raw bucket', policies.bucketPolicy(ctx, ctx.names.bucket('raw')), 'bucketPolicy'],
    ['trail bucket', policies.bucketPolicy(ctx, ctx.names.bucket('trail'), { cloudtrail: true }), 'bucketPolicy'],
    ['topic', policies.topicPolicy(ctx, topic), 'topicPolicy'],
    ['trail delivery', policies.trailLogsRolePolicy(ctx), 'roleInline'],
    ['trail delivery trust', policies.trailLogsTrust(), 'trustPolicy'],
  ];
}

function bootstrapDocuments(ctx: BootstrapPolicyContext): [string, PolicyDocument, Limit][] {
  return [
    ['plan', policies.planRolePolicy(ctx), 'managedPolicy'],
    ['apply', policies.applyRolePolicy(ctx), 'roleInline'],
    ['plan trust', policies.githubPlanTrust(ctx), 'trustPolicy'],
    ['apply trust', policies.githubApplyTrust(ctx), 'trustPolicy'],
    ['ops trust', policies.githubOpsTrust(ctx), 'trustPolicy'],
    ['state bucket', policies.stateBucketPolicy(ctx), 'bucketPolicy'],
  ];
}

const cohorts: [string, () => PolicyContext][] = [
  ['seoul', seoul],
  ['busan', busan],
  ['seoul with failover', seoulFailover],
  ['the largest cohort', largestCohort],
  ['the largest cohort with Lake Formation managed', () => ({ ...largestCohort(), lakeFormation: 'managed' })],
];

const allDocuments = (): [string, PolicyDocument][] => [
  ...cohorts.flatMap(([name, make]) =>
    cohortDocuments(make()).map(([doc, document]): [string, PolicyDocument] => [`${name} ${doc}`, document]),
  ),
  ...bootstrapDocuments(boot).map(([doc, document]): [string, PolicyDocument] => [`bootstrap ${doc}`, document]),
];

describe('sizes', () => {
  test.each(cohorts)('every document of %s fits where it is attached', (_, make) => {
    for (const [name, document, limit] of cohortDocuments(make())) {
      expect(policySize(document), `${name} (${limit})`).toBeLessThanOrEqual(POLICY_LIMITS[limit]);
    }
  });

  test('the bootstrap documents fit, with the longest name prefix', () => {
    for (const [name, document, limit] of bootstrapDocuments(boot)) {
      expect(policySize(document), `${name} (${limit})`).toBeLessThanOrEqual(POLICY_LIMITS[limit]);
    }
  });

  test('student, boundary and instructor sizes do not grow with students, datasets or ETL jobs', () => {
    const large = largestCohort();
    const small = { ...large, cohort: { ...large.cohort, students: large.cohort.students.slice(0, 1) } };
    for (const build of [policies.studentPolicy, policies.cohortBoundary, policies.instructorPolicy]) {
      expect(policySize(build(large))).toBe(policySize(build(small)));
    }
  });
});

test('documents are deterministic: the same cohort gives the same JSON', () => {
  const first = allDocuments().map(([name, document]) => [name, JSON.stringify(document)]);
  const second = allDocuments().map(([name, document]) => [name, JSON.stringify(document)]);
  expect(second).toEqual(first);
});

describe('statements', () => {
  const documents = allDocuments();
  const statements = documents.flatMap(([name, document]) => document.Statement.map((s) => ({ name, s })));

  test('statement ids are unique within each document', () => {
    for (const [name, document] of documents) {
      const sids = document.Statement.map((s) => s.Sid).filter((sid) => sid !== undefined);
      expect(new Set(sids).size, name).toBe(sids.length);
    }
  });

  test('no Allow grants every action on every resource', () => {
    const everything = statements.filter(
      ({ s }) => s.Effect === 'Allow' && [s.Action].flat().includes('*') && [s.Resource].flat().includes('*'),
    );
    expect(everything).toEqual([]);
  });

  test('every action named without a wildcard exists', async () => {
    const named = new Set(
      statements.flatMap(({ s }) => [s.Action ?? [], s.NotAction ?? []].flat()).filter((a) => !a.includes('*')),
    );
    expect(named.size).toBeGreaterThan(50);
    const unknown: string[] = [];
    for (const action of named) {
      const result = await runSimulation(
        {
          request: {
            principal: `arn:aws:iam::${ACCOUNT}:user/x`,
            action,
            resource: { resource: '*', accountId: ACCOUNT },
            contextVariables: {},
          },
          identityPolicies: [],
          serviceControlPolicies: [],
          resourceControlPolicies: [],
        },
        {},
      );
      if (result.resultType === 'error' && JSON.stringify(result.errors).includes('invalid.action'))
        unknown.push(action);
    }
    expect(unknown).toEqual([]);
  });

  test('students are never granted iam:PassRole', () => {
    const ctx = largestCohort();
    for (const document of [policies.studentPolicy(ctx), policies.studentTimeAndPlaceGuard(ctx)]) {
      for (const s of document.Statement.filter((st) => st.Effect === 'Allow')) {
        expect([s.Action].flat().some((a) => a === 'iam:PassRole' || a === 'iam:*' || a === '*')).toBe(false);
      }
    }
  });

  test('each student-facing document is time-bounded on its own', () => {
    const ctx = seoul();
    for (const document of [policies.studentPolicy(ctx), policies.studentTimeAndPlaceGuard(ctx)]) {
      const bound = document.Statement.find(
        (s) => s.Effect === 'Deny' && s.Condition?.DateGreaterThan?.['aws:CurrentTime'] === ctx.accessEnd,
      );
      expect(bound).toBeDefined();
    }
  });
});

describe('the boundary', () => {
  const ctx = seoul();
  const everything = allowAll();

  test.each([...ACCOUNT_READS, ...OBSERVABILITY_READS])('admits the account-level read %s', async (action) => {
    const decision = await simulate({
      identityPolicies: [everything],
      boundary: policies.cohortBoundary(ctx),
      action,
      resource: '*',
      context: {},
    });
    expect(decision).toBe('Allowed');
  });

  test.each<[string, () => PolicyContext]>([
    ['seoul (backup region)', seoul],
    ['busan (no backup region)', busan],
    ['seoul with failover', seoulFailover],
  ])('covers exactly the buckets the validator derives for %s', (_, make) => {
    const c = make();
    const data = policies.cohortBoundary(c).Statement.find((st) => st.Sid === 'CohortData');
    const buckets = new Set([data?.Resource ?? []].flat().map((arn) => arn.replace(/^arn:aws:s3:::|\/\*$/g, '')));
    const derived = derivedNames(PREFIX, c.cohort).filter((d) => d.kind === 's3Bucket');
    expect([...buckets].sort()).toEqual(derived.map((d) => d.name).sort());
  });

  test('is attached to no apply-created principal without the cohort path', () => {
    // The apply role may only create users and roles that carry a boundary from a cohort path.
    const statement = applyRolePolicy(boot).Statement.find((s) => s.Sid === 'CohortUsersRolesWithBoundary');
    expect(statement?.Condition?.ArnLike?.['iam:PermissionsBoundary']).toBe(
      `arn:aws:iam::${ACCOUNT}:policy/workshops/*`,
    );
  });
});

describe('name patterns reach exactly one cohort', () => {
  // Seoul and a cohort whose id extends Seoul's, which a `<base>-*` pattern would confuse.
  const a = seoul();
  const b = seoulSibling();
  const names = [...derivedNames(PREFIX, a.cohort), ...derivedNames(PREFIX, b.cohort)];
  const ofKind = (kind: string) => names.filter((d) => d.kind === kind).map((d) => d.name);
  const glob = (pattern: string) => new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`);

  test("a student's job pattern matches their own ETL copies and nothing else", () => {
    for (const student of a.cohort.students.slice(0, 5)) {
      const user = a.names.studentUser(student.id);
      const pattern = glob(`${user}_*`);
      const own = a.cohort.etl.map((e) => a.names.studentJob(e.name, student.id));
      expect(ofKind('glueJob').filter((job) => pattern.test(job))).toEqual(own);
    }
  });

  test("the cohort's workgroup patterns match its workgroups and no other cohort's", () => {
    const patterns = [glob(`${a.names.studentPrefix}*`), glob(a.names.instructorWorkgroup)];
    const mine = ofKind('athenaWorkgroup').filter((w) => patterns.some((p) => p.test(w)));
    const expected = [a.names.instructorWorkgroup, ...a.cohort.students.map((s) => a.names.studentUser(s.id))];
    expect(mine.sort()).toEqual(expected.sort());
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
