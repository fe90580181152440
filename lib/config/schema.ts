/**
 * The schema of `.github/shipline.yml`: one file configures every Shipline action, the bot and the CLI.
 * Keys are kebab-case; every object is strict (an unknown key is an error, with a "did you mean" hint from the loader).
 * Each field's `.describe()` text becomes its JSON Schema description and its line in the README reference.
 */
import { z } from 'zod';
import { BYTE_SIZE_PATTERN, isValidTimeZone, PG_DURATION_PATTERN, parseByteSize } from './units.js';

/** Where the loader looks by default, relative to the repository root. */
export const DEFAULT_CONFIG_PATH = '.github/shipline.yml';

/** The only schema version this release understands. */
export const CONFIG_VERSION = 1;

/** Permission levels of GitHub's collaborator permission API (`role_name`), weakest first. */
export const PERMISSION_LEVELS = ['read', 'triage', 'write', 'maintain', 'admin'] as const;

/** ChatOps commands the bot understands. */
export const CHATOPS_COMMANDS = ['rollback', 'deploy', 'status', 'lock', 'unlock', 'help'] as const;

/** Weekday names used by freeze windows. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const HHMM_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

const BYTE_SIZE_ERROR = 'Expected a size in bytes or a string such as "500kB", "2MB" or "1.5MiB"';
const byteSize = z
  .union(
    [
      z.number({ error: BYTE_SIZE_ERROR }).int({ error: BYTE_SIZE_ERROR }).nonnegative({ error: BYTE_SIZE_ERROR }),
      z.string({ error: BYTE_SIZE_ERROR }).regex(BYTE_SIZE_PATTERN, { error: BYTE_SIZE_ERROR }),
    ],
    { error: BYTE_SIZE_ERROR },
  )
  .transform((value) => parseByteSize(value) as number);

const pgDuration = z.string().regex(PG_DURATION_PATTERN, {
  error: 'Expected a PostgreSQL duration such as "500ms", "5s", "15min" or "1h"',
});

const httpStatus = z
  .number({ error: 'Expected a number between 100 and 599' })
  .int({ error: 'Expected a whole number between 100 and 599' })
  .min(100, { error: 'Expected a number between 100 and 599' })
  .max(599, { error: 'Expected a number between 100 and 599' });

const httpMethod = z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

const expectStatus = z
  .union([httpStatus, z.array(httpStatus).min(1)], {
    error: 'Expected a number between 100 and 599, or a list of them',
  })
  .default(200)
  .describe('Accepted status code, or a list of accepted codes. Default `200`.');

const latencyBudget = z
  .number()
  .int()
  .positive()
  .optional()
  .describe('Latency budget of this probe in milliseconds: a slower answer counts as an error. Default: none.');

const smokeCheckSchema = z
  .object({
    name: z.string().min(1).optional().describe('Label shown in reports. Default: the method and path.'),
    path: z
      .string()
      .startsWith('/', { error: 'Expected a path starting with "/", e.g. /api/health' })
      .describe('Path requested on the deployment, e.g. `/api/health`.'),
    method: httpMethod.default('GET').describe('HTTP method. Default `GET`.'),
    headers: z
      .record(z.string().min(1), z.string())
      .optional()
      .describe('Request headers, e.g. `{ accept: application/json }`.'),
    body: z.string().optional().describe('Request body (sent as is).'),
    'latency-ms': latencyBudget,
    expect: z
      .object({
        status: expectStatus,
        'body-contains': z.string().min(1).optional().describe('Text the response body must contain.'),
        json: z
          .unknown()
          .optional()
          .describe(
            'A JSON value the response body must contain (objects match as a subset, arrays and scalars exactly).',
          ),
        header: z
          .record(z.string().min(1), z.string())
          .optional()
          .describe(
            'Headers the response must carry; each value must be contained in the header (case-insensitive name).',
          ),
      })
      .strict()
      .prefault({})
      .describe('What a healthy answer looks like.'),
  })
  .strict();

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

const supabaseFunctionProbeSchema = z
  .object({
    name: z.string().min(1).optional().describe('Label shown in reports. Default: `function <slug>`.'),
    function: z.string().regex(NAME_PATTERN).describe('Edge function slug invoked through supabase-js.'),
    method: httpMethod.default('POST').describe('HTTP method. Default `POST` (what `functions.invoke` sends).'),
    body: z.unknown().optional().describe('JSON body sent to the function.'),
    'latency-ms': latencyBudget,
    expect: z
      .object({
        status: expectStatus,
        'body-contains': z.string().min(1).optional().describe('Text the response body must contain.'),
        json: z.unknown().optional().describe('A JSON value the response must contain (objects as a subset).'),
      })
      .strict()
      .prefault({})
      .describe('What a healthy answer looks like.'),
  })
  .strict();

const supabaseTableProbeSchema = z
  .object({
    name: z.string().min(1).optional().describe('Label shown in reports. Default: `table <table>`.'),
    table: z
      .string()
      .regex(IDENTIFIER, { error: 'Expected a table name such as `products`' })
      .describe('Table or view read through PostgREST with the anon key (`select … limit 1`).'),
    schema: z.string().regex(IDENTIFIER).default('public').describe('Schema of the table. Default `public`.'),
    select: z.string().min(1).default('*').describe('Columns to select. Default `*`.'),
    'min-rows': z
      .number()
      .int()
      .min(0)
      .default(1)
      .describe('Rows the anon role must see (0 or 1; proves row-level security lets it read). Default `1`.'),
    'latency-ms': latencyBudget,
  })
  .strict();

const sqlProbeSchema = z
  .object({
    name: z.string().min(1).optional().describe('Label shown in reports. Default: `sql <n>`.'),
    query: z.string().min(1).describe('A read-only query run in a read-only transaction over the database URL.'),
    'expect-rows': z.number().int().min(0).optional().describe('Least number of rows the query must return.'),
    'latency-ms': latencyBudget,
  })
  .strict();

const smokeFields = {
  checks: z.array(smokeCheckSchema).describe('Requests made against the deployment. Default: `GET /` expecting 200.'),
  supabase: z
    .object({
      functions: z.array(supabaseFunctionProbeSchema).default([]).describe('Edge functions to invoke.'),
      tables: z.array(supabaseTableProbeSchema).default([]).describe('Tables to read through PostgREST as anon.'),
      sql: z.array(sqlProbeSchema).default([]).describe('Read-only SQL probes; run only when a database URL is given.'),
    })
    .strict()
    .describe('Probes of the Supabase backend through `@supabase/supabase-js` with the anon key.'),
  rounds: z.number().int().min(1).max(100).describe('How many times every check is requested. Default `3`.'),
  interval: z.number().min(0).max(600).describe('Seconds between rounds. Default `5`.'),
  warmup: z
    .number()
    .min(0)
    .max(900)
    .describe(
      'Seconds to retry the first answer of every probe while the deployment wakes up; warm-up answers are not counted. Default `60`.',
    ),
  concurrency: z.number().int().min(1).max(256).describe('Probes in flight at once. Default `10`.'),
  timeout: z
    .number()
    .positive()
    .max(300)
    .describe('Seconds one probe may take before it counts as an error. Default `10`.'),
  'max-error-rate': z
    .number()
    .min(0)
    .max(1)
    .describe('Largest share of failed requests (0–1) still judged healthy, per probe and overall. Default `0.05`.'),
  'failure-limit': z
    .number()
    .int()
    .min(0)
    .optional()
    .describe('Fail once more than this many requests failed in all. Default: no limit beyond `max-error-rate`.'),
  'consecutive-error-limit': z
    .number()
    .int()
    .min(1)
    .describe('Fail when one probe fails this many times in a row. Default `3`.'),
  'p95-ms': z
    .number()
    .int()
    .positive()
    .describe('95th-percentile latency in milliseconds above which the verdict carries a warning. Default `2000`.'),
  'p95-fail-ms': z
    .number()
    .int()
    .positive()
    .describe('95th-percentile latency in milliseconds above which smoke fails. Default `5000`.'),
} as const;

/** Smoke test settings with their defaults applied. */
const smokeSchema = z
  .object({
    checks: smokeFields.checks.default([{ path: '/', method: 'GET', expect: { status: 200 } }]),
    supabase: smokeFields.supabase.prefault({}),
    rounds: smokeFields.rounds.default(3),
    interval: smokeFields.interval.default(5),
    warmup: smokeFields.warmup.default(60),
    concurrency: smokeFields.concurrency.default(10),
    timeout: smokeFields.timeout.default(10),
    'max-error-rate': smokeFields['max-error-rate'].default(0.05),
    'failure-limit': smokeFields['failure-limit'],
    'consecutive-error-limit': smokeFields['consecutive-error-limit'].default(3),
    'p95-ms': smokeFields['p95-ms'].default(2000),
    'p95-fail-ms': smokeFields['p95-fail-ms'].default(5000),
  })
  .strict();

