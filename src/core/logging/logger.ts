import { redact, redactText } from './redact.js';

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
 * records, so a new sink cannot forget to redact.
 */
export function createLogger(sinks: Array<(record: LogRecord) => void>, now: () => Date = () => new Date()): Logger {
  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    const record: LogRecord = { level, message: redactText(message), at: now().toISOString() };
    if (fields !== undefined) record.fields = redact(fields);
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

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
