/** Failing checks and conditions, from format 1.2's `checks` or format 1.1's `condition_results`. */
import type { CheckFailure } from './plan-types.ts';
import type { PlanJson } from './terraform-plan-json.ts';

function isFailure(status: string): status is 'fail' | 'error' {
  return status === 'fail' || status === 'error';
}

export function checkFailures(plan: PlanJson): CheckFailure[] {
  const failures: CheckFailure[] = [];
  for (const check of plan.checks ?? []) {
    const failing = (check.instances ?? []).filter((instance) => isFailure(instance.status));
    for (const instance of failing) {
      failures.push({
        address: instance.address?.to_display ?? check.address.to_display,
        status: instance.status === 'error' ? 'error' : 'fail',
        messages: (instance.problems ?? []).map((problem) => problem.message),
      });
    }
    if (failing.length === 0 && isFailure(check.status)) {
      failures.push({ address: check.address.to_display, status: check.status, messages: [] });
    }
  }
  // `condition_results` only where `checks` is absent: newer plans carry both for the same conditions.
  if (plan.checks === undefined || plan.checks === null) {
    for (const condition of plan.condition_results ?? []) {
      if (condition.result !== false || condition.unknown === true) continue;
      failures.push({
        address: condition.address,
        status: 'fail',
        messages: condition.error_message ? [condition.error_message] : [],
      });
    }
  }
  return failures;
}
