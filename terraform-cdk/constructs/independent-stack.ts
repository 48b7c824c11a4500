/**
 * The base of this app's stacks: self-contained, so synthesis can skip cdktf's cross-stack preparation, and written
 * with one light resolution pass instead of cdktf's two full ones.
 */
import { deepMerge, TerraformElement, TerraformOutput, TerraformStack } from '../cdktf-classes.ts';
import { resolveTokens } from './resolve-tokens.ts';

/** What cdktf keeps of `addOverride` calls on the stack itself (a private field of the frozen 0.21 release). */
interface StackOverrides {
  readonly rawOverrides: Record<string, unknown>;
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
   * cdktf's `toTerraform`, step for step, with two changes that leave the JSON as it was: each value is resolved
   * by `resolveTokens` (plain values copied, tokens given to cdktf), and the merged document is not resolved a second
   * time in full — only what nothing resolved yet, the stack's own overrides. A test compares the result with
   * cdktf's on every example stack.
   */
  override toTerraform(): Record<string, unknown> {
    const overrides = (this as unknown as StackOverrides).rawOverrides;
    const elements = this.node.findAll().filter((node) => TerraformElement.isTerraformElement(node));
    const metadata: Record<string, unknown> = {
      version: this.node.tryGetContext('cdktfVersion'),
      stackName: this.node.id,
      backend: 'local',
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
    deepMerge(tf, resolveTokens(this, overrides));
    return tf;
  }
}
