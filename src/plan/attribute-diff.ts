/**
 * Walks a change's `before` and `after` values together with Terraform's masks (`before_sensitive`,
 * `after_sensitive`, `after_unknown`: same shape as the value, `true` where the value is sensitive or unknown, at
 * any depth) and returns one entry per leaf. Sensitive values are dropped here, at the edge, so nothing
 * downstream can print them.
 */
import { formatPath, pathsOverlap } from './attribute-path.ts';
import { deepEqual, isJsonObject, jsonChild, toJsonValue } from './json-value.ts';
import type { AttributeChange, PathSegment } from './plan-types.ts';
import { type SealNode, sealedLeaf } from './sensitive-seal.ts';

export interface ChangeSides {
  readonly before: unknown;
  readonly after: unknown;
  readonly beforeSensitive?: unknown;
  readonly afterSensitive?: unknown;
  readonly afterUnknown?: unknown;
  readonly replacePaths?: readonly (readonly PathSegment[])[];
}

interface Side {
  readonly value: unknown;
  readonly present: boolean;
}

interface Masks {
  readonly beforeSensitive: unknown;
  readonly afterSensitive: unknown;
  readonly afterUnknown: unknown;
}

const ABSENT: Side = { value: undefined, present: false };

/** Whether a mask marks anything at or below this point. */
function marksAnything(mask: unknown): boolean {
  if (mask === true) return true;
  if (Array.isArray(mask)) return mask.some(marksAnything);
  if (isJsonObject(mask)) return Object.values(mask).some(marksAnything);
  return false;
}

function childSide(side: Side, key: PathSegment): Side {
  const { value } = side;
  if (typeof key === 'number') {
    return Array.isArray(value) && key < value.length ? { value: value[key], present: true } : ABSENT;
  }
  return isJsonObject(value) && Object.hasOwn(value, key) ? { value: value[key], present: true } : ABSENT;
}

type Shape = 'object' | 'array' | 'scalar' | 'none';

function shapeOf(side: Side): Shape {
  if (!side.present || side.value === null || side.value === undefined) return 'none';
  if (Array.isArray(side.value)) return 'array';
  return isJsonObject(side.value) ? 'object' : 'scalar';
}

/**
 * A list of plain scalars (`cidr_blocks`, `actions`) reads better as one value than as one line per index, as long
 * as no element is individually sensitive or unknown.
 */
function isScalarList(before: Side, after: Side, masks: Masks): boolean {
  const scalars = (side: Side) =>
    !Array.isArray(side.value) || side.value.every((item) => item === null || typeof item !== 'object');
  return (
    scalars(before) &&
    scalars(after) &&
    !marksAnything(masks.beforeSensitive) &&
    !marksAnything(masks.afterSensitive) &&
    !marksAnything(masks.afterUnknown)
  );
}

function childKeys(before: Side, after: Side, masks: Masks, shape: 'object' | 'array'): PathSegment[] {
  if (shape === 'array') {
    const length = (value: unknown) => (Array.isArray(value) ? value.length : 0);
    const count = Math.max(length(before.value), length(after.value), length(masks.afterUnknown));
    return Array.from({ length: count }, (_, index) => index);
  }
  const keys = new Set<string>();
  for (const source of [before.value, after.value, masks.afterUnknown]) {
    if (isJsonObject(source)) for (const key of Object.keys(source)) keys.add(key);
  }
  return [...keys].sort();
}

class Walker {
  readonly leaves: AttributeChange[] = [];

  constructor(
    private readonly replacePaths: readonly (readonly PathSegment[])[],
    private readonly sealNode: SealNode | undefined,
  ) {}

  walk(segments: PathSegment[], before: Side, after: Side, masks: Masks): void {
    if (masks.beforeSensitive === true || masks.afterSensitive === true || masks.afterUnknown === true) {
      this.leaf(segments, before, after, masks);
      return;
    }
    const beforeShape = shapeOf(before);
    const afterShape = shapeOf(after);
    const shape = beforeShape === 'none' ? afterShape : beforeShape;
    const compatible = afterShape === 'none' || afterShape === shape;
    if (
      !compatible ||
      (shape !== 'object' && shape !== 'array') ||
      (shape === 'array' && isScalarList(before, after, masks))
    ) {
      this.leaf(segments, before, after, masks);
      return;
    }
    const keys = childKeys(before, after, masks, shape);
    if (keys.length === 0) {
      this.leaf(segments, before, after, masks);
      return;
    }
    // A null container on one side has no children: its leaves are absent there.
    const beforeParent = beforeShape === 'none' ? ABSENT : before;
    const afterParent = afterShape === 'none' ? ABSENT : after;
    for (const key of keys) {
      this.walk([...segments, key], childSide(beforeParent, key), childSide(afterParent, key), {
        beforeSensitive: jsonChild(masks.beforeSensitive, key),
        afterSensitive: jsonChild(masks.afterSensitive, key),
        afterUnknown: jsonChild(masks.afterUnknown, key),
      });
    }
  }

  private leaf(segments: PathSegment[], before: Side, after: Side, masks: Masks): void {
    // A leaf that still holds a container (a type change) is sensitive if anything inside it is.
    const sensitive = marksAnything(masks.beforeSensitive) || marksAnything(masks.afterSensitive);
    const unknown = marksAnything(masks.afterUnknown);
    // Nothing on either side (a forgotten object, a data source with no value yet): nothing to compare.
    if (!before.present && !after.present && !unknown) return;
    const changed = unknown || before.present !== after.present || !deepEqual(before.value, after.value);
    const sealedAfter =
      sensitive && after.present && this.sealNode !== undefined
        ? sealedLeaf(after.value, masks.beforeSensitive, masks.afterSensitive, this.sealNode)
        : undefined;
    this.leaves.push({
      path: formatPath(segments),
      segments,
      before: sensitive || !before.present ? undefined : toJsonValue(before.value),
      after: sensitive || unknown || !after.present ? undefined : toJsonValue(after.value),
      hasBefore: before.present,
      hasAfter: after.present || unknown,
      sensitive,
      unknown,
      forcesReplacement: this.replacePaths.some((path) => pathsOverlap(path, segments)),
      changed,
      ...(sealedAfter === undefined ? {} : { sealedAfter }),
    });
  }
}

/** A top-level null stands for "no object" (before a create, after a delete), not for a null value. */
function rootSide(value: unknown): Side {
  return value === null || value === undefined ? ABSENT : { value, present: true };
}

/** The leaves of a change; with `sealNode`, sensitive values after the change are sealed for the digest. */
export function diffAttributes(sides: ChangeSides, sealNode?: SealNode): AttributeChange[] {
  const walker = new Walker(sides.replacePaths ?? [], sealNode);
  walker.walk([], rootSide(sides.before), rootSide(sides.after), {
    beforeSensitive: sides.beforeSensitive,
    afterSensitive: sides.afterSensitive,
    afterUnknown: sides.afterUnknown,
  });
  return walker.leaves;
}
