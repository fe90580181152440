import { describe, expect, it } from 'vitest';
import { brokenExpectation, jsonContains } from '../../../lib/smoke/expectations.js';

const answer = (status: number, body: string, headers: Record<string, string> = {}) => ({
  status,
  body,
  headers: new Headers(headers),
});

describe('expectations', () => {
  it('checks status, body, JSON subset and headers in order', () => {
    expect(brokenExpectation(answer(200, 'ok'), { status: 200 })).toBeUndefined();
    expect(brokenExpectation(answer(503, 'ok'), { status: [200, 204] })).toBe('status 503, expected 200 or 204');
    expect(brokenExpectation(answer(200, 'nope'), { status: 200, 'body-contains': 'ok"' })).toMatch(/does not contain/);
    expect(brokenExpectation(answer(200, '<html>'), { status: 200, json: { ok: true } })).toBe('body is not JSON');
    expect(
      brokenExpectation(answer(200, '{"ok":true,"db":{"up":true,"ms":3}}'), {
        status: 200,
        json: { db: { up: true } },
      }),
    ).toBeUndefined();
    expect(brokenExpectation(answer(200, '{"ok":false}'), { status: 200, json: { ok: true } })).toMatch(/JSON body/);
    expect(
      brokenExpectation(answer(200, '', { 'Cache-Control': 'public, max-age=0' }), {
        status: 200,
        header: { 'cache-control': 'MAX-AGE=0' },
      }),
    ).toBeUndefined();
    expect(brokenExpectation(answer(200, ''), { status: 200, header: { 'x-version': 'v1' } })).toBe(
      'header x-version missing',
    );
  });

  it('matches objects as subsets and arrays exactly', () => {
    expect(jsonContains({ a: 1, b: [1, 2] }, { b: [1, 2] })).toBe(true);
    expect(jsonContains({ a: 1, b: [1, 2, 3] }, { b: [1, 2] })).toBe(false);
    expect(jsonContains([{ a: 1, x: 2 }], [{ a: 1 }])).toBe(true);
    expect(jsonContains({ a: null }, { a: null })).toBe(true);
    expect(jsonContains({}, { a: undefined })).toBe(false);
    expect(jsonContains('1', 1)).toBe(false);
    expect(jsonContains({ a: [] }, { a: {} })).toBe(false);
  });
});
