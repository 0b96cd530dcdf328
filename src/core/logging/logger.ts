import { redact, redactText, type Redactor } from './redact.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export interface LogRecord {
  level: LogLevel;
  message: string;
  fields?: unknown;
  at: string;
}
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * A logger that redacts every record before it reaches any sink. Sinks get already-redacted
 * records, so a new sink cannot forget to redact. With a redactor (one per core), the live
 * secrets that core knows are masked too; without one, the patterns only.
 */
export function createLogger(sinks: Array<(record: LogRecord) => void>, now: () => Date = () => new Date(), redactor?: Redactor): Logger {
  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    const record: LogRecord = { level, message: redactor ? redactor.text(message) : redactText(message), at: now().toISOString() };
    if (fields !== undefined) record.fields = redactor ? redactor.value(fields) : redact(fields);
    for (const sink of sinks) sink(record);
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

export const consoleSink = (record: LogRecord): void => {
  const line = `${record.at} ${record.level.toUpperCase()} ${record.message}${record.fields ? ' ' + JSON.stringify(record.fields) : ''}`;
  if (record.level === 'error' || record.level === 'warn') console.error(line);
  else console.log(line);
};

/** Keeps the last N records in memory (diagnostics view, and the canary scan in tests). */
export function memorySink(limit = 2000) {
  const records: LogRecord[] = [];
  return {
    records,
    sink: (record: LogRecord) => {
      records.push(record);
      if (records.length > limit) records.shift();
    },
  };
}

/**
 * Puts a core's redactor in front of a logger it was given: whatever sinks that logger has, the
 * core's live secrets are masked before the record reaches them.
 */
export function redactingLogger(inner: Logger, redactor: Redactor): Logger {
  const wrap =
    (write: Logger['info']): Logger['info'] =>
    (message, fields) =>
      write(redactor.text(message), fields === undefined ? undefined : (redactor.value(fields) as Record<string, unknown>));
  return { debug: wrap(inner.debug), info: wrap(inner.info), warn: wrap(inner.warn), error: wrap(inner.error) };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
