/** The base of this app's stacks: self-contained, so synthesis can skip cdktf's cross-stack preparation. */
import { TerraformStack } from '../cdktf-classes.ts';

export abstract class IndependentStack extends TerraformStack {
  /**
   * cdktf resolves every element twice: a "preparing" pass that only looks for references to another stack (to
   * wire them through remote state), then the pass that writes. Each stack here builds all its own resources and
   * references nothing outside itself, so the first pass — a quarter of synthesis time — is skipped.
   */
  override prepareStack(): void {
    this.ensureBackendExists();
  }
}
