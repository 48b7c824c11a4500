/**
 * One resource change as a short Markdown block: an action header with the address and what explains it, then
 * the attributes that matter (changed ones for updates and replacements, set ones for creates).
 */
import { DATA_LOSS_IMPACT, dataLossKind } from '../plan/data-loss.ts';
import type { AttributeChange, OutputChangeView, ResourceChangeView } from '../plan/plan-types.ts';
import { reasonText } from './change-reason.ts';
import { formatAfter, formatBefore, type ValueFormatOptions } from './format-value.ts';
import { inlineCode } from './markdown-escape.ts';

export interface ChangeRenderOptions extends ValueFormatOptions {
  /** Attributes shown per change before "… and N more" (default 30). */
  readonly maxAttributesPerChange?: number;
}

export const DEFAULT_MAX_ATTRIBUTES = 30;

/** `change`: a planned change; `drift`: a change Terraform found made outside it. */
export type ChangeContext = 'change' | 'drift';

function actionLabel(change: ResourceChangeView | OutputChangeView, context: ChangeContext): string {
  if (context === 'drift')
    return change.action === 'delete' ? '- deleted outside Terraform' : '~ changed outside Terraform';
  switch (change.action) {
    case 'create':
      return '+ create';
    case 'update':
      return '~ update';
    case 'delete':
      return '- destroy';
    case 'read':
      return '&lt;= read';
    case 'forget':
      return 'forget';
    case 'no-op':
      return 'moved' in change && change.moved ? '→ move' : '← import';
    case 'replace':
      if ('replaceOrder' in change && change.replaceOrder === 'create-before-destroy') return '+/- replace';
      if ('replaceOrder' in change && change.replaceOrder === 'create-then-forget') return '+ replace';
      return '-/+ replace';
  }
}

function annotations(change: ResourceChangeView, context: ChangeContext): string[] {
  const notes: string[] = [];
  if (change.mode === 'data') notes.push('data source');
  if (change.deposed) notes.push(`deposed object ${inlineCode(change.deposed)}, left by an interrupted replacement`);
  if (change.moved && change.previousAddress) notes.push(`moved from ${inlineCode(change.previousAddress)}`);
  if (change.importing) {
    notes.push(change.importing.id ? `imported from id ${inlineCode(change.importing.id)}` : 'imported');
  }
  if (change.replaceOrder === 'create-before-destroy') notes.push('new object created first');
  if (change.replaceOrder === 'create-then-forget') notes.push('the old object is kept but no longer managed');
  if (change.action === 'forget') notes.push('kept in AWS but no longer managed by Terraform');
  const reason = context === 'change' ? reasonText(change) : undefined;
  if (reason) notes.push(reason);
  const lossKind = dataLossKind(change.type);
  const destroys =
    change.action === 'delete' || (change.action === 'replace' && change.replaceOrder !== 'create-then-forget');
  if (lossKind && destroys && change.mode === 'managed' && context === 'change') {
    notes.push(`⚠️ **data loss**: ${DATA_LOSS_IMPACT[lossKind]}`);
  }
  return notes;
}

function pathLabel(prefix: string, attribute: AttributeChange): string {
  if (attribute.path === '') return inlineCode(prefix || '(value)');
  if (prefix === '') return inlineCode(attribute.path);
  return inlineCode(attribute.path.startsWith('[') ? `${prefix}${attribute.path}` : `${prefix}.${attribute.path}`);
}

function isEmptyValue(attribute: AttributeChange): boolean {
  const { after } = attribute;
  if (after === null) return true;
  if (Array.isArray(after)) return after.length === 0;
  return typeof after === 'object' && Object.keys(after).length === 0;
}

/** For a new object: what is set, with unknowns gathered on one line (most AWS attributes are unknown at plan). */
function newObjectLines(
  attributes: readonly AttributeChange[],
  prefix: string,
  options: ChangeRenderOptions,
): string[] {
  const known = attributes.filter((a) => a.hasAfter && (a.sensitive || (!a.unknown && !isEmptyValue(a))));
  const lines = known.map((a) => `- ${pathLabel(prefix, a)}: ${formatAfter(a, options)}`);
  const unknown = attributes.filter((a) => a.unknown && !a.sensitive);
  if (unknown.length > 0) lines.push(`- known after apply: ${unknown.map((a) => pathLabel(prefix, a)).join(', ')}`);
  return lines;
}

function changedLines(attributes: readonly AttributeChange[], prefix: string, options: ChangeRenderOptions): string[] {
  // What forces a replacement is what a reviewer must see first.
  const changed = attributes.filter((a) => a.changed);
  const ordered = [...changed.filter((a) => a.forcesReplacement), ...changed.filter((a) => !a.forcesReplacement)];
  return ordered.map((a) => {
    const forces = a.forcesReplacement ? ' **(forces replacement)**' : '';
    return `- ${pathLabel(prefix, a)}: ${formatBefore(a, options)} → ${formatAfter(a, options)}${forces}`;
  });
}

function attributeLines(
  action: ResourceChangeView['action'],
  attributes: readonly AttributeChange[],
  prefix: string,
  options: ChangeRenderOptions,
): string[] {
  let lines: string[];
  if (action === 'create' || action === 'read') lines = newObjectLines(attributes, prefix, options);
  else if (action === 'update' || action === 'replace') lines = changedLines(attributes, prefix, options);
  else lines = [];
  const max = options.maxAttributesPerChange ?? DEFAULT_MAX_ATTRIBUTES;
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max), `- _… and ${lines.length - max} more attributes_`];
}

export function renderChangeItem(
  change: ResourceChangeView,
  context: ChangeContext = 'change',
  options: ChangeRenderOptions = {},
): string {
  const notes = annotations(change, context);
  const header = `**${actionLabel(change, context)}** ${inlineCode(change.address)}${notes.length > 0 ? ` · ${notes.join(' · ')}` : ''}`;
  // Drift is always "what it was → what it is now", whatever Terraform's action word.
  const action = context === 'drift' && change.action !== 'delete' ? 'update' : change.action;
  return [header, ...attributeLines(action, change.attributes, '', options)].join('\n');
}

export function renderOutputItem(output: OutputChangeView, options: ChangeRenderOptions = {}): string {
  const header = `**${actionLabel(output, 'change')}** output ${inlineCode(output.name)}`;
  return [header, ...attributeLines(output.action, output.attributes, output.name, options)].join('\n');
}
