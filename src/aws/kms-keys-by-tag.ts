/**
 * The ARNs of the KMS keys in one region that carry given tags (Resource Groups Tagging API, all pages). The jobs
 * have no KMS client; the cohort stack tags every key it creates with the cohort's tags (provider default tags), so
 * "the key of cohort X in region R" is the key tagged `workshop:cohort = X` and `managed-by = workshop-gitops` there.
 */
import { paginateGetResources, type ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';

export interface TaggedKeysApi {
  keyArns(tags: Readonly<Record<string, string>>): Promise<string[]>;
}

export function taggedKeysApi(client: ResourceGroupsTaggingAPIClient): TaggedKeysApi {
  return {
    async keyArns(tags) {
      const arns: string[] = [];
      const TagFilters = Object.entries(tags).map(([Key, value]) => ({ Key, Values: [value] }));
      for await (const page of paginateGetResources({ client }, { ResourceTypeFilters: ['kms:key'], TagFilters })) {
        for (const mapping of page.ResourceTagMappingList ?? []) if (mapping.ResourceARN) arns.push(mapping.ResourceARN);
      }
      return arns.sort();
    },
  };
}
