/**
 * The cohort's monthly cost budget, filtered on its cost-allocation tag: an actual-spend notification at each
 * `alertPercents` value and a forecast one at 100%, and at `freezeAtPercent` a budget action that attaches the
 * deny-writes policy to the students group. Budgets refresh a few times a day, so this is a backstop; the real-time
 * limits are the Athena cutoff, Glue timeouts and worker caps (pitfall 9).
 */
import { TAG_COHORT } from '../../src/cohort/names.ts';
import { BudgetsBudget, BudgetsBudgetAction, Construct, type IamGroup, type SnsTopic } from '../cdktf-classes.ts';
import { budgetActionRolePolicy, budgetActionTrust, freezePolicy } from '../policies/budget.ts';
import { create } from './address.ts';
import type { CohortContext } from './cohort-context.ts';
import { uniqueEmails } from './emails.ts';
import { managedPolicy, role } from './iam.ts';
import { literal } from './terraform-text.ts';

/** AWS Budgets allows at most this many email subscribers per notification (and per budget action). */
export const MAX_EMAIL_SUBSCRIBERS = 10;

/** The Budgets cost filter value selecting one cohort's tagged costs (`TagKeyValue` format). */
export function cohortCostFilterValue(cohortId: string): string {
  return `user:${TAG_COHORT}$${cohortId}`;
}

/**
 * Instructors' addresses for budget notifications, each once. Beyond ten, the first ten get the emails; the others
 * still hear of it through the alerts topic (validation warns about cohorts that go over).
 */
export function budgetEmails(cohort: CohortContext['cohort']): string[] {
  const unique = uniqueEmails(cohort.instructors.map((i) => i.email));
  return unique.slice(0, MAX_EMAIL_SUBSCRIBERS).map(literal);
}

export class Budget extends Construct {
  readonly budget: BudgetsBudget;

  constructor(scope: Construct, ctx: CohortContext, topic: SnsTopic, studentsGroup: IamGroup) {
    super(scope, 'budget');
    const { cohort, names } = ctx;
    const emails = budgetEmails(cohort);
    const subscribers = { subscriberEmailAddresses: emails, subscriberSnsTopicArns: [topic.arn] };
    this.budget = create(this, BudgetsBudget, 'cohort', {
      name: names.budget,
      budgetType: 'COST',
      timeUnit: 'MONTHLY',
      limitAmount: String(cohort.budget.limitUsd),
      limitUnit: 'USD',
      costFilter: [{ name: 'TagKeyValue', values: [cohortCostFilterValue(cohort.id)] }],
      notification: [
        ...cohort.budget.alertPercents.map((threshold) => ({
          notificationType: 'ACTUAL',
          comparisonOperator: 'GREATER_THAN',
          threshold,
          thresholdType: 'PERCENTAGE',
          ...subscribers,
        })),
        {
          notificationType: 'FORECASTED',
          comparisonOperator: 'GREATER_THAN',
          threshold: 100,
          thresholdType: 'PERCENTAGE',
          ...subscribers,
        },
      ],
    });

    const freezeAt = cohort.budget.freezeAtPercent;
    if (freezeAt === null) return;
    const freeze = managedPolicy(this, {
      logicalId: 'freeze',
      name: names.policy('freeze'),
      path: names.iamPath,
      description: `Denies writes to students of ${cohort.id} once its budget is spent`,
      document: freezePolicy(ctx.policy),
    });
    const executionRole = role(this, {
      logicalId: 'budget_action',
      name: names.role('budget-action'),
      path: names.iamPath,
      description: `AWS Budgets attaching the freeze policy for cohort ${cohort.id}`,
      trust: budgetActionTrust(ctx.policy),
      boundaryArn: ctx.boundaryArn,
      inlinePolicy: budgetActionRolePolicy(ctx.policy),
    });
    create(this, BudgetsBudgetAction, 'freeze', {
      budgetName: this.budget.name,
      actionType: 'APPLY_IAM_POLICY',
      approvalModel: 'AUTOMATIC',
      notificationType: 'ACTUAL',
      actionThreshold: { actionThresholdType: 'PERCENTAGE', actionThresholdValue: freezeAt },
      definition: { iamActionDefinition: { policyArn: freeze.arn, groups: [studentsGroup.name] } },
      executionRoleArn: executionRole.arn,
      subscriber: [
        { subscriptionType: 'SNS', address: topic.arn },
        ...emails.map((address) => ({ subscriptionType: 'EMAIL', address })),
      ],
    });
  }
}
