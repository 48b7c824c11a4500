/** The body of the cohort's CloudWatch dashboard: Glue runs, Athena bytes per workgroup, bucket sizes, replication. */

export interface DashboardInput {
  readonly region: string;
  readonly cohortId: string;
  /** Every Glue job of the cohort (base jobs and students' copies). */
  readonly jobNames: readonly string[];
  readonly workgroups: readonly string[];
  readonly buckets: readonly string[];
  /** Source and replica bucket pairs with the replication rule id, when there is a backup region. */
  readonly replication: readonly { readonly source: string; readonly replica: string; readonly ruleId: string }[];
}

type Metric = readonly (string | Record<string, string | number>)[];

const WIDTH = 24;
const HEIGHT = 6;

function graph(title: string, region: string, metrics: readonly Metric[], stat: string, period: number) {
  return {
    type: 'metric',
    width: WIDTH,
    height: HEIGHT,
    properties: { title, region, stat, period, view: 'timeSeries', stacked: false, metrics },
  };
}

export function dashboardBody(input: DashboardInput): { widgets: unknown[] } {
  const { region } = input;
  const widgets: unknown[] = [
    {
      type: 'text',
      width: WIDTH,
      height: 2,
      // The id, not the title: text from a cohort file is data and must not be rendered as markdown.
      properties: { markdown: `## Workshop cohort ${input.cohortId}` },
    },
  ];
  if (input.jobNames.length > 0) {
    const runs = input.jobNames.flatMap((job): Metric[] => [
      ['Glue', 'glue.succeed.ALL', 'JobName', job, 'JobRunId', 'ALL', 'Type', 'count', 'ObservabilityGroup', 'error'],
      ['Glue', 'glue.error.ALL', 'JobName', job, 'JobRunId', 'ALL', 'Type', 'count', 'ObservabilityGroup', 'error'],
    ]);
    widgets.push(graph('Glue job runs (succeeded / failed)', region, runs, 'Sum', 3600));
  }
  const bytes = input.workgroups.map(
    (workgroup): Metric => [
      'AWS/Athena',
      'ProcessedBytes',
      'QueryState',
      'SUCCEEDED',
      'QueryType',
      'DML',
      'WorkGroup',
      workgroup,
    ],
  );
  widgets.push(graph('Athena bytes scanned per workgroup', region, bytes, 'Sum', 3600));
  const sizes = input.buckets.map(
    (bucket): Metric => ['AWS/S3', 'BucketSizeBytes', 'BucketName', bucket, 'StorageType', 'StandardStorage'],
  );
  widgets.push(graph('Bucket sizes (Standard storage)', region, sizes, 'Average', 86400));
  if (input.replication.length > 0) {
    const latency = input.replication.map(
      (r): Metric => [
        'AWS/S3',
        'ReplicationLatency',
        'SourceBucket',
        r.source,
        'DestinationBucket',
        r.replica,
        'RuleId',
        r.ruleId,
      ],
    );
    widgets.push(graph('Replication latency (seconds)', region, latency, 'Maximum', 300));
  }
  return { widgets };
}
