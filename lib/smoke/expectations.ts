/** Checks an HTTP answer against a probe's expectations; returns the first broken one in words, or undefined. */

export interface HttpExpectations {
  status: number | number[];
  'body-contains'?: string;
  json?: unknown;
  header?: Record<string, string>;
}

/** True when `actual` contains `expected`: objects as a subset (recursively), arrays and scalars exactly. */
export function jsonContains(actual: unknown, expected: unknown): boolean {
  if (expected === null || typeof expected !== 'object') return Object.is(actual, expected);
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((item, i) => jsonContains(actual[i], item))
    );
  }
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
  const record = actual as Record<string, unknown>;
  return Object.entries(expected as Record<string, unknown>).every(
    ([key, value]) => Object.hasOwn(record, key) && jsonContains(record[key], value),
  );
}

/** The first expectation `answer` breaks, as a short sentence; undefined when it meets all of them. */
export function brokenExpectation(
  answer: { status: number; headers: Headers; body: string },
  expect: HttpExpectations,
): string | undefined {
  const statuses = Array.isArray(expect.status) ? expect.status : [expect.status];
  if (!statuses.includes(answer.status)) return `status ${answer.status}, expected ${statuses.join(' or ')}`;
  const needle = expect['body-contains'];
  if (needle !== undefined && !answer.body.includes(needle)) return `body does not contain ${JSON.stringify(needle)}`;
  if (expect.json !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(answer.body);
    } catch {
      return 'body is not JSON';
    }
    if (!jsonContains(parsed, expect.json)) return 'JSON body does not contain the expected value';
  }
  for (const [name, value] of Object.entries(expect.header ?? {})) {
    const actual = answer.headers.get(name);
    if (actual === null) return `header ${name} missing`;
    if (!actual.toLowerCase().includes(value.toLowerCase())) return `header ${name} is ${JSON.stringify(actual)}`;
  }
  return undefined;
}
