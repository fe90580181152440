import { createHash } from 'node:crypto';
import { VercelCore } from '@vercel/sdk/core.js';
import { aliasesAssignAlias } from '@vercel/sdk/funcs/aliasesAssignAlias.js';
import { deploymentsCancelDeployment } from '@vercel/sdk/funcs/deploymentsCancelDeployment.js';
import { deploymentsCreateDeployment } from '@vercel/sdk/funcs/deploymentsCreateDeployment.js';
import { deploymentsGetDeployment } from '@vercel/sdk/funcs/deploymentsGetDeployment.js';
import { deploymentsGetDeploymentEvents } from '@vercel/sdk/funcs/deploymentsGetDeploymentEvents.js';
import { deploymentsGetDeployments } from '@vercel/sdk/funcs/deploymentsGetDeployments.js';
import { deploymentsUploadFile } from '@vercel/sdk/funcs/deploymentsUploadFile.js';
import { projectsGetProject } from '@vercel/sdk/funcs/projectsGetProject.js';
import { projectsListPromoteAliases } from '@vercel/sdk/funcs/projectsListPromoteAliases.js';
import { projectsRequestPromote } from '@vercel/sdk/funcs/projectsRequestPromote.js';
import { projectsRequestRollback } from '@vercel/sdk/funcs/projectsRequestRollback.js';
import { projectsUpdateProjectProtectionBypass } from '@vercel/sdk/funcs/projectsUpdateProjectProtectionBypass.js';
import { teamsGetTeam } from '@vercel/sdk/funcs/teamsGetTeam.js';
import { teamsGetTeams } from '@vercel/sdk/funcs/teamsGetTeams.js';
import { userGetAuthUser } from '@vercel/sdk/funcs/userGetAuthUser.js';
import { AuthUser$inboundSchema } from '@vercel/sdk/models/authuser.js';
import { CreateDeploymentResponseBody2$inboundSchema } from '@vercel/sdk/models/createdeploymentresponsebody.js';
import { GetDeploymentEvents32$inboundSchema } from '@vercel/sdk/models/getdeploymenteventsop.js';
import { GetDeploymentResponseBody2$inboundSchema } from '@vercel/sdk/models/getdeploymentresponsebody1.js';
import { GetDeploymentsResponseBody$inboundSchema } from '@vercel/sdk/models/getdeploymentsop.js';
import { GetProjectProtectionBypass2$inboundSchema } from '@vercel/sdk/models/getprojectfrompreset.js';
import { ListPromoteAliasesResponseBody2$inboundSchema } from '@vercel/sdk/models/listpromotealiasesop.js';
import { UpdateProjectProtectionBypassProtectionBypass2$inboundSchema } from '@vercel/sdk/models/updateprojectprotectionbypassop.js';
import { startCountingDefaultToZeroValue } from '@vercel/sdk/types/defaultToZeroValue.js';
import { startCountingUnrecognized } from '@vercel/sdk/types/unrecognized.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVercelEmulator, type VercelEmulator } from '../../emulators/vercel/index.js';

const TOKEN = 'schema-token';

/** Parses with one zod model and checks nothing was zero-defaulted or coerced. */
function strictParse(schema: { parse(value: unknown): unknown }, value: unknown): void {
  const unrecognized = startCountingUnrecognized();
  const zeroed = startCountingDefaultToZeroValue();
  schema.parse(value);
  expect({ unrecognized: unrecognized.end(), zeroed: zeroed.end() }).toEqual({ unrecognized: 0, zeroed: 0 });
}

interface SdkResult {
  ok: boolean;
  value?: unknown;
  error?: unknown;
}

/**
 * Runs one SDK call and checks its response parsed with the SDK's zod model *exactly*: besides `ok`, no field
 * fell back to a zero value (a required field missing) and no value was coerced or unrecognized.
 */
