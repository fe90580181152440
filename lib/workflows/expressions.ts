/**
 * Evaluates `${{ }}` expressions and the tokens of a parsed workflow with GitHub's own packages
 * (@actions/expressions, @actions/workflow-parser's token tree), adding the status functions the runner provides.
 */
import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import type { FunctionDefinition } from '@actions/expressions/funcs/info';
import { truthy } from '@actions/expressions/result';
import {
  isBasicExpression,
  isBoolean,
  isLiteral,
  isMapping,
  isNumber,
  isSequence,
  isString,
} from '@actions/workflow-parser';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import { ShiplineError } from '../core/errors.js';

/** What the status functions answer, for the job or step being decided. */
export interface StatusState {
  /** True when an earlier step (or a needed job) failed. */
  failed: boolean;
  cancelled: boolean;
  /** For a job's `if:`: true when a needed job did not succeed (skipped counts); defaults to `failed`. */
  notSucceeded?: boolean;
}

/** The contexts an expression may read (github, env, inputs, steps, needs, jobs, secrets, vars, runner, job, …). */
export type ExpressionContext = Record<string, unknown>;

function statusFunctions(state: StatusState): FunctionDefinition[] {
  const fn = (name: string, value: () => boolean): FunctionDefinition => ({
    name,
    minArgs: 0,
    maxArgs: 0,
    call: () => new data.BooleanData(value()),
  });
  return [
    fn('success', () => !(state.notSucceeded ?? state.failed) && !state.cancelled),
    fn('failure', () => state.failed),
    fn('cancelled', () => state.cancelled),
    fn('always', () => true),
  ];
}

function toData(value: unknown): data.ExpressionData {
  return JSON.parse(JSON.stringify(value ?? null), data.reviver) as data.ExpressionData;
}

function fromData(value: data.ExpressionData): unknown {
  return JSON.parse(JSON.stringify(value, data.replacer));
}

/** Evaluates one expression (without `${{ }}`) to a plain JS value. */
export function evaluateExpression(expression: string, context: ExpressionContext, state: StatusState): unknown {
  const functions = statusFunctions(state);
  try {
    const lexed = new Lexer(expression).lex();
    const ast = new Parser(lexed.tokens, Object.keys(context), functions).parse();
    const result = new Evaluator(ast, toData(context) as data.Dictionary, new Map(functions.map((f) => [f.name, f])));
    return fromData(result.evaluate());
  } catch (error) {
    throw new ShiplineError(
      'workflow-expression',
      `Cannot evaluate \`\${{ ${expression} }}\`: ${(error as Error).message}`,
      {
        hint: 'Check the expression against the contexts available at this point of the workflow.',
      },
    );
  }
}

/** Decides an `if:` (a token from the parser, or undefined for the default `success()`). */
export function evaluateCondition(
  token: TemplateToken | undefined,
  context: ExpressionContext,
  state: StatusState,
): boolean {
  if (token === undefined) return !(state.notSucceeded ?? state.failed) && !state.cancelled;
  // The parser already writes `if: <cond>` as `success() && (<cond>)` when the condition calls no status function.
  const value = isBasicExpression(token)
    ? evaluateExpression(token.expression, context, state)
    : evaluateToken(token, context, state);
  return truthy(toData(value));
}

/** Evaluates a template token (literal, expression, mapping or sequence) to plain JS values. */
export function evaluateToken(
  token: TemplateToken | undefined,
  context: ExpressionContext,
  state: StatusState,
): unknown {
  if (token === undefined) return undefined;
  if (isBasicExpression(token)) return evaluateExpression(token.expression, context, state);
  if (isString(token)) return token.value;
  if (isBoolean(token)) return token.value;
  if (isNumber(token)) return token.value;
  if (isMapping(token)) {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < token.count; i++) {
      const pair = token.get(i);
      const key = evaluateToken(pair.key, context, state);
      out[String(key)] = evaluateToken(pair.value, context, state);
    }
    return out;
  }
  if (isSequence(token)) {
    const out: unknown[] = [];
    for (let i = 0; i < token.count; i++) out.push(evaluateToken(token.get(i), context, state));
    return out;
  }
  if (isLiteral(token)) return null;
  return undefined;
}

/** Converts an evaluated value to the string a runner passes on (inputs, env): objects as JSON, null as ''. */
export function asString(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Evaluates `${{ }}` parts inside a plain string (for values read from raw YAML, e.g. workflow_call outputs). */
export function interpolate(text: string, context: ExpressionContext, state: StatusState): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_m, expr: string) =>
    asString(evaluateExpression(expr.trim(), context, state)),
  );
}
