import { describe, expect, it } from 'vitest';
import { demandOf } from '../../../src/jobs/preflight/demand.ts';
import { testCohort } from '../common/cohorts.ts';

const etl = [{ name: 'clean', script: 'clean.py' }];

describe('what the cohorts need from the account', () => {
  it('names each student user, group, workgroup and job copy, per region', () => {
    const a = testCohort('cohort-a', { etl });
    const b = testCohort('cohort-b', { regions: { primary: 'eu-west-1' } });
    const demand = demandOf('acme-ws', [a, b]);
    expect(demand.users).toEqual([
      'acme-ws-cohort-a_s01',
      'acme-ws-cohort-a_s02',
      'acme-ws-cohort-a_s03',
      'acme-ws-cohort-b_s01',
      'acme-ws-cohort-b_s02',
      'acme-ws-cohort-b_s03',
    ]);
    expect(demand.groups).toEqual(['acme-ws-cohort-a-students', 'acme-ws-cohort-b-students']);
    expect(demand.regions.map((r) => r.region)).toEqual(['ap-northeast-2', 'eu-west-1']);
    const seoul = demand.regions[0];
    expect(seoul?.workgroups).toHaveLength(4);
    expect(seoul?.glueJobs).toEqual([
      'acme-ws-cohort-a-clean',
      'acme-ws-cohort-a_s01_clean',
      'acme-ws-cohort-a_s02_clean',
      'acme-ws-cohort-a_s03_clean',
    ]);
    // Three students and the scheduled base job, all running the one ETL job at once.
    expect(seoul?.classPeaks).toEqual([{ cohortId: 'cohort-a', runs: 4 }]);
    // Three students and one instructor are emailed.
    expect(seoul?.recipients).toBe(4);
    expect(demand.regions[1]).toMatchObject({ glueJobs: [], classPeaks: [], sends: true, catalog: true });
  });

  it('puts a failover cohort’s workgroups and catalog in its backup region too, and nothing else there', () => {
    const failover = testCohort('cohort-a', {
      regions: { primary: 'ap-northeast-2', backup: 'ap-southeast-1', failover: true },
      etl,
    });
    const backupOnly = testCohort('cohort-b', { regions: { primary: 'ap-northeast-2', backup: 'us-west-2' } });
    const demand = demandOf('acme-ws', [failover, backupOnly]);
    expect(demand.regions.map((r) => r.region)).toEqual(['ap-northeast-2', 'ap-southeast-1']);
    expect(demand.regions[1]).toMatchObject({ catalog: true, sends: false, recipients: 0, glueJobs: [] });
    expect(demand.regions[1]?.workgroups).toHaveLength(4);
  });
});
