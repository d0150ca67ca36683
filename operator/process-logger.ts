// The JSON logger of the operator and CSI processes. pino's `name` option writes the logger's name under `name`,
// the key objects' names use too; the logger's name goes under `logger`, and objects always log as
// `object: {kind, namespace, name}` (objectField), so a line has one meaning for each key.
import { hostname } from 'node:os';
import { pino, Logger } from 'pino';
import type * as Pino from 'pino';

/** The levels `--log-level` accepts, from the most to the least verbose. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** JSON lines on stdout, or on `destination` (tests read them back). */
export function processLogger(logger: string, level: LogLevel = 'info', destination?: Pino.DestinationStream): Logger {
  const options = { level, base: { logger, pid: process.pid, hostname: hostname() } };
  return destination ? pino(options, destination) : pino(options);
}

/** The one shape of an object reference in log lines. A cluster-scoped object has no namespace. */
export interface ObjectRef {
  readonly kind?: string;
  readonly namespace?: string;
  readonly name: string;
}

export function objectField(ref: ObjectRef): { object: ObjectRef } {
  return {
    object: {
      ...(ref.kind !== undefined ? { kind: ref.kind } : {}),
      ...(ref.namespace !== undefined ? { namespace: ref.namespace } : {}),
      name: ref.name,
    },
  };
}