/** Per-environment smoke overrides: any field given replaces the top-level `smoke` value. */
const smokeOverrideSchema = z
  .object(
    Object.fromEntries(Object.entries(smokeFields).map(([key, schema]) => [key, schema.optional()])) as {
      [K in keyof typeof smokeFields]: z.ZodOptional<(typeof smokeFields)[K]>;
    },
  )
  .strict();

const environmentSchema = z
  .object({
    'vercel-target': z
      .string()
      .regex(NAME_PATTERN, { error: 'Expected `production`, `preview` or a custom environment name' })
      .optional()
      .describe(
        'Vercel target: `production`, `preview` or a custom environment name. Default: `production` for the environment named `production`, else `preview`.',
      ),
    url: z
      .url({ protocol: /^https?$/, error: 'Expected an http(s) URL' })
      .optional()
      .describe('Public URL of the environment, e.g. `https://shop.example.com`.'),
    'required-permission': z
      .enum(PERMISSION_LEVELS)
      .default('write')
      .describe('Least GitHub permission (role) needed to deploy or roll back here via ChatOps. Default `write`.'),
    branch: z.string().min(1).optional().describe('Branch deployed to this environment, e.g. `main`.'),
    smoke: smokeOverrideSchema.optional().describe('Overrides of the top-level `smoke` settings for this environment.'),
  })
  .strict();

