import { describe, expect, it } from 'vitest';
import {
  buildJsonReport,
  countStatuses,
  escapeTableCell,
  formatDuration,
  renderMarkdown,
  renderTerminal,
  summaryLine,
} from '../../../lib/checks/report.js';
import type { CheckResult } from '../../../lib/checks/types.js';

const results: CheckResult[] = [
  { id: 'config', title: 'Configuration', status: 'pass', message: 'valid', durationMs: 3 },
  { id: 'env', title: 'Environment variables', status: 'warn', message: 'a | b\nsecond line', durationMs: 0 },
  {
    id: 'command:test',
    title: 'Command: test',
    status: 'fail',
    message: 'exited with code 3',
    durationMs: 1520,
    details: 'npm ERR! ```boom```\nline 2',
  },
  { id: 'tls', title: 'TLS certificates', status: 'skip', message: 'no hosts', durationMs: 0 },
];

describe('helpers', () => {
  it('counts statuses and summarises them', () => {
    expect(countStatuses(results)).toEqual({ pass: 1, warn: 1, fail: 1, skip: 1 });
    expect(summaryLine(results)).toBe('1 passed, 1 failed, 1 warning, 1 skipped');
    expect(summaryLine([])).toBe('no checks ran');
  });

  it('formats durations', () => {
    expect(formatDuration(12.4)).toBe('12 ms');
    expect(formatDuration(1520)).toBe('1.5 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
  });

  it('escapes table cells: pipes, newlines and HTML', () => {
    expect(escapeTableCell('a | b\nc <script>&')).toBe('a \\| b<br>c &lt;script&gt;&amp;');
  });
});

describe('renderMarkdown', () => {
  const md = renderMarkdown(results);

  it('renders a verdict and one table row per check', () => {
    const lines = md.split('\n');
    expect(lines[0]).toBe('## Shipline validate');
    expect(md).toContain('❌ **Failed**: 1 passed, 1 failed, 1 warning, 1 skipped');
    expect(lines).toContain('| Check | Result | Duration | Message |');
    expect(lines).toContain('| Configuration | ✅ pass | 3 ms | valid |');
    expect(lines).toContain('| Environment variables | ⚠️ warn | 0 ms | a \\| b<br>second line |');
    expect(lines).toContain('| Command: test | ❌ fail | 1.5 s | exited with code 3 |');
    expect(lines).toContain('| TLS certificates | ⏭️ skip | 0 ms | no hosts |');
  });

  it('keeps every table row at exactly four columns', () => {
    const rows = md.split('\n').filter((l) => l.startsWith('| '));
    for (const row of rows) expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(6);
  });

  it('puts failure details in a collapsible block with a fence longer than any backtick run inside', () => {
    expect(md).toContain(
      '<details><summary>Command: test</summary>\n\n````text\nnpm ERR! ```boom```\nline 2\n````\n\n</details>',
    );
  });

  it('says passed when nothing failed and accepts a title', () => {
    const ok = renderMarkdown([results[0]!], { title: 'Validate production' });
    expect(ok.startsWith('## Validate production\n\n✅ **Passed**: 1 passed')).toBe(true);
  });
});

describe('renderTerminal', () => {
  it('aligns columns, flattens messages and prints details under failures', () => {
    const text = renderTerminal(results);
    const lines = text.split('\n');
    expect(lines[0]).toBe('CHECK                  RESULT  TIME   MESSAGE');
    expect(lines[1]).toBe('Configuration          pass    3 ms   valid');
    expect(lines[2]).toBe('Environment variables  warn    0 ms   a | b second line');
    expect(lines[3]).toBe('Command: test          FAIL    1.5 s  exited with code 3');
    expect(lines[4]).toBe('    npm ERR! ```boom```');
    expect(text.trimEnd().split('\n').at(-1)).toBe('FAILED: 1 passed, 1 failed, 1 warning, 1 skipped');
    expect(text).not.toContain('\x1b[');
  });

  it('colours the result column only when asked', () => {
    expect(renderTerminal(results, { color: true })).toContain('\x1b[31mFAIL  \x1b[0m');
  });

  it('can leave details out', () => {
    expect(renderTerminal(results, { details: false })).not.toContain('npm ERR!');
  });
});

describe('buildJsonReport', () => {
  it('is JSON-serialisable with counts and the verdict given', () => {
    const report = buildJsonReport(results, false);
    expect(JSON.parse(JSON.stringify(report))).toEqual({
      version: 1,
      passed: false,
      counts: { pass: 1, warn: 1, fail: 1, skip: 1 },
      checks: results,
    });
  });
});
