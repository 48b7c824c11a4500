/**
 * Where a JSON text first goes wrong, as line and column. `JSON.parse` messages differ between Node versions and
 * some quote the text around the error, which may be a secret from a plan: this finds the position without
 * echoing anything. Only run after `JSON.parse` has failed.
 */

class SyntaxAt {
  constructor(readonly offset: number) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

class Scanner {
  private i = 0;

  constructor(private readonly text: string) {}

  private space(): void {
    while (this.i < this.text.length && ' \t\n\r'.includes(this.text.charAt(this.i))) this.i++;
  }

  private expect(char: string): void {
    if (this.text.charAt(this.i) !== char) throw new SyntaxAt(this.i);
    this.i++;
  }

  private string(): void {
    this.expect('"');
    for (;;) {
      if (this.i >= this.text.length) throw new SyntaxAt(this.i);
      const char = this.text.charAt(this.i);
      if (char === '"') {
        this.i++;
        return;
      }
      if (char.charCodeAt(0) < 0x20) throw new SyntaxAt(this.i);
      if (char === '\\') {
        const next = this.text.charAt(this.i + 1);
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.i + 2, this.i + 6))) throw new SyntaxAt(this.i);
          this.i += 6;
          continue;
        }
        if (!ESCAPES.has(next)) throw new SyntaxAt(this.i);
        this.i += 2;
        continue;
      }
      this.i++;
    }
  }

  private sequence(close: string, item: () => void): void {
    this.i++;
    this.space();
    if (this.text.charAt(this.i) === close) {
      this.i++;
      return;
    }
    for (;;) {
      item();
      this.space();
      if (this.text.charAt(this.i) === close) {
        this.i++;
        return;
      }
      this.expect(',');
    }
  }

  value(): void {
    this.space();
    const char = this.text.charAt(this.i);
    if (char === '{') {
      this.sequence('}', () => {
        this.space();
        this.string();
        this.space();
        this.expect(':');
        this.value();
      });
      return;
    }
    if (char === '[') {
      this.sequence(']', () => this.value());
      return;
    }
    if (char === '"') {
      this.string();
      return;
    }
    for (const literal of ['true', 'false', 'null']) {
      if (this.text.startsWith(literal, this.i)) {
        this.i += literal.length;
        return;
      }
    }
    NUMBER.lastIndex = this.i;
    if (NUMBER.test(this.text)) {
      this.i = NUMBER.lastIndex;
      return;
    }
    throw new SyntaxAt(this.i);
  }

  document(): void {
    this.value();
    this.space();
    if (this.i < this.text.length) throw new SyntaxAt(this.i);
  }
}

/** 1-based line and column of the first syntax error, or undefined if none is found (or nesting is too deep). */
export function jsonSyntaxErrorPosition(text: string): { line: number; column: number } | undefined {
  try {
    new Scanner(text).document();
    return undefined;
  } catch (error) {
    if (!(error instanceof SyntaxAt)) return undefined;
    const before = text.slice(0, error.offset);
    const line = before.split('\n').length;
    return { line, column: error.offset - before.lastIndexOf('\n') };
  }
}
