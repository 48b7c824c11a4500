/**
 * Every resource in one region that carries given tags, with all its tags (Resource Groups Tagging API
 * `GetResources`, all pages). Teardown lists what still carries a removed cohort's tag after `terraform destroy`.
 * The API may keep listing a resource for a while after it is deleted; callers that act on a result check again.
 */
import { paginateGetResources, type ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';

export interface TaggedResource {
  readonly arn: string;
  readonly tags: Readonly<Record<string, string>>;
}

export interface TaggedResourcesApi {
  /** Resources carrying every one of `tags` (key → exact value). */
  resources(tags: Readonly<Record<string, string>>): Promise<TaggedResource[]>;
}

export function taggedResourcesApi(client: ResourceGroupsTaggingAPIClient): TaggedResourcesApi {
  return {
    async resources(tags) {
      const TagFilters = Object.entries(tags).map(([Key, value]) => ({ Key, Values: [value] }));
      const found: TaggedResource[] = [];
      for await (const page of paginateGetResources({ client }, { TagFilters, ResourcesPerPage: 100 })) {
        for (const mapping of page.ResourceTagMappingList ?? []) {
          if (!mapping.ResourceARN) continue;
          const resourceTags: Record<string, string> = {};
          for (const tag of mapping.Tags ?? []) if (tag.Key !== undefined) resourceTags[tag.Key] = tag.Value ?? '';
          found.push({ arn: mapping.ResourceARN, tags: resourceTags });
        }
      }
      return found.sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
    },
  };
}
