import { resolve } from 'node:path';
import { describeError } from '../core/errors.js';
import { formatBytes } from '../core/size.js';
import { commandEnvironment } from '../process/child-env.js';
import { CommandNotFoundError, DEFAULT_MAX_OUTPUT_BYTES, runCommand } from '../process/run-command.js';
import { lastLines } from '../process/tail-buffer.js';
import type { CommandCheckOptions } from './options.js';
import type { Check } from './types.js';

const DEFAULT_TAIL_LINES = 40;

/**
 * Runs one configured command (argv, no shell) in its own process group, with an allow-listed environment (plus the
 * names it lists in `passEnv`) and a timeout that kills the whole group. Fails on a non-zero exit, a timeout or a missing program, with the redacted tail of the output in
 * `details`. Only the last `maxOutputBytes` of output are ever held in memory.
 */
export function commandCheck(options: CommandCheckOptions): Check {
  const { command } = options;
  const tailLines = options.tailLines ?? DEFAULT_TAIL_LINES;
  return {
    id: `command:${command.name}`,
    title: `Command: ${command.name}`,
    async run(ctx) {
      const program = command.run[0];
      if (!program) return { status: 'fail', message: `command "${command.name}" has an empty \`run\` list` };
      const tail = (output: string) => ctx.redactor.redact(lastLines(output, tailLines));
      ctx.logger.debug(ctx.redactor.redact(`running ${JSON.stringify(command.run)}`));
      let result: Awaited<ReturnType<typeof runCommand>>;
      try {
        result = await runCommand(command.run, {
          cwd: resolve(ctx.cwd, command.cwd ?? '.'),
          // An allow-list, never the runner's whole environment (its tokens): lib/process/child-env.ts.
          env: commandEnvironment(ctx.env, {
            ...(command.passEnv === undefined ? {} : { pass: command.passEnv }),
            ...(command.env === undefined ? {} : { set: command.env }),
          }),
          timeoutMs: Math.round(command.timeoutSeconds * 1000),
          maxOutputBytes: options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES,
          signal: ctx.signal,
        });
      } catch (error) {
        if (error instanceof CommandNotFoundError) {
          return { status: 'fail', message: ctx.redactor.redact(`command not found: ${program}`) };
        }
        return {
          status: 'fail',
          message: ctx.redactor.redact(`${command.name} could not start: ${describeError(error)}`),
        };
      }
      const note = result.truncated
        ? `\n(output truncated: ${formatBytes(result.outputBytes)} produced, only the tail was kept)`
        : '';
      if (result.timedOut) {
        return {
          status: 'fail',
          message: `${command.name} timed out after ${command.timeoutSeconds} s`,
          details: tail(result.output) + note,
        };
      }
      if (result.aborted) {
        return { status: 'fail', message: `${command.name} was cancelled`, details: tail(result.output) + note };
      }
      if (result.exitCode !== 0) {
        const how = result.exitCode === null ? `was killed by ${result.signal}` : `exited with code ${result.exitCode}`;
        return { status: 'fail', message: `${command.name} ${how}`, details: tail(result.output) + note };
      }
      return { status: 'pass', message: `${command.name} passed` };
    },
  };
}
