/**
 * The cohort has a cost budget that tells someone. Also enforces the AWS limits a budget's notifications must stay
 * within (pitfall 13), which would otherwise fail only at apply time.
 */
import { digBlocks, stringList } from '../json-values.ts';
import { problemsPerResource, type Rule, requireType } from '../rule.ts';

const MAX_NOTIFICATIONS = 5;
const MAX_EMAIL_SUBSCRIBERS = 10;

export const budgetNotifications: Rule = {
  id: 'budget-notifications',
  severity: 'error',
  appliesTo: 'cohort',
  description: `The stack has an aws_budgets_budget; each has a notification with a subscriber, at most ${MAX_NOTIFICATIONS} notifications and ${MAX_EMAIL_SUBSCRIBERS} email subscribers each.`,
  check: (config) => [
    ...requireType(
      budgetNotifications,
      config,
      'aws_budgets_budget',
      'the stack has no budget; add a monthly aws_budgets_budget filtered on the cohort tag, with notifications',
    ),
    ...problemsPerResource(
      budgetNotifications,
      config,
      'aws_budgets_budget',
      'budget does not notify as it should',
      (budget) => {
        const notifications = digBlocks(budget.body, 'notification');
        const emails = (n: (typeof notifications)[number]) => stringList(n.subscriber_email_addresses).length;
        const problems: string[] = [];
        if (!notifications.some((n) => emails(n) + stringList(n.subscriber_sns_topic_arns).length > 0)) {
          problems.push('add notification blocks with subscriber_email_addresses or subscriber_sns_topic_arns');
        }
        if (notifications.length > MAX_NOTIFICATIONS) {
          problems.push(
            `keep at most ${MAX_NOTIFICATIONS} notifications (it has ${notifications.length}; the AWS limit)`,
          );
        }
        if (notifications.some((n) => emails(n) > MAX_EMAIL_SUBSCRIBERS)) {
          problems.push(
            `keep at most ${MAX_EMAIL_SUBSCRIBERS} email subscribers per notification; send to the SNS topic instead`,
          );
        }
        return problems;
      },
    ),
  ],
};
