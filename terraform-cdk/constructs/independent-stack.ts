/**
 * The base of this app's stacks: self-contained, so synthesis can skip cdktf's cross-stack preparation, and resolved
 * with a walk that leaves plain values alone (constructs/resolve-tokens.ts).
 */
import type { IConstruct } from 'constructs';
import { deepMerge, TerraformElement, TerraformOutput, TerraformStack } from '../cdktf-classes.ts';
import { resolveTokens } from './resolve-tokens.ts';

/** What cdktf keeps of `addOverride` calls on the stack itself (a private field of the frozen 0.21 release). */
interface StackOverrides {
  readonly rawOverrides: Record<string, unknown>;
}

/** The stack's elements in cdktf's order (depth first, parents first), not looking into nested stacks. */
function stackElements(node: IConstruct, into: TerraformElement[] = []): TerraformElement[] {
  if (TerraformElement.isTerraformElement(node)) into.push(node);
  for (const child of node.node.children) {
    if (!TerraformStack.isStack(child)) stackElements(child, into);
  }
  return into;
}

export abstract class IndependentStack extends TerraformStack {
  /**
   * cdktf resolves every element twice: a "preparing" pass that only looks for references to another stack (to
   * wire them through remote state), then the pass that writes. Each stack here builds all its own resources and
   * references nothing outside itself, so the first pass — a quarter of synthesis time — is skipped.
   */
  override prepareStack(): void {
    this.ensureBackendExists();
  }

  /**
   * cdktf's `toTerraform`, step for step (node_modules/cdktf/lib/terraform-stack.js), with `resolveTokens` in place
   * of cdktf's resolve: the same JSON, a test compares the two byte for byte.
   */
  override toTerraform(): Record<string, unknown> {
    const overrides = (this as unknown as StackOverrides).rawOverrides;
    const elements = stackElements(this);
    const metadata: Record<string, unknown> = {
      version: this.node.tryGetContext('cdktfVersion'),
      stackName: this.node.id,
      backend: 'local',
      cloud: undefined,
      ...(Object.keys(overrides).length > 0 ? { overrides: { stack: Object.keys(overrides) } } : {}),
    };
    for (const element of elements) deepMerge(metadata, resolveTokens(this, element.toMetadata()));

    const outputs: Record<string, unknown> = {};
    for (const element of elements) {
      if (!TerraformOutput.isTerraformOutput(element)) continue;
      let nested: unknown = element.friendlyUniqueId;
      for (const part of element.node.path.split('/').reverse()) nested = { [part]: nested };
      deepMerge(outputs, nested);
    }

    const tf: Record<string, unknown> = { '//': { metadata, outputs } };
    for (const element of elements) deepMerge(tf, resolveTokens(this, element.toTerraform()));
    deepMerge(tf, overrides);
    return resolveTokens(this, tf) as Record<string, unknown>;
  }
}
