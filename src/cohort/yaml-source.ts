/**
 * A parsed YAML document that can say where a value lives: validation issues carry paths (`['students', 3, 'id']`),
 * editors and CI want LINE:COLUMN.
 */
import { type Document, isMap, isScalar, isSeq, type LineCounter, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Position } from './problem.ts';

export type DataPath = readonly PropertyKey[];

interface Step {
  readonly node: Node | null;
  readonly key?: Node;
}

function keyText(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

export class YamlSource {
  // Pairs by key per mapping, built on first use: unknown-key reports on a huge mapping stay linear.
  private readonly pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();

  constructor(
    readonly doc: Document.Parsed,
    private readonly lineCounter: LineCounter,
  ) {}

  position(offset: number): Position {
    const { line, col } = this.lineCounter.linePos(offset);
    return { line, column: col };
  }

  /** Position of a node; undefined for nodes without source (never the case for parsed ones). */
  nodePosition(node: Node | null | undefined): Position | undefined {
    const start = node?.range?.[0];
    return start === undefined ? undefined : this.position(start);
  }

  private pairs(map: YAMLMap): Map<string, Pair> {
    let index = this.pairIndex.get(map);
    if (!index) {
      index = new Map();
      // The last of duplicated keys wins, as in the data the schema saw.
      for (const pair of map.items as Pair[]) index.set(keyText(pair), pair);
      this.pairIndex.set(map, index);
    }
    return index;
  }

  /** The nodes along `path`, as far as they exist (aliases are not followed: the alias itself is reported). */
  private walk(path: DataPath): Step[] {
    const steps: Step[] = [{ node: this.doc.contents }];
    let node: unknown = this.doc.contents;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = this.pairs(node).get(String(segment));
        if (!pair) break;
        node = pair.value;
        steps.push({ node: (pair.value as Node | null) ?? null, key: pair.key as Node });
      } else if (isSeq(node) && typeof segment === 'number') {
        const item: unknown = node.items[segment];
        if (item === undefined) break;
        node = item;
        steps.push({ node: item as Node });
      } else {
        break;
      }
    }
    return steps;
  }

  private fallback(): Position {
    return this.nodePosition(this.doc.contents) ?? { line: 1, column: 1 };
  }

  /** Where the value at `path` is; for a missing value, the parent key (or the deepest node that exists). */
  valueAt(path: DataPath): Position {
    const steps = this.walk(path);
    const last = steps.at(-1) as Step;
    if (steps.length === path.length + 1) {
      // `key:` with nothing after it has an empty value placed after the line: the key is the better anchor.
      const empty = last.node === null || (isScalar(last.node) && last.node.range?.[0] === last.node.range?.[1]);
      const target = empty && last.key ? last.key : last.node;
      return this.nodePosition(target) ?? this.nodePosition(last.key) ?? this.fallback();
    }
    return this.nodePosition(last.key ?? last.node) ?? this.fallback();
  }

  /** Where the key of the entry at `path` is (for unknown or invalid keys); falls back to `valueAt`. */
  keyAt(path: DataPath): Position {
    const steps = this.walk(path);
    const last = steps.at(-1) as Step;
    if (steps.length === path.length + 1 && last.key) return this.nodePosition(last.key) ?? this.fallback();
    return this.valueAt(path);
  }
}
