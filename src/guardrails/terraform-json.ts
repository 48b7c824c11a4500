/**
 * A small typed reader over a Terraform JSON configuration (`cdk.tf.json`), written against Terraform's JSON syntax
 * rather than CDKTF objects so it reads hand-edited files too. It never throws on odd shapes: missing or mistyped
 * parts read as absent.
 */
import { readHclValue } from './hcl-value.ts';
import { documentFromJson, type ParsedPolicy, type Statement, statementsFromDataSource } from './iam-policy.ts';
import { hasInterpolation, referencedAddresses, wholeInterpolation } from './interpolation.ts';
import { blocks, isObject, type JsonObject, nonEmptyString, stringList } from './json-values.ts';

export const TAG_COHORT = 'workshop:cohort';

export interface TfResource {
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  /** `aws_s3_bucket.raw`, or `data.aws_iam_policy_document.x` for a data source. */
  readonly address: string;
  readonly body: JsonObject;
}

export interface ProviderConfig {
  /** `provider.aws` for the default configuration, `provider.aws.<alias>` for an aliased one. */
  readonly address: string;
  readonly alias?: string;
  /** The literal region; undefined when absent or computed. */
  readonly region?: string;
  readonly defaultTags: Readonly<Record<string, string>>;
}

/** Tags a resource ends up with; `known` is false when its own `tags` is computed (an interpolation). */
export interface EffectiveTags {
  readonly tags: Readonly<Record<string, string>>;
  readonly known: boolean;
}

// Deeper nesting than this between policy documents is a cycle or a configuration not worth following.
const MAX_POLICY_DEPTH = 4;

