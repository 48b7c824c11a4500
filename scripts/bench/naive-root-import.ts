/**
 * Bench-only: the naive baseline loads `@cdktf/provider-aws` from its package root, which evaluates every one of
 * its ~2,200 resource modules. The product never does this (terraform-cdk/ imports each class by deep path). The
 * specifier is a variable so the type checker does not load the root's declarations either.
 */
const ROOT = '@cdktf/provider-aws';

export async function loadProviderRoot(): Promise<number> {
  const root: Record<string, unknown> = await import(ROOT);
  return Object.keys(root).length;
}
