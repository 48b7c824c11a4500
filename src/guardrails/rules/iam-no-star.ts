/**
 * No policy allows every action on every resource. Checked in identity policies (managed, role, user and group
 * policies, role inline policies), role trust policies and resource policies (buckets, keys, topics, ...).
 * Managed policies used only as permissions boundaries are exempt: a boundary grants nothing.
 */
import type { Statement } from '../iam-policy.ts';
import { boundaryOnlyPolicies, policySources } from '../policy-sources.ts';
import { cannotCheck, finding, type Rule } from '../rule.ts';

const ALL_ACTIONS = new Set(['*', '*:*']);

function allowsEverything(s: Statement): boolean {
  if (s.effect !== 'Allow') return false;
  const everyAction = (s.actions ?? []).some((a) => ALL_ACTIONS.has(a.trim()));
  const everyResource = s.notResources !== undefined || s.resources === undefined || s.resources.includes('*');
  return everyAction && everyResource;
}

export const iamNoStar: Rule = {
  id: 'iam-no-star',
  severity: 'error',
  appliesTo: 'all',
  description:
    'No Allow statement grants Action "*" (or "*:*") on Resource "*" in any identity, trust or resource policy.',
  check(config) {
    const exempt = boundaryOnlyPolicies(config);
    return policySources(config).flatMap(({ resource, argument, value }) => {
      if (exempt.has(resource.address)) return [];
      const parsed = config.policy(value);
      if (!parsed.ok) return [cannotCheck(iamNoStar, resource.address, argument, parsed.reason)];
      return parsed.document.statements
        .filter(allowsEverything)
        .map((s) =>
          finding(
            iamNoStar,
            resource.address,
            `${argument} has a statement${s.sid === undefined ? '' : ` ${JSON.stringify(s.sid)}`} allowing "*" on "*"; list the actions and resources it needs`,
          ),
        );
    });
  },
};
