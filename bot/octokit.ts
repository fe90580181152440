/** Probot's GitHub client without request throttling, for the emulator, tests, benchmarks and one-event Actions runs. */
import { ProbotOctokit } from 'probot';

/**
 * Probot's client with throttling forced off. A subclass (not `.defaults`) because Probot layers its own defaults
 * over the class it is given, which would turn throttling back on.
 */
export class UnthrottledOctokit extends ProbotOctokit {
  constructor(options: ConstructorParameters<typeof ProbotOctokit>[0] = {}) {
    super({ ...options, throttle: { ...options?.throttle, enabled: false } } as never);
  }
}
