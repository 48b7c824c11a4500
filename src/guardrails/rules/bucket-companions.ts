/**
 * Bucket settings live in companion resources (`aws_s3_bucket_versioning`, ...) that point at the bucket through
 * their `bucket` argument. A bucket passes when at least one companion of the type is correct.
 */
import { finding, type Rule } from '../rule.ts';
import type { TerraformConfig, TfResource } from '../terraform-json.ts';

export interface CompanionRuleSpec extends Omit<Rule, 'check'> {
  /** The companion resource type, e.g. `aws_s3_bucket_versioning`. */
  readonly companion: string;
  /** The message when the bucket has no companion at all. */
  readonly missing: string;
  /** What is wrong with one companion (without its address), or undefined when it is correct. */
  problem(companion: TfResource, config: TerraformConfig): string | undefined;
}

export function companionRule(spec: CompanionRuleSpec): Rule {
  const { companion, missing, problem, ...rule } = spec;
  return {
    ...rule,
    check(config) {
      return config.resources('aws_s3_bucket').flatMap((bucket) => {
        const companions = config.referencing(companion, 'bucket', bucket);
        const first = companions[0];
        if (first === undefined) return [finding(rule, bucket.address, missing)];
        const problems = companions.map((c) => problem(c, config));
        if (problems.some((p) => p === undefined)) return [];
        return [finding(rule, bucket.address, `${first.address} ${problems[0]}`)];
      });
    },
  };
}
