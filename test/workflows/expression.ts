/**
 * A small evaluator for the GitHub Actions expressions the workflows use in `if:` (literals, context paths,
 * `!`, `&&`, `||`, `==`, `!=`, parentheses, status functions, contains), with GitHub's rules: `&&`/`||` return an
 * operand, comparison of different types goes through numbers, strings compare case-insensitively. The tests use
 * it to run a job's step conditions for a scenario (a fork pull request, a refused apply) without GitHub.
 */

export type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

export interface Scope {
  /** Contexts by name: github, matrix, needs, steps, inputs, env. */
  readonly contexts: Record<string, Value>;
  readonly status: { readonly failed: boolean; readonly cancelled: boolean };
}

type Token = { kind: 'op'; text: string } | { kind: 'literal'; value: Value } | { kind: 'name'; text: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const op = /^(&&|\|\||==|!=|<=|>=|[!()<>,])/.exec(rest);
    const string = /^'((?:[^']|'')*)'/.exec(rest);
    const number = /^-?\d+(\.\d+)?/.exec(rest);
    const name = /^[A-Za-z_][\w-]*(\.[A-Za-z_*][\w-]*)*/.exec(rest);
    if (op) {
      tokens.push({ kind: 'op', text: op[0] });
      i += op[0].length;
    } else if (string) {
      tokens.push({ kind: 'literal', value: (string[1] ?? '').replaceAll("''", "'") });
      i += string[0].length;
    } else if (number) {
      tokens.push({ kind: 'literal', value: Number(number[0]) });
      i += number[0].length;
    } else if (name) {
      const word = name[0];
      if (word === 'true' || word === 'false') tokens.push({ kind: 'literal', value: word === 'true' });
      else if (word === 'null') tokens.push({ kind: 'literal', value: null });
      else tokens.push({ kind: 'name', text: word });
      i += word.length;
    } else {
      throw new Error(`cannot read the expression at "${rest.slice(0, 20)}" in: ${text}`);
    }
  }
  return tokens;
}

function toNumber(value: Value): number {
  if (value === null) return 0;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value.trim() === '' ? 0 : Number(value);
  return Number.NaN;
}

export function truthy(value: Value): boolean {
  if (value === null || value === false || value === 0 || value === '') return false;
  return !(typeof value === 'number' && Number.isNaN(value));
}

const isPrimitive = (value: Value) => value === null || typeof value !== 'object';

/** GitHub's `==`: same types compare directly (strings ignoring case), other primitives as numbers (null is 0). */
function equal(a: Value, b: Value): boolean {
  if (!isPrimitive(a) || !isPrimitive(b)) return a === b;
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (typeof a === typeof b) return a === b;
  return toNumber(a) === toNumber(b);
}

function lookup(path: string, scope: Scope): Value {
  let value: Value = scope.contexts;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
    value = (value as Record<string, Value>)[key] ?? null;
  }
  return value;
}

class Parser {
  private index = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly scope: Scope,
  ) {}

  parse(): Value {
    const value = this.or();
    if (this.index !== this.tokens.length) throw new Error('unexpected text after the expression');
    return value;
  }

  private peek(text: string): boolean {
    const token = this.tokens[this.index];
    return token?.kind === 'op' && token.text === text;
  }

  private expect(text: string): void {
    if (!this.peek(text)) throw new Error(`expected "${text}"`);
    this.index++;
  }

  private or(): Value {
    let left = this.and();
    while (this.peek('||')) {
      this.index++;
      const right = this.and();
      left = truthy(left) ? left : right;
    }
    return left;
  }

  private and(): Value {
    let left = this.comparison();
    while (this.peek('&&')) {
      this.index++;
      const right = this.comparison();
      left = truthy(left) ? right : left;
    }
    return left;
  }

  private comparison(): Value {
    const left = this.unary();
    if (this.peek('==') || this.peek('!=')) {
      const negate = this.peek('!=');
      this.index++;
      const same = equal(left, this.unary());
      return negate ? !same : same;
    }
    return left;
  }

  private unary(): Value {
    if (this.peek('!')) {
      this.index++;
      return !truthy(this.unary());
    }
    return this.primary();
  }

  private primary(): Value {
    const token = this.tokens[this.index++];
    if (token === undefined) throw new Error('the expression ends early');
    if (token.kind === 'literal') return token.value;
    if (token.kind === 'op' && token.text === '(') {
      const value = this.or();
      this.expect(')');
      return value;
    }
    if (token.kind === 'name' && this.peek('(')) return this.call(token.text);
    if (token.kind === 'name') return lookup(token.text, this.scope);
    throw new Error(`unexpected "${token.text}"`);
  }

  private call(name: string): Value {
    this.expect('(');
    const args: Value[] = [];
    while (!this.peek(')')) {
      args.push(this.or());
      if (this.peek(',')) this.index++;
    }
    this.expect(')');
    const { failed, cancelled } = this.scope.status;
    switch (name) {
      case 'always':
        return true;
      case 'cancelled':
        return cancelled;
      case 'success':
        return !failed && !cancelled;
      case 'failure':
        return failed;
      case 'contains': {
        const [haystack, needle] = args;
        if (Array.isArray(haystack)) return haystack.some((item) => equal(item, needle ?? null));
        return String(haystack ?? '')
          .toLowerCase()
          .includes(String(needle ?? '').toLowerCase());
      }
      default:
        throw new Error(`unknown function ${name}()`);
    }
  }
}

const STATUS_FUNCTION = /\b(success|failure|always|cancelled)\s*\(/;

/** Evaluates an `if:` as GitHub does: without a status function it means `success() && (…)`. */
export function evaluateCondition(condition: string | boolean | undefined, scope: Scope): boolean {
  if (condition === undefined) return evaluateCondition('success()', scope);
  if (typeof condition === 'boolean') return condition && !scope.status.failed;
  const text = condition.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1');
  const full = STATUS_FUNCTION.test(text) ? text : `success() && (${text})`;
  return truthy(new Parser(tokenize(full), scope).parse());
}