function stringEntries(value: unknown): Record<string, string> {
  if (!isObject(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** A literal string (no interpolation), e.g. a bucket name written out. */
export function literal(value: unknown): string | undefined {
  const text = nonEmptyString(value);
  return text !== undefined && !hasInterpolation(text) ? text : undefined;
}

function readBlocks(root: JsonObject, section: 'resource' | 'data'): TfResource[] {
  const out: TfResource[] = [];
  for (const byType of blocks(root[section])) {
    for (const [type, byName] of Object.entries(byType)) {
      for (const named of blocks(byName)) {
        for (const [name, body] of Object.entries(named)) {
          const first = blocks(body)[0];
          if (first === undefined) continue;
          const address = section === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
          out.push({ mode: section === 'data' ? 'data' : 'managed', type, name, address, body: first });
        }
      }
    }
  }
  return out;
}

function readProviders(root: JsonObject): ProviderConfig[] {
  return blocks(root.provider)
    .flatMap((p) => blocks(p.aws))
    .map((p) => {
      const alias = literal(p.alias);
      const region = literal(p.region);
      const tags = Object.assign({}, ...blocks(p.default_tags).map((d) => stringEntries(d.tags))) as Record<
        string,
        string
      >;
      return {
        address: alias === undefined ? 'provider.aws' : `provider.aws.${alias}`,
        ...(alias === undefined ? {} : { alias }),
        ...(region === undefined ? {} : { region }),
        defaultTags: tags,
      };
    });
}

export class TerraformConfig {
  private readonly managed: readonly TfResource[];
  private readonly dataSources: readonly TfResource[];
  private readonly byAddress: ReadonlyMap<string, TfResource>;
  private readonly providerConfigs: readonly ProviderConfig[];

  constructor(readonly json: unknown) {
    const root = isObject(json) ? json : {};
    this.managed = readBlocks(root, 'resource');
    this.dataSources = readBlocks(root, 'data');
    this.byAddress = new Map([...this.managed, ...this.dataSources].map((r) => [r.address, r]));
    this.providerConfigs = readProviders(root);
  }

  /** Managed resources, of one type or of every type, in file order. */
  resources(type?: string): readonly TfResource[] {
    return type === undefined ? this.managed : this.managed.filter((r) => r.type === type);
  }

  get(address: string): TfResource | undefined {
    return this.byAddress.get(address);
  }

  /** The name a resource is known by in literal strings: a bucket's `bucket`, otherwise its `name`. */
  literalName(target: TfResource): string | undefined {
    return literal(target.type === 'aws_s3_bucket' ? target.body.bucket : target.body.name);
  }

  /**
   * Whether a value (a string or a list of strings) points at `target`: through an interpolation naming its
   * address (`${aws_s3_bucket.raw.id}`, `.bucket`, `.arn`, `[0].id`), or literally by its name or an ARN ending in it.
   */
  refersTo(value: unknown, target: TfResource): boolean {
    if (referencedAddresses(value).has(target.address)) return true;
    const name = this.literalName(target);
    if (name === undefined) return false;
    return stringList(value).some(
      (v) => v === name || (v.startsWith('arn:') && (v.endsWith(`:${name}`) || v.endsWith(`/${name}`))),
    );
  }

  /** Resources of `type` whose `attribute` points at `target` (e.g. the versioning of a bucket). */
  referencing(type: string, attribute: string, target: TfResource): readonly TfResource[] {
    return this.resources(type).filter((r) => this.refersTo(r.body[attribute], target));
  }

  /** The resources of `type` a value points at (e.g. the `aws_iam_policy` behind a `policy_arn`). */
  referencedResources(value: unknown, type: string): readonly TfResource[] {
    return this.resources(type).filter((r) => this.refersTo(value, r));
  }

  providers(): readonly ProviderConfig[] {
    return this.providerConfigs;
  }

  defaultProvider(): ProviderConfig | undefined {
    return this.providerConfigs.find((p) => p.alias === undefined);
  }

  /** The provider configuration a resource uses (`provider: "aws.backup"`); undefined when it names a missing one. */
  providerOf(resource: TfResource): ProviderConfig | undefined {
    const raw = typeof resource.body.provider === 'string' ? resource.body.provider : 'aws';
    const ref = (wholeInterpolation(raw) ?? raw).trim();
    if (ref === 'aws') return this.defaultProvider();
    const alias = ref.startsWith('aws.') ? ref.slice(4) : undefined;
    return this.providerConfigs.find((p) => p.alias !== undefined && p.alias === alias);
  }

  /** The resource's region: its own `region` argument (provider v6) or its provider's region. */
  regionOf(resource: TfResource): string | undefined {
    return literal(resource.body.region) ?? this.providerOf(resource)?.region;
  }

  defaultRegion(): string | undefined {
    return this.defaultProvider()?.region;
  }

  /** Aliased providers for another region: the cohort's backup region (alias `backup`, or any other region). */
  backupProviders(): readonly ProviderConfig[] {
    const primary = this.defaultRegion();
    return this.providerConfigs.filter(
      (p) => p.alias !== undefined && (p.alias === 'backup' || (p.region !== undefined && p.region !== primary)),
    );
  }

  /** The cohort id: `workshop:cohort` in the default provider's `default_tags`. */
  cohortId(): string | undefined {
    return nonEmptyString(this.defaultProvider()?.defaultTags[TAG_COHORT]);
  }

  /** Provider default tags merged with the resource's own `tags` (which win, as in the AWS provider). */
  effectiveTags(resource: TfResource): EffectiveTags {
    const defaults = this.providerOf(resource)?.defaultTags ?? {};
    const own = resource.body.tags;
    const known = own === undefined || own === null || isObject(own);
    return { tags: { ...defaults, ...stringEntries(own) }, known };
  }

  /**
   * The IAM document in a policy argument: a JSON string (possibly holding `${...}` references), an object (hand
   * edits), `${jsonencode(...)}`, or `${data.aws_iam_policy_document.x.json}` resolved from its statement blocks.
   */
  policy(value: unknown, depth = 0): ParsedPolicy {
    if (depth > MAX_POLICY_DEPTH) return { ok: false, reason: 'policy documents nest too deeply' };
    if (isObject(value)) return documentFromJson(value);
    if (typeof value !== 'string') return { ok: false, reason: 'there is no policy document' };
    const whole = wholeInterpolation(value);
    if (whole === undefined) {
      try {
        return documentFromJson(JSON.parse(value));
      } catch (error) {
        return {
          ok: false,
          reason: `the policy is not valid JSON (${error instanceof Error ? error.message : 'parse error'})`,
        };
      }
    }
    const data = /^data\.aws_iam_policy_document\.([A-Za-z_][\w-]*)\.(?:json|minified_json)$/.exec(whole);
    if (data !== null) return this.dataSourcePolicy(`data.aws_iam_policy_document.${data[1]}`, depth);
    const encoded = /^jsonencode\(([\s\S]*)\)$/.exec(whole);
    if (encoded?.[1] !== undefined) {
      const decoded = readHclValue(encoded[1]);
      if (decoded !== undefined) return documentFromJson(decoded);
    }
    return { ok: false, reason: `the policy is computed by \${${whole}}` };
  }

  private dataSourcePolicy(address: string, depth: number): ParsedPolicy {
    const source = this.get(address);
    if (source === undefined) return { ok: false, reason: `${address} is not in the configuration` };
    const statements: Statement[] = [];
    // Source and override documents are merged in; unioning their statements over-approximates overrides by Sid.
    for (const nested of [
      ...stringList(source.body.source_policy_documents),
      ...stringList(source.body.override_policy_documents),
    ]) {
      const parsed = this.policy(nested, depth + 1);
      if (!parsed.ok) return { ok: false, reason: `${address}: ${parsed.reason}` };
      statements.push(...parsed.document.statements);
    }
    statements.push(...statementsFromDataSource(source.body));
    return { ok: true, document: { statements } };
  }
}

/** Reads a configuration; the input is the parsed JSON of a `cdk.tf.json`. */
export function readTerraformConfig(json: unknown): TerraformConfig {
  return new TerraformConfig(json);
}