async function strictly<T extends SdkResult>(call: () => Promise<T>): Promise<T> {
  const unrecognized = startCountingUnrecognized();
  const zeroed = startCountingDefaultToZeroValue();
  const result = await call();
  const counts = { unrecognized: unrecognized.end(), zeroed: zeroed.end() };
  if (!result.ok) throw result.error;
  expect(counts).toEqual({ unrecognized: 0, zeroed: 0 });
  return result;
}

const html = '<!doctype html><title>schema</title><p>hello</p>';
const vcConfig = JSON.stringify({ runtime: 'nodejs22.x', handler: 'index.mjs', launcherType: 'Nodejs' });
const fn = 'export default (req, res) => res.end("fn")';
const files = [
  { file: '.vercel/output/config.json', data: JSON.stringify({ version: 3 }) },
  { file: '.vercel/output/static/index.html', data: html },
  { file: '.vercel/output/functions/api/fn.func/.vc-config.json', data: vcConfig },
  { file: '.vercel/output/functions/api/fn.func/index.mjs', data: fn },
];

describe('Vercel emulator responses match the @vercel/sdk models', () => {
  let emu: VercelEmulator;
  let sdk: VercelCore;

  beforeAll(async () => {
    emu = await startVercelEmulator({ token: TOKEN, buildMs: 200, teamId: 'team_schema', teamSlug: 'schema-team' });
    sdk = new VercelCore({ bearerToken: TOKEN, serverURL: emu.url, retryConfig: { strategy: 'none' } });
  });
  afterAll(async () => {
    await emu.stop();
  });

  async function raw(path: string, base = emu.url): Promise<unknown> {
    const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    return response.json();
  }

  async function create(target: 'production' | undefined, client = sdk) {
    const result = await strictly(() =>
      deploymentsCreateDeployment(client, {
        skipAutoDetectionConfirmation: '1',
        requestBody: {
          name: 'schema-app',
          files,
          target,
          meta: { githubCommitSha: 'abc123' },
          gitMetadata: { commitSha: 'abc123', commitRef: 'main', remoteUrl: 'https://github.com/acme/schema-app' },
        },
      }),
    );
    return result.value as { id: string; url: string; projectId: string; readyState: string };
  }

  it('the exact check notices a missing required field', () => {
    const item = { uid: 'dpl_x', url: 'x.vercel.app', created: 1, createdAt: 1, readyState: 'READY', type: 'LAMBDAS' };
    const body = { deployments: [{ ...item, creator: { uid: 'u' }, inspectorUrl: null, projectId: 'p' }] };
    expect(() => strictParse(GetDeploymentsResponseBody$inboundSchema, body)).toThrow();
  });

  it('getAuthUser and getTeam', async () => {
    const user = await strictly(() => userGetAuthUser(sdk));
    expect(user.value).toMatchObject({ user: { username: 'shipline' } });
    strictParse(AuthUser$inboundSchema, ((await raw('/v2/user')) as { user: unknown }).user);
    const team = await strictly(() => teamsGetTeam(sdk, { teamId: 'team_schema' }));
    expect(team.value).toMatchObject({ id: 'team_schema', slug: 'schema-team' });
    const teams = await strictly(() => teamsGetTeams(sdk, {}));
    expect(teams.value).toMatchObject({ teams: [{ id: 'team_schema', slug: 'schema-team' }] });
  });

  it('getDeploymentEvents (the build log the CLI follows)', async () => {
    const created = await create(undefined);
    await emu.waitForDeployment(created.id);
    const events = await strictly(() => deploymentsGetDeploymentEvents(sdk, { idOrUrl: created.id }));
    const list = events.value as Array<{ text?: string }>;
    expect(list.map((e) => e.text)).toEqual([
      'Running build in Washington, D.C., USA (East) – iad1',
      'Building...',
      'Deployment completed',
    ]);
    for (const event of (await raw(`/v3/deployments/${created.id}/events`)) as unknown[]) {
      strictParse(GetDeploymentEvents32$inboundSchema, event);
    }
  });

  it('uploadFile', async () => {
    const body = Buffer.from('uploaded by the sdk');
    const sha = createHash('sha1').update(body).digest('hex');
    await strictly(() =>
      deploymentsUploadFile(sdk, {
        xVercelDigest: sha,
        contentLength: body.length,
        requestBody: new Uint8Array(body),
      }),
    );
    expect(emu.state.files.get(sha)?.toString()).toBe('uploaded by the sdk');
  });

  it('createDeployment and getDeployment in every state', async () => {
    const created = await create('production');
    expect(created.readyState).toBe('QUEUED');
    const queued = await strictly(() => deploymentsGetDeployment(sdk, { idOrUrl: created.id }));
    expect(queued.value).toMatchObject({ id: created.id });
    await emu.waitForDeployment(created.id);
    const ready = await strictly(() => deploymentsGetDeployment(sdk, { idOrUrl: created.url }));
    expect(ready.value).toMatchObject({ readyState: 'READY', readySubstate: 'PROMOTED', aliasAssigned: true });

    emu.state.failNextBuild('boom');
    const failing = await create(undefined);
    await emu.waitForDeployment(failing.id);
    const failed = await strictly(() => deploymentsGetDeployment(sdk, { idOrUrl: failing.id }));
    expect(failed.value).toMatchObject({ readyState: 'ERROR', errorCode: 'BUILD_FAILED', errorMessage: 'boom' });

    // The response model is a union whose smallest branch accepts almost anything: check the full branch too.
    for (const id of [created.id, failing.id]) {
      strictParse(GetDeploymentResponseBody2$inboundSchema, await raw(`/v13/deployments/${id}`));
    }
    const fresh = await fetch(`${emu.url}/v13/deployments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'schema-app', files }),
    });
    const freshBody = (await fresh.json()) as { id: string };
    strictParse(CreateDeploymentResponseBody2$inboundSchema, freshBody);
    strictParse(GetDeploymentResponseBody2$inboundSchema, await raw(`/v13/deployments/${freshBody.id}`));
  });

  it('getDeployment while BUILDING, cancelDeployment, then getDeployment when CANCELED', async () => {
    // Builds never advance on their own here (buildMs of 10 minutes): advanceBuild() moves QUEUED → BUILDING.
    const slow = await startVercelEmulator({ token: TOKEN, buildMs: 600_000 });
    const slowSdk = new VercelCore({ bearerToken: TOKEN, serverURL: slow.url, retryConfig: { strategy: 'none' } });
    try {
      const created = await create(undefined, slowSdk);
      expect(slow.state.deployments.get(created.id)?.readyState).toBe('QUEUED');
      expect(slow.state.advanceBuild(created.id)).toBe(true);
      const building = await strictly(() => deploymentsGetDeployment(slowSdk, { idOrUrl: created.id }));
      expect(building.value).toMatchObject({ readyState: 'BUILDING' });
      const canceled = await strictly(() => deploymentsCancelDeployment(slowSdk, { id: created.id }));
      expect(canceled.value).toMatchObject({ readyState: 'CANCELED' });
      const after = await strictly(() => deploymentsGetDeployment(slowSdk, { idOrUrl: created.id }));
      expect(after.value).toMatchObject({ readyState: 'CANCELED', canceledAt: expect.any(Number) });
      strictParse(GetDeploymentResponseBody2$inboundSchema, await raw(`/v13/deployments/${created.id}`, slow.url));
    } finally {
      await slow.stop();
    }
  });

  it('getDeployments with filters and pagination', async () => {
    const list = await strictly(() =>
      deploymentsGetDeployments(sdk, { app: 'schema-app', limit: 2, target: 'production' }),
    );
    const value = list.value as { deployments: unknown[]; pagination: { count: number } };
    expect(value.pagination.count).toBe(value.deployments.length);
    await strictly(() => deploymentsGetDeployments(sdk, { state: 'READY,ERROR' }));
  });

  it('getProject, requestPromote, requestRollback and assignAlias', async () => {
    const first = await create('production');
    await emu.waitForDeployment(first.id);
    // The SDK's request model has no autoAssignCustomDomains (the CLI's --skip-domain sends it): post it raw.
    const staged = await fetch(`${emu.url}/v13/deployments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'schema-app', files, target: 'production', autoAssignCustomDomains: false }),
    });
    const second = (await staged.json()) as { id: string };
    await emu.waitForDeployment(second.id);

    const before = await strictly(() => projectsGetProject(sdk, { idOrName: first.projectId }));
    expect(before.value).toMatchObject({ targets: { production: { id: first.id } } });

    await strictly(() => projectsRequestPromote(sdk, { projectId: first.projectId, deploymentId: second.id }));
    const promoted = await strictly(() => projectsGetProject(sdk, { idOrName: 'schema-app' }));
    expect(promoted.value).toMatchObject({
      targets: { production: { id: second.id } },
      lastAliasRequest: { type: 'promote', jobStatus: 'succeeded', toDeploymentId: second.id },
    });

    await strictly(() => projectsRequestRollback(sdk, { projectId: first.projectId, deploymentId: first.id }));
    const rolledBack = await strictly(() => projectsGetProject(sdk, { idOrName: first.projectId }));
    expect(rolledBack.value).toMatchObject({
      targets: { production: { id: first.id } },
      lastAliasRequest: { type: 'rollback', fromDeploymentId: second.id, toDeploymentId: first.id },
    });

    // protectionBypass entries are a plain z.union whose first (integration) branch accepts anything leniently,
    // so the exact check for them is against the automation-bypass branch itself.
    const secret = 'bypass-secret-0123456789abcdef012';
    emu.state.setProtection('schema-app', secret);
    const protectedProject = await projectsGetProject(sdk, { idOrName: 'schema-app' });
    if (!protectedProject.ok) throw protectedProject.error;
    const project = (await raw('/v9/projects/schema-app')) as {
      protectionBypass: Record<string, unknown>;
      ssoProtection: unknown;
    };
    expect(project.ssoProtection).toEqual({ deploymentType: 'all_except_custom_domains' });
    strictParse(GetProjectProtectionBypass2$inboundSchema, project.protectionBypass[secret]);

    expect(rolledBack.value).toMatchObject({ autoAssignCustomDomains: false });
    // Same lenient union as getProject's protectionBypass: check ok here, and each entry against its exact branch.
    const generated = await projectsUpdateProjectProtectionBypass(sdk, {
      idOrName: 'schema-app',
      requestBody: { generate: { note: 'smoke tests' } },
    });
    if (!generated.ok) throw generated.error;
    const bypass = (generated.value as { protectionBypass: Record<string, unknown> }).protectionBypass;
    expect(Object.keys(bypass)).toHaveLength(2);
    for (const entry of Object.values(bypass))
      strictParse(UpdateProjectProtectionBypassProtectionBypass2$inboundSchema, entry);
    const revoked = await projectsUpdateProjectProtectionBypass(sdk, {
      idOrName: 'schema-app',
      requestBody: { revoke: { secret, regenerate: false } },
    });
    if (!revoked.ok) throw revoked.error;
    expect(emu.state.findProject('schema-app')?.protectionBypassSecrets).toEqual(
      Object.keys(bypass).filter((s) => s !== secret),
    );

    const moved = await strictly(() => projectsListPromoteAliases(sdk, { projectId: first.projectId }));
    expect(moved.value).toMatchObject({ aliases: [{ alias: 'schema-app.vercel.app', status: 'completed' }] });
    strictParse(
      ListPromoteAliasesResponseBody2$inboundSchema,
      await raw(`/v1/projects/${first.projectId}/promote/aliases`),
    );

    const alias = await strictly(() =>
      aliasesAssignAlias(sdk, { id: second.id, requestBody: { alias: 'schema-app-staging.vercel.app' } }),
    );
    expect(alias.value).toMatchObject({ alias: 'schema-app-staging.vercel.app', oldDeploymentId: null });
  });
});