const envRuleSchema = z
  .object({
    name: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'Expected an environment variable name such as API_KEY' })
      .describe('Name of the environment variable or secret.'),
    'min-length': z.number().int().positive().optional().describe('Minimum length of the value.'),
    pattern: z
      .string()
      .refine(
        (p) => {
          try {
            new RegExp(p);
            return true;
          } catch {
            return false;
          }
        },
        { error: 'Expected a valid regular expression (without slashes)' },
      )
      .optional()
      .describe('Regular expression the value must match, without slashes, e.g. `^sbp_`.'),
    description: z.string().optional().describe('Explanation shown when the rule fails.'),
    required: z
      .boolean()
      .default(true)
      .describe('Fail when the variable is missing. `false` = the rules apply only when it is set. Default `true`.'),
    secret: z
      .boolean()
      .default(true)
      .describe('Mask the value in every log and report (registered with the runner). Default `true`.'),
  })
  .strict();

const commandSchema = z
  .object({
    name: z.string().min(1).describe('Short name shown in the report, e.g. `test`.'),
    run: z
      .array(z.string(), { error: 'Expected a list: the program and its arguments, e.g. ["npm", "test"]' })
      .min(1, { error: 'Expected at least the program name' })
      .describe('Program and arguments as a list, e.g. `["npm", "test"]`. No shell is used.'),
    timeout: z.number().int().positive().default(600).describe('Seconds before the command is killed. Default `600`.'),
    cwd: z.string().min(1).optional().describe('Working directory, relative to the repository root.'),
    env: z.record(z.string(), z.string()).optional().describe('Extra environment variables for the command.'),
    'pass-env': z
      .array(
        z
          .string()
          .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'Expected an environment variable name such as DATABASE_URL' }),
      )
      .optional()
      .describe(
        'Variables passed on from the environment besides the default allow-list (PATH, HOME, locale, temp, proxy and CA settings, non-secret CI facts). Runner tokens such as ACTIONS_RUNTIME_TOKEN are never passed unless named here.',
      ),
  })
  .strict();

const freezeWindowSchema = z
  .object({
    days: z
      .array(z.enum(WEEKDAYS))
      .default([])
      .describe('Weekdays (`mon` … `sun`) the window applies to. Default: every day.'),
    from: z
      .string()
      .regex(HHMM_PATTERN, { error: 'Expected a time as HH:MM, e.g. 16:00' })
      .describe('Start, `HH:MM` local time, inclusive.'),
    to: z
      .string()
      .regex(HHMM_PATTERN, { error: 'Expected a time as HH:MM, e.g. 09:00' })
      .describe('End, `HH:MM` local time, exclusive; earlier than `from` wraps past midnight.'),
    reason: z.string().optional().describe('Shown when a deploy is refused, e.g. `Weekend freeze`.'),
  })
  .strict();

