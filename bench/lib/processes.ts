import { spawn } from 'node:child_process';

/** What a finished child process left behind. */
export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a program (never through a shell) and collects its output; rejects when it exits non-zero, with the
 * tail of its output. Asynchronous on purpose: an embedded PostgreSQL in this process must keep running.
 */
export function runProcess(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; redact?: (text: string) => string } = {},
): Promise<ProcessResult> {
  const redact = options.redact ?? ((text: string) => text);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve({ code, stdout, stderr });
      else {
        const tail = redact(`${stdout}\n${stderr}`).trim().split('\n').slice(-25).join('\n');
        reject(new Error(`${command} ${redact(args.join(' '))} exited with ${code}:\n${tail}`));
      }
    });
  });
}
