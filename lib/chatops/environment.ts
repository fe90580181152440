/** Which configured environment a command means. */
import type { ShiplineConfig } from '../config/schema.js';
import { type Outcome, refused, succeeded } from '../release/outcome.js';

/**
 * The environment named by a command, or the default one when none is named: `production` when configured, else the
 * only environment. Refuses names that are not in `.github/shipline.yml`.
 */
export function resolveEnvironment(config: ShiplineConfig, name: string | undefined): Outcome<{ environment: string }> {
  const known = Object.keys(config.environments);
  const list = known.map((e) => `\`${e}\``).join(', ');
  if (name === undefined) {
    if (known.includes('production')) return succeeded('production', { environment: 'production' });
    if (known.length === 1) return succeeded(known[0]!, { environment: known[0]! });
    return refused('unknown-environment', `Name the environment with \`to <env>\`: one of ${list}.`, {
      environment: '',
    });
  }
  if (known.includes(name)) return succeeded(name, { environment: name });
  return refused(
    'unknown-environment',
    `\`${name}\` is not an environment of this repository. Configured in .github/shipline.yml: ${list}.`,
    { environment: name },
  );
}
