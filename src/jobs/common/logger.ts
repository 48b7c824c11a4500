/**
 * The jobs' logger. Every line passes through `redact`, which replaces each value registered with `mask` (passwords,
 * webhook URLs) before anything is written, so a secret cannot reach a log even inside an error message.
 */

export type LogLevel = 'info' | 'warn' | 'error';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** Registers a value that must never be printed; call it before the value is used anywhere. */
  mask(secret: string): void;
  /** `text` with every registered secret replaced: for reports and anything else leaving the job. */
  redact(text: string): string;
}

export const MASK = '***';

/** Secrets shorter than this are not masked: replacing "a" everywhere would garble every line and hide nothing. */
const MIN_SECRET_LENGTH = 4;

export interface LogSink {
  write(level: LogLevel, line: string): void;
  /** Told about each new secret too (in actions: `core.setSecret`, so the runner masks it as well). */
  secret?(value: string): void;
}

export function createLogger(sink: LogSink): Logger {
  const secrets = new Set<string>();
  const redact = (text: string): string => {
    let out = text;
    // Longest first, so a secret containing another is replaced whole.
    for (const secret of [...secrets].sort((a, b) => b.length - a.length)) out = out.replaceAll(secret, MASK);
    return out;
  };
  const log = (level: LogLevel) => (message: string) => sink.write(level, redact(message));
  return {
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    mask(secret) {
      if (secret.length < MIN_SECRET_LENGTH || secrets.has(secret)) return;
      secrets.add(secret);
      sink.secret?.(secret);
    },
    redact,
  };
}

/** A logger writing `level: message` lines to a stream (the CLI's stderr). */
export function streamLogger(stream: { write(chunk: string): unknown }): Logger {
  return createLogger({ write: (level, line) => stream.write(`${level === 'info' ? '' : `${level}: `}${line}\n`) });
}