const validateSchema = z
  .object({
    env: z.array(envRuleSchema).default([]).describe('Environment variables and secrets that must be set.'),
    git: z
      .object({
        clean: z
          .boolean()
          .default(true)
          .describe('Fail when the working tree has uncommitted changes. Default `true`.'),
        branches: z
          .array(z.string().min(1))
          .default([])
          .describe('Branches (or globs such as `release/*`) HEAD must be on. Default: any branch.'),
        'require-tag': z
          .boolean()
          .default(false)
          .describe('HEAD must carry a release tag newer than every other. Default `false`.'),
        'tag-prefix': z.string().default('v').describe('Prefix of release tags. Default `v`.'),
      })
      .strict()
      .optional()
      .describe('Git state checks; omitted = no git check.'),
    commands: z.array(commandSchema).default([]).describe('Commands that must exit 0 (tests, lint, type check).'),
    tls: z
      .object({
        hosts: z
          .array(z.string().min(1))
          .default([])
          .describe("`host` or `host:port`. Default: the host of the validated environment's `url`."),
        'min-days': z
          .number()
          .int()
          .min(0)
          .default(14)
          .describe('Certificates must stay valid at least this many days. Default `14`.'),
        timeout: z.number().positive().default(10).describe('Handshake timeout per host, seconds. Default `10`.'),
      })
      .strict()
      .optional()
      .describe('TLS certificate expiry checks; omitted = no TLS check.'),
    bundle: z
      .array(
        z
          .object({
            glob: z
              .string()
              .min(1)
              .describe('Files to measure, relative to the repository root, e.g. `.vercel/output/static/**`.'),
            'max-total': byteSize.optional().describe('Largest total size: bytes, or `500kB`, `2MB`, `1.5MiB`.'),
            'max-gzip': byteSize.optional().describe('Largest total gzip size (each file gzipped separately).'),
          })
          .strict(),
      )
      .default([])
      .describe('Size budgets for built files.'),
    freeze: z
      .object({
        timezone: z
          .string()
          .refine(isValidTimeZone, { error: 'Expected an IANA time zone such as Europe/Berlin or UTC' })
          .default('UTC')
          .describe('IANA time zone the windows are written in. Default `UTC`.'),
        windows: z.array(freezeWindowSchema).default([]).describe('Times when deploys are refused.'),
      })
      .strict()
      .optional()
      .describe('Deploy freeze windows; omitted = no freeze check.'),
    'blocking-labels': z
      .array(z.string().min(1))
      .default([])
      .describe('An open issue with any of these labels blocks the deploy (needs `github-token`).'),
  })
  .strict();

const environmentsSchema = z
  .record(
    z.string().regex(NAME_PATTERN, { error: 'Expected an environment name of letters, digits, `.`, `_` or `-`' }),
    environmentSchema,
  )
  .refine((envs) => Object.keys(envs).length > 0, { error: 'Expected at least one environment' })
  .transform((envs) => {
    const out: Record<string, z.output<typeof environmentSchema> & { 'vercel-target': string }> = {};
    for (const [name, env] of Object.entries(envs)) {
      out[name] = {
        ...env,
        'vercel-target': env['vercel-target'] ?? (name === 'production' ? 'production' : 'preview'),
      };
    }
    return out;
  });

