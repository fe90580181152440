/** Where a finding points: a file and, when known, a line and column (1-based). */
export interface SourceLocation {
  file: string;
  line?: number;
  endLine?: number;
  column?: number;
  title?: string;
}

/**
 * The logging surface lib/ writes to. Each adapter implements it: actions map it onto `@actions/core`
 * (annotations, groups), the CLI onto the terminal, the bot onto Probot's logger, tests onto a memory buffer.
 */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  /** A warning; with a location it becomes an annotation on that file and line. */
  warning(message: string, location?: SourceLocation): void;
  /** An error; with a location it becomes an annotation on that file and line. */
  error(message: string, location?: SourceLocation): void;
  /** Runs `fn` inside a collapsible group (a no-op grouping where the adapter has none). */
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
}

/** One recorded log call; used by the memory logger in tests and by the CLI's report. */
export interface LogEntry {
  level: 'debug' | 'info' | 'warning' | 'error';
  message: string;
  location?: SourceLocation;
}

/** A logger that records everything in memory; the one tests pass to lib/. */
export class MemoryLogger implements Logger {
  readonly entries: LogEntry[] = [];

  debug(message: string): void {
    this.entries.push({ level: 'debug', message });
  }
  info(message: string): void {
    this.entries.push({ level: 'info', message });
  }
  warning(message: string, location?: SourceLocation): void {
    this.entries.push({ level: 'warning', message, location });
  }
  error(message: string, location?: SourceLocation): void {
    this.entries.push({ level: 'error', message, location });
  }
  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    this.entries.push({ level: 'info', message: `[group] ${title}` });
    return fn();
  }
  /** All messages of one level, joined by newlines (handy in assertions). */
  text(level?: LogEntry['level']): string {
    return this.entries
      .filter((e) => level === undefined || e.level === level)
      .map((e) => e.message)
      .join('\n');
  }
}

/** A logger that drops everything. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warning() {},
  error() {},
  group: (_title, fn) => fn(),
};
