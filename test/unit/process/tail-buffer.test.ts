import { describe, expect, it } from 'vitest';
import { lastLines, TailBuffer } from '../../../lib/process/tail-buffer.js';

describe('TailBuffer', () => {
  it('keeps everything while under capacity', () => {
    const tail = new TailBuffer(10);
    tail.write('abc');
    tail.write(Buffer.from('def'));
    expect(tail.toString()).toBe('abcdef');
    expect(tail.truncated).toBe(false);
    expect(tail.totalBytes).toBe(6);
  });

  it('drops the oldest bytes across chunk boundaries', () => {
    const tail = new TailBuffer(5);
    for (const part of ['abc', 'def', 'gh']) tail.write(part);
    expect(tail.toString()).toBe('defgh');
    expect(tail.size).toBe(5);
    expect(tail.totalBytes).toBe(8);
    expect(tail.truncated).toBe(true);
  });

  it('keeps only the end of a chunk larger than the capacity', () => {
    const tail = new TailBuffer(4);
    tail.write('x');
    tail.write('0123456789');
    expect(tail.toString()).toBe('6789');
  });

  it('stays within capacity over many writes', () => {
    const tail = new TailBuffer(1000);
    for (let i = 0; i < 10_000; i++) tail.write(`line ${i}\n`);
    expect(tail.size).toBeLessThanOrEqual(1000);
    expect(tail.toString().endsWith('line 9999\n')).toBe(true);
  });
});

describe('lastLines', () => {
  it('returns the last n lines, ignoring a final newline', () => {
    expect(lastLines('a\nb\nc\n', 2)).toBe('b\nc');
    expect(lastLines('a\r\nb', 5)).toBe('a\nb');
    expect(lastLines('a\nb', 0)).toBe('');
  });
});
