// A pino logger whose lines a test can read back, to check that state changes are logged.
import pino, { Logger } from 'pino';

export interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly [field: string]: unknown;
}

export interface CapturedLogger {
  readonly logger: Logger;
  readonly lines: LogLine[];
  /** Messages so far, in order. */
  messages(): string[];
}

export function captureLogger(level: pino.Level = 'debug'): CapturedLogger {
  const lines: LogLine[] = [];
  // pino writes each line to this stream synchronously.
  const logger = pino({ level }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  return { logger, lines, messages: () => lines.map((l) => l.msg) };
}

export const silentLogger: Logger = pino({ level: 'silent' });
