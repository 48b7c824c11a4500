/** Real `pull_request` webhook payloads from @octokit/webhooks-examples, and a fork variant (none is a fork). */
import { createRequire } from 'node:module';
import type { WebhookDefinition } from '@octokit/webhooks-examples';

// The package's main is a JSON file whose typings claim a default export: require() reads it the same everywhere.
const webhooks = createRequire(import.meta.url)('@octokit/webhooks-examples') as WebhookDefinition[];

export interface PullRequestEvent {
  readonly number: number;
  readonly pull_request: { head: { repo: { fork: boolean; full_name: string } }; number: number };
  readonly repository: { full_name: string };
}

export function pullRequestOpened(): PullRequestEvent {
  const examples: readonly unknown[] = webhooks.find((d) => d.name === 'pull_request')?.examples ?? [];
  const opened = examples.find((e) => (e as { action?: string }).action === 'opened');
  if (opened === undefined) throw new Error('no pull_request opened example in @octokit/webhooks-examples');
  return structuredClone(opened) as unknown as PullRequestEvent;
}

export function forkPullRequestOpened(): PullRequestEvent {
  const event = pullRequestOpened();
  event.pull_request.head.repo.fork = true;
  return event;
}
