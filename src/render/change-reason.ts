/** Terraform's `action_reason` codes in words, as its own CLI phrases them, for warnings and change headers. */
import type { ResourceChangeView } from '../plan/plan-types.ts';
import { escapeMarkdown, inlineCode } from './markdown-escape.ts';

function indexText(change: ResourceChangeView): string {
  return change.index === undefined ? '' : ` ${inlineCode(JSON.stringify(change.index))}`;
}

/** Markdown, or undefined when the reason adds nothing to what the change already shows. */
export function reasonText(change: ResourceChangeView): string | undefined {
  switch (change.actionReason) {
    case undefined:
      return undefined;
    case 'delete_because_no_resource_config':
      return 'no longer in the configuration';
    case 'delete_because_no_module':
      return `module ${inlineCode(change.moduleAddress ?? '?')} is no longer in the configuration`;
    case 'delete_because_wrong_repetition':
      return '`count`/`for_each` changed';
    case 'delete_because_count_index':
      return `index${indexText(change)} is out of range for \`count\``;
    case 'delete_because_each_key':
      return `key${indexText(change)} is no longer in \`for_each\``;
    case 'delete_because_no_move_target':
      return `moved to ${inlineCode(change.address)}, which is not in the configuration`;
    case 'replace_because_tainted':
      return 'tainted by a failed apply';
    case 'replace_by_request':
      return 'replacement requested (`-replace`)';
    case 'replace_by_triggers':
      return 'triggered by `replace_triggered_by`';
    case 'replace_because_cannot_update':
      return change.replacePaths.length > 0 ? undefined : 'cannot be updated in place';
    case 'read_because_config_unknown':
      return 'its configuration refers to values not yet known';
    case 'read_because_dependency_pending':
      return 'it depends on a resource with changes pending';
    case 'read_because_check_nested':
      return 'read again to verify a `check` block';
    default:
      return escapeMarkdown(change.actionReason);
  }
}
