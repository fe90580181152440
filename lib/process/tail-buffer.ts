/**
 * A byte buffer that keeps only the last `capacity` bytes written to it. Memory stays bounded however much
 * is written; `totalBytes` still counts everything, so callers can say how much was dropped.
 */
export class TailBuffer {
  private chunks: Buffer[] = [];
  private retained = 0;
  private total = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError(`invalid tail capacity: ${capacity}`);
  }

  /** Appends bytes, dropping the oldest ones beyond the capacity. */
  write(chunk: Buffer | string): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    this.total += bytes.length;
    if (this.capacity === 0 || bytes.length === 0) return;
    if (bytes.length >= this.capacity) {
      // Copy so the (possibly huge) source buffer is not kept alive by a view.
      this.chunks = [Buffer.from(bytes.subarray(bytes.length - this.capacity))];
      this.retained = this.capacity;
      return;
    }
    this.chunks.push(bytes);
    this.retained += bytes.length;
    while (this.retained > this.capacity) {
      const first = this.chunks[0]!;
      const excess = this.retained - this.capacity;
      if (first.length <= excess) {
        this.chunks.shift();
        this.retained -= first.length;
      } else {
        this.chunks[0] = first.subarray(excess);
        this.retained -= excess;
      }
    }
  }

  /** Bytes currently kept (at most `capacity`). */
  get size(): number {
    return this.retained;
  }

  /** Bytes ever written, including the dropped ones. */
  get totalBytes(): number {
    return this.total;
  }

  /** True when some written bytes were dropped. */
  get truncated(): boolean {
    return this.total > this.retained;
  }

  /** The kept bytes as one buffer. */
  toBuffer(): Buffer {
    return Buffer.concat(this.chunks, this.retained);
  }

  /** The kept bytes decoded as UTF-8 (a character cut at the start becomes U+FFFD). */
  toString(): string {
    return this.toBuffer().toString('utf8');
  }
}

/** The last `count` lines of `text` (a trailing newline does not count as an empty last line). */
export function lastLines(text: string, count: number): string {
  if (count <= 0) return '';
  const lines = text.replace(/\r?\n$/, '').split(/\r?\n/);
  return lines.slice(-count).join('\n');
}
