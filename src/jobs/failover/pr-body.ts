/**
 * Title and body of a failover or failback pull request: what merging changes, and the runbook steps around it.
 * Every value in it is a validated cohort id, region or derived name: nothing free-form from the cohort file.
 */
import { CohortNames } from '../../cohort/names.ts';
import type { Direction } from './cohort-file-edit.ts';
import { failoverResultsBucket } from './failover-names.ts';

export interface PullRequestText {
  readonly title: string;
  readonly body: string;
  readonly commitMessage: string;
}

export interface PullRequestFacts {
  readonly cohortId: string;
  readonly direction: Direction;
  readonly primary: string;
  readonly backup: string;
  readonly namePrefix: string;
  readonly file: string;
}

function failoverBody(f: PullRequestFacts, n: CohortNames): string {
  return `Sets \`regions.failover: true\` in \`${f.file}\`. Merging it and approving the apply builds, in **${f.backup}**, over the replica buckets:

- the Glue database \`${n.database}\` and one crawler per dataset over \`s3://${n.replicaBucket('raw')}/<dataset>/\`;
- the Athena workgroups (same names as in ${f.primary}: each student's and \`${n.instructorWorkgroup}\`), writing results to \`s3://${failoverResultsBucket(n)}/\`, encrypted with the backup key.

Nothing in ${f.primary} is changed or removed. The replicas stay read-only: students query them; what they write goes to the results bucket in ${f.backup}.

### Runbook
1. **Detect** — the DR audit failed, an AWS health event for ${f.primary}, or students cannot reach their data there. Check the latest \`dr-audit\` run for the recovery-point age: data written after it may not be in ${f.backup}.
2. **Review** — the review comment on this pull request shows the failover region in the architecture diagram; the plan must only *add* resources in ${f.backup}.
3. **Fail over** — merge, then approve the apply in the \`workshops-apply\` environment.
4. **Start the catalog** — run the crawlers in ${f.backup} (console, or \`aws glue start-crawler --region ${f.backup} --name <crawler>\`), then check the tables.
5. **Tell the students** — switch the console region to ${f.backup}; workgroup and database names are unchanged.
6. **Verify** — run a query as a student; run \`workshop dr-audit --cohort ${f.cohortId}\`.
7. **Fail back** — when ${f.primary} is healthy: \`workshop failover --cohort ${f.cohortId} --back\` (or the failover workflow with direction \`failback\`).`;
}

function failbackBody(f: PullRequestFacts, n: CohortNames): string {
  return `Removes \`regions.failover\` from \`${f.file}\`. Merging it and approving the apply removes what failover built in **${f.backup}**: the Glue database \`${n.database}\` there, its crawlers and tables, the Athena workgroups there, and the bucket \`${failoverResultsBucket(n)}\`. The replica buckets and replication are untouched.

### Before merging
- **Students' work in ${f.backup}**: anything written only there (query results, CTAS tables) is not copied back. Copy what must be kept to ${f.primary} first.
- **Empty \`${failoverResultsBucket(n)}\`** (all versions; the S3 console's *Empty* does this): Terraform never deletes a bucket that still holds objects, and the apply would stop there.
- Check ${f.primary} is healthy: its services answer and the \`dr-audit\` of this cohort passes.

### After the apply
1. Tell the students to switch the console region back to ${f.primary}.
2. Run \`workshop dr-drill --cohort ${f.cohortId}\` to prove replication still works.`;
}

export function pullRequestText(facts: PullRequestFacts): PullRequestText {
  const names = new CohortNames(facts.namePrefix, facts.cohortId);
  const failover = facts.direction === 'failover';
  const title = failover
    ? `Fail over ${facts.cohortId} to ${facts.backup}`
    : `Fail back ${facts.cohortId} to ${facts.primary}`;
  return {
    title,
    commitMessage: `${title}\n\n${failover ? 'Set' : 'Remove'} regions.failover in ${facts.file}.`,
    body: `${failover ? failoverBody(facts, names) : failbackBody(facts, names)}\n\n<sub>Opened by \`workshop failover\`.</sub>\n`,
  };
}
