/**
 * Every taggable resource carries `workshop:cohort` with the cohort id, through the default_tags of the provider it
 * uses or its own `tags`: the cohort's budget filters on it and teardown finds resources by it. The expected value
 * is the one in the default provider's default_tags.
 */

import { cannotCheck, type Finding, finding, type Rule } from '../rule.ts';
import { TAG_COHORT, type TerraformConfig, type TfResource } from '../terraform-json.ts';
import { TAGGABLE_TYPES } from './taggable-types.ts';

function isTaggable(resource: TfResource): boolean {
  return TAGGABLE_TYPES.has(resource.type) || resource.body.tags !== undefined;
}

function providerFindings(config: TerraformConfig, expected: string | undefined): Finding[] {
  const primary = config.defaultProvider();
  if (expected === undefined) {
    return [
      finding(
        tagsCohort,
        primary?.address ?? 'provider.aws',
        `the default provider has no default_tags ${TAG_COHORT}; add it with the cohort id so every resource carries it`,
      ),
    ];
  }
  return config
    .backupProviders()
    .filter((p) => p.defaultTags[TAG_COHORT] !== undefined && p.defaultTags[TAG_COHORT] !== expected)
    .map((p) =>
      finding(
        tagsCohort,
        p.address,
        `default_tags ${TAG_COHORT} is "${p.defaultTags[TAG_COHORT]}" but the cohort is "${expected}"; use the same id as the default provider`,
      ),
    );
}

function resourceFinding(
  config: TerraformConfig,
  resource: TfResource,
  expected: string | undefined,
): Finding | undefined {
  const { tags, known } = config.effectiveTags(resource);
  const value = tags[TAG_COHORT];
  const provider = config.providerOf(resource);
  const via = provider === undefined ? 'its tags' : `${provider.address} default_tags or its tags`;
  if (value === undefined || value.trim() === '') {
    if (!known) return cannotCheck(tagsCohort, resource.address, `its ${TAG_COHORT} tag`, 'its tags are computed');
    return finding(tagsCohort, resource.address, `resource has no ${TAG_COHORT} tag; add it through ${via}`);
  }
  if (expected !== undefined && value !== expected) {
    return finding(
      tagsCohort,
      resource.address,
      `resource is tagged ${TAG_COHORT} "${value}" but the cohort is "${expected}"; fix the tag in ${via}`,
    );
  }
  return undefined;
}

export const tagsCohort: Rule = {
  id: 'tags-cohort',
  severity: 'error',
  appliesTo: 'cohort',
  description: `Every taggable resource carries ${TAG_COHORT} with the cohort id (provider default_tags or its own tags).`,
  check(config) {
    const expected = config.cohortId();
    const resources = config.resources().filter(isTaggable);
    return [
      ...providerFindings(config, expected),
      ...resources.flatMap((r) => {
        const f = resourceFinding(config, r, expected);
        return f === undefined ? [] : [f];
      }),
    ];
  },
};
