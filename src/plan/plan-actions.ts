/** Terraform's action lists (`["delete","create"]` …) mapped to one action per change. */
import type { PlanAction, ReplaceOrder } from './plan-types.ts';

export interface ResolvedAction {
  readonly action: PlanAction;
  readonly replaceOrder?: ReplaceOrder | undefined;
}

const ACTIONS: Readonly<Record<string, ResolvedAction>> = {
  '': { action: 'no-op' },
  'no-op': { action: 'no-op' },
  create: { action: 'create' },
  read: { action: 'read' },
  update: { action: 'update' },
  delete: { action: 'delete' },
  forget: { action: 'forget' },
  'delete,create': { action: 'replace', replaceOrder: 'delete-before-create' },
  'create,delete': { action: 'replace', replaceOrder: 'create-before-destroy' },
  'create,forget': { action: 'replace', replaceOrder: 'create-then-forget' },
};

/** Undefined for an action list this renderer does not know: the caller reports it rather than guess. */
export function resolveActions(actions: readonly string[]): ResolvedAction | undefined {
  return ACTIONS[actions.join(',')];
}

export const KNOWN_ACTION_LISTS: readonly string[] = Object.keys(ACTIONS)
  .filter((key) => key !== '')
  .map(
    (key) =>
      `[${key
        .split(',')
        .map((action) => JSON.stringify(action))
        .join(',')}]`,
  );
