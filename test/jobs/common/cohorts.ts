/** Cohorts and settings for job tests, through the real schema so defaults are applied as in production. */
import { Cohort, type CohortInput, type ResolvedCohort } from '../../../src/cohort/schema.ts';
import { Settings } from '../../../src/cohort/settings-schema.ts';

export const ACCOUNT = '123456789012';

export const SETTINGS = Settings.parse({
  namePrefix: 'acme-ws',
  state: { bucket: 'acme-workshops-terraform-state', region: 'us-east-1' },
  github: {
    repository: 'acme/workshop-gitops',
    planRoleArn: `arn:aws:iam::${ACCOUNT}:role/workshop-gitops-plan`,
    applyRoleArn: `arn:aws:iam::${ACCOUNT}:role/workshop-gitops-apply`,
  },
});

export function testCohort(id: string, overrides: Partial<CohortInput> = {}): ResolvedCohort {
  const file = Cohort.parse({
    id,
    title: `Cohort ${id}`,
    owner: 'jkim',
    schedule: { start: '2026-12-07', end: '2026-12-09', timezone: 'Asia/Seoul' },
    regions: { primary: 'ap-northeast-2' },
    budget: { limitUsd: 100 },
    instructors: [{ name: 'Jiwoo Kim', email: 'jiwoo@example.com' }],
    students: [
      { id: 's01', name: 'Hana Choi', email: 'hana@example.com' },
      { id: 's02', name: 'Daniel Lee', email: 'daniel@example.com' },
      { id: 's03', name: '정유진', email: 'yujin@example.com' },
    ],
    ...overrides,
  });
  return { ...file, students: file.students ?? [] };
}
