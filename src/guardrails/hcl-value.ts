/**
 * Reads the HCL value inside `${jsonencode(...)}`, which is how CDKTF's `Fn.jsonencode` writes a policy that holds
 * references: `{"Statement" = [{"Effect" = "Allow", "Resource" = aws_s3_bucket.raw.arn}]}`. Literals become JSON
 * values; any other expression (a reference, a function call) becomes the string `${expression}`, which is what it
 * would look like in a JSON-string policy. Only this subset is read: anything else returns undefined.
 */

class Reader {
  private at = 0;

  constructor(private readonly text: string) {}

  read(): unknown {
    const value = this.value();
    this.space();
    if (this.at !== this.text.length) throw new Error(`unexpected "${this.text.slice(this.at, this.at + 20)}"`);
    return value;
  }

  private space(): void {
    while (this.at < this.text.length && /[\s,]/.test(this.text[this.at] ?? '')) this.at++;
  }

  private value(): unknown {
    this.space();
    const ch = this.text[this.at];
    if (ch === '{') return this.object();
    if (ch === '[') return this.tuple();
    if (ch === '"') return this.string();
    return this.expression();
  }

  private object(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.at++;
    for (;;) {
      this.space();
      if (this.text[this.at] === '}') {
        this.at++;
        return out;
      }
      const key = this.text[this.at] === '"' ? this.string() : this.identifier();
      this.space();
      const sep = this.text[this.at];
      if (sep !== '=' && sep !== ':') throw new Error(`expected "=" after key "${key}"`);
      this.at++;
      out[key] = this.value();
    }
  }

  private tuple(): unknown[] {
    const out: unknown[] = [];
    this.at++;
    for (;;) {
      this.space();
      if (this.text[this.at] === ']') {
        this.at++;
        return out;
      }
      out.push(this.value());
    }
  }

  private identifier(): string {
    const match = /^[A-Za-z_][\w-]*/.exec(this.text.slice(this.at));
    if (match === null) throw new Error(`expected a key at offset ${this.at}`);
    this.at += match[0].length;
    return match[0];
  }

  /** A quoted template; `${...}` inside it is kept verbatim (it may itself contain quotes and braces). */
  private string(): string {
    let out = '';
    this.at++;
    while (this.at < this.text.length) {
      const ch = this.text[this.at] ?? '';
      if (ch === '"') {
        this.at++;
        return out;
      }
      if (ch === '\\') {
        const next = this.text[this.at + 1] ?? '';
        out += next === 'n' ? '\n' : next === 't' ? '\t' : next;
        this.at += 2;
      } else if (ch === '$' && this.text[this.at + 1] === '{') {
        const end = this.closing(this.at + 2, '{', '}');
        out += this.text.slice(this.at, end);
        this.at = end;
      } else {
        out += ch;
        this.at++;
      }
    }
    throw new Error('unterminated string');
  }

  /** Index just past the bracket closing one opened before `from`, skipping quoted strings. */
  private closing(from: number, open: string, close: string): number {
    let depth = 1;
    for (let i = from; i < this.text.length; i++) {
      const ch = this.text[i];
      if (ch === '"') {
        for (i++; i < this.text.length && this.text[i] !== '"'; i++) if (this.text[i] === '\\') i++;
      } else if (ch === open) depth++;
      else if (ch === close && --depth === 0) return i + 1;
    }
    throw new Error(`unclosed "${open}"`);
  }

  /** A bare literal or expression up to the next separator at this nesting level. */
  private expression(): unknown {
    const start = this.at;
    while (this.at < this.text.length) {
      const ch = this.text[this.at] ?? '';
      if (ch === ',' || ch === '}' || ch === ']' || ch === '\n') break;
      if (ch === '(' || ch === '[' || ch === '{') {
        this.at = this.closing(this.at + 1, ch, ch === '(' ? ')' : ch === '[' ? ']' : '}');
      } else if (ch === '"') this.string();
      else this.at++;
    }
    const expr = this.text.slice(start, this.at).trim();
    if (expr === '') throw new Error(`expected a value at offset ${start}`);
    if (expr === 'true' || expr === 'false') return expr === 'true';
    if (expr === 'null') return null;
    if (/^-?\d+(\.\d+)?$/.test(expr)) return Number(expr);
    return `\${${expr}}`;
  }
}

/** The JSON value of an HCL literal such as the argument of `jsonencode(...)`, or undefined when not readable. */
export function readHclValue(text: string): unknown {
  try {
    return new Reader(text).read();
  } catch {
    return undefined;
  }
}
