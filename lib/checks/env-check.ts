import type { EnvCheckOptions } from './options.js';
import type { Check } from './types.js';

/**
 * Checks that each required variable is present and non-blank in `ctx.env`, and that every set one meets its
 * `minLength` and `pattern`; optional rules whose variable is unset are skipped. Secret values are registered with
 * the redactor before anything is logged; messages name the variable and the rule, never the value. All problems
 * are reported at once.
 */
export function envCheck(options: EnvCheckOptions): Check {
  return {
    id: 'env',
    title: 'Environment variables',
    async run(ctx) {
      // Register first: nothing below may print a value, but a later log or error might quote one.
      for (const rule of options.rules) if (rule.secret !== false) ctx.redactor.add(ctx.env[rule.name]);
      const unset = (name: string) => (ctx.env[name] ?? '').trim() === '';
      const active = options.rules.filter((r) => r.required !== false || !unset(r.name));
      const optionalUnset = options.rules.filter((r) => !active.includes(r)).map((r) => r.name);
      if (active.length === 0) {
        return { status: 'skip', message: `optional variables not set: ${optionalUnset.join(', ')}` };
      }

      const missing: string[] = [];
      const weak = new Set<string>();
      const problems: string[] = [];
      for (const rule of active) {
        const value = ctx.env[rule.name];
        const why = rule.description ? ` — ${rule.description}` : '';
        if (value === undefined || value.trim() === '') {
          missing.push(rule.name);
          problems.push(`${rule.name}: missing or empty${why}`);
          continue;
        }
        if (rule.minLength !== undefined && value.length < rule.minLength) {
          weak.add(rule.name);
          problems.push(`${rule.name}: shorter than ${rule.minLength} characters${why}`);
        }
        if (rule.pattern !== undefined) {
          let re: RegExp;
          try {
            re = new RegExp(rule.pattern);
          } catch {
            weak.add(rule.name);
            problems.push(`${rule.name}: the configured pattern /${rule.pattern}/ is not a valid regular expression`);
            continue;
          }
          if (!re.test(value)) {
            weak.add(rule.name);
            problems.push(`${rule.name}: does not match /${rule.pattern}/${why}`);
          }
        }
      }

      const note = optionalUnset.length > 0 ? ` (optional, not set: ${optionalUnset.join(', ')})` : '';
      const count = active.length;
      if (problems.length === 0) {
        return { status: 'pass', message: `${count} variable${count === 1 ? '' : 's'} present and valid${note}` };
      }
      const parts: string[] = [];
      if (missing.length > 0) parts.push(`missing: ${missing.join(', ')}`);
      if (weak.size > 0) parts.push(`not meeting their rules: ${[...weak].join(', ')}`);
      return {
        status: 'fail',
        message: ctx.redactor.redact(parts.join('; ') + note),
        details: ctx.redactor.redact(problems.join('\n')),
      };
    },
  };
}
