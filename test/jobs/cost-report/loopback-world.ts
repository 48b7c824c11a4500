/** AWS as the cost report sees it, on the loopback server: one Cost Explorer query in two pages, budgets, Athena, Glue, CloudWatch, SNS and the state bucket. */
import { awsError, json, type LoopbackHandler, memoryObjects, queryResult } from '../../support/aws-loopback.ts';

const GB = 1024 ** 3;
const epoch = (iso: string) => new Date(iso).getTime() / 1000;
const TAG = 'workshop:cohort';

/**
 * Every cohort has a $100 budget with $60 spent and $90 forecast, except `missingBudget`, whose budget does not
 * exist. Cost Explorer has $40 of Athena and $20 of Glue for `spender`; every student s01 ran one 50 GB query.
 */
export function costAws(options: { readonly missingBudget?: string; readonly spender?: string } = {}) {
  const { missingBudget, spender = 'fine-1' } = options;
  const objects = memoryObjects();
  const published: string[] = [];
  const ceBodies: Record<string, unknown>[] = [];
  const group = (cohort: string, service: string, amount: string) => ({
    Keys: [`${TAG}$${cohort}`, service],
    Metrics: { UnblendedCost: { Amount: amount, Unit: 'USD' } },
  });
  const handler: LoopbackHandler = (r) => {
    const s3 = objects.handle(r);
    if (s3 !== undefined) return s3;
    // JSON services only: SNS sends a form.
    const body = r.headers['content-type']?.includes('json') ? (JSON.parse(r.body) as Record<string, unknown>) : {};
    switch (`${r.service} ${r.operation}`) {
      case 'ce GetCostAndUsage': {
        ceBodies.push(body);
        const first = body.NextPageToken === undefined;
        const day = first ? '2026-12-02' : '2026-12-05';
        return json({
          ResultsByTime: [
            {
              TimePeriod: { Start: day, End: day },
              Estimated: !first,
              Groups: [group(spender, first ? 'Amazon Athena' : 'AWS Glue', first ? '40' : '20')],
            },
          ],
          ...(first ? { NextPageToken: 'page-2' } : {}),
        });
      }
      case 'budgets DescribeBudget':
        if (missingBudget !== undefined && body.BudgetName === `acme-ws-${missingBudget}-monthly`) {
          const message = `Unable to get budget: ${String(body.BudgetName)} - the budget doesn't exist.`;
          return awsError('budgets', 'NotFoundException', message);
        }
        return json({
          Budget: {
            BudgetName: body.BudgetName,
            BudgetType: 'COST',
            TimeUnit: 'MONTHLY',
            BudgetLimit: { Amount: '100.0', Unit: 'USD' },
            CalculatedSpend: {
              ActualSpend: { Amount: '60', Unit: 'USD' },
              ForecastedSpend: { Amount: '90', Unit: 'USD' },
            },
            LastUpdatedTime: epoch('2026-12-07T06:00:00Z'),
          },
        });
      case 'athena ListQueryExecutions':
        return json({
          QueryExecutionIds: String(body.WorkGroup).endsWith('_s01') ? [`q1${String(body.WorkGroup)}`] : [],
        });
      case 'athena BatchGetQueryExecution': {
        const [id = ''] = body.QueryExecutionIds as string[];
        return json({
          QueryExecutions: [
            {
              QueryExecutionId: id,
              Query: 'SELECT * FROM trips',
              StatementType: 'DML',
              WorkGroup: id.slice(2),
              Status: { State: 'SUCCEEDED', SubmissionDateTime: epoch('2026-12-03T10:00:00Z') },
              Statistics: { DataScannedInBytes: 50 * GB },
            },
          ],
          UnprocessedQueryExecutionIds: [],
        });
      }
      case 'glue GetTables':
        return json({ TableList: [] });
      case 'glue GetJobRuns':
        return json({ JobRuns: [] });
      case 'monitoring ListMetrics':
        return json({ Metrics: [] });
      case 'sts GetCallerIdentity':
        return queryResult('GetCallerIdentity', {
          Account: '123456789012',
          Arn: 'arn:aws:sts::123456789012:assumed-role/workshop-gitops-ops/run',
          UserId: 'x',
        });
      case 'sns Publish':
        published.push(r.params.get('Message') ?? '');
        return queryResult('Publish', { MessageId: 'p-1' });
      default:
        return awsError(r.service, 'UnknownOperation', `${r.service} ${r.operation}`);
    }
  };
  return { handler, objects, published, ceBodies };
}