/** The whole `.github/shipline.yml`. */
export const shiplineConfigSchema = z
  .object({
    version: z
      .literal(CONFIG_VERSION, { error: `Expected version: ${CONFIG_VERSION}` })
      .describe('Schema version of this file. Always `1` for now.'),
    project: z
      .object({
        name: z
          .string()
          .min(1)
          .optional()
          .describe('Display name used in summaries and issues. Default: the repository name.'),
      })
      .strict()
      .prefault({})
      .describe('About the project.'),
    environments: environmentsSchema
      .prefault({ production: {} })
      .describe('Deploy targets by name. Default: one environment named `production`.'),
    vercel: z
      .object({
        project: z.string().min(1).optional().describe('Vercel project name or id.'),
        'team-id': z.string().min(1).optional().describe('Vercel team id (`team_…`); omit for a personal account.'),
        'output-dir': z
          .string()
          .min(1)
          .default('.vercel/output')
          .describe('Prebuilt Build Output API folder. Default `.vercel/output`.'),
        'build-timeout': z
          .number()
          .int()
          .positive()
          .default(900)
          .describe('Seconds to wait for a deployment to become ready. Default `900`.'),
      })
      .strict()
      .prefault({})
      .describe('Vercel project settings.'),
    supabase: z
      .object({
        'project-ref': z
          .string()
          .regex(/^[a-z]{20}$/, { error: 'Expected a 20-letter Supabase project ref, e.g. abcdefghijklmnopqrst' })
          .optional()
          .describe('Supabase project ref (20 lower-case letters).'),
        'migrations-dir': z
          .string()
          .min(1)
          .default('supabase/migrations')
          .describe('Folder of `<version>_<name>.sql` migrations. Default `supabase/migrations`.'),
        'functions-dir': z
          .string()
          .min(1)
          .default('supabase/functions')
          .describe('Folder of edge functions. Default `supabase/functions`.'),
        migrations: z
          .object({
            'lock-timeout': pgDuration
              .default('5s')
              .describe('PostgreSQL `lock_timeout` for each migration. Default `5s`.'),
            'statement-timeout': pgDuration
              .default('15min')
              .describe('PostgreSQL `statement_timeout` for each migration. Default `15min`.'),
            'advisory-lock-timeout': z
              .number()
              .int()
              .min(0)
              .default(60)
              .describe('Seconds to wait for another migration run to finish. Default `60`.'),
            'allow-out-of-order': z
              .boolean()
              .default(false)
              .describe('Apply files older than the newest applied one. Default `false`.'),
            backup: z.boolean().default(true).describe('Dump the schema and data before migrating. Default `true`.'),
            'apply-with': z
              .enum(['shipline', 'other'])
              .default('shipline')
              .describe(
                'What applies the migration files: `shipline` (the migrate action or `shipline migrate`, which set `lock-timeout` for the session) or `other` (e.g. `supabase db push`: lint then asks each file to set its own lock_timeout). Default `shipline`.',
              ),
          })
          .strict()
          .prefault({})
          .describe('How migrations are applied.'),
      })
      .strict()
      .prefault({})
      .describe('Supabase project settings.'),
    validate: validateSchema
      .prefault({})
      .describe('Pre-deploy checks run by the `validate` action and `shipline validate`.'),
    smoke: smokeSchema.prefault({}).describe('Smoke tests run against a staged deployment and again after promotion.'),
    rollback: z
      .object({
        auto: z
          .boolean()
          .default(true)
          .describe('Roll back automatically when smoke tests fail after promotion. Default `true`.'),
        keep: z
          .number()
          .int()
          .min(1)
          .default(10)
          .describe('How many previous known-good releases `/rollback` lists and may target. Default `10`.'),
      })
      .strict()
      .prefault({})
      .describe('Rollback behaviour.'),
    incidents: z
      .object({
        labels: z
          .array(z.string().min(1))
          .default(['incident'])
          .describe(
            'Labels of the incident issue opened on an automatic rollback or a failed production deploy. Default `[incident]`.',
          ),
        assignees: z
          .array(z.string().min(1))
          .default([])
          .describe('GitHub logins assigned to the incident issue. Default: nobody.'),
      })
      .strict()
      .prefault({})
      .describe('Incident issues opened by the auto-rollback action.'),
    chatops: z
      .object({
        commands: z
          .array(z.enum(CHATOPS_COMMANDS))
          .default([...CHATOPS_COMMANDS])
          .describe('Commands the bot accepts. Default: all of them.'),
      })
      .strict()
      .prefault({})
      .describe('The ChatOps bot.'),
  })
  .strict()
  .describe('Shipline configuration (.github/shipline.yml).');

/** A parsed configuration with every default applied. */
export type ShiplineConfig = z.output<typeof shiplineConfigSchema>;

/** The configuration as written in the file (defaults optional). */
export type ShiplineConfigInput = z.input<typeof shiplineConfigSchema>;

/** One environment after defaults (`vercel-target` resolved). */
export type EnvironmentConfig = ShiplineConfig['environments'][string];

/** Smoke settings after defaults. */
export type SmokeConfig = ShiplineConfig['smoke'];

/** Smoke settings for `environment`: the top-level `smoke` with the environment's overrides applied. */
export function smokeFor(config: ShiplineConfig, environment: string): SmokeConfig {
  const overrides = config.environments[environment]?.smoke ?? {};
  const merged: SmokeConfig = { ...config.smoke };
  for (const [key, value] of Object.entries(overrides)) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}
