import { describe, expect, it, vi } from 'vitest';
import { FAIL_BUILD_META, type NewDeployment, VercelState } from '../../../../emulators/vercel/state.js';

function input(overrides: Partial<NewDeployment> = {}): NewDeployment {
  return {
    accountId: 'user_1',
    scopeSlug: 'me',
    creator: { uid: 'user_1', username: 'me' },
    name: 'My App',
    target: 'production',
    customEnvironment: undefined,
    files: [],
    meta: {},
    gitMetadata: undefined,
    env: {},
    buildEnv: {},
    projectSettings: {},
    autoAssignCustomDomains: undefined,
    prebuilt: true,
    redeployOf: undefined,
    ...overrides,
  };
}

function instant(): VercelState {
  return new VercelState({ buildMs: 0, aliasMs: 0, regions: ['iad1'] });
}

describe('VercelState', () => {
  it('creates the project on the first deployment and names hosts like Vercel', () => {
    const state = instant();
    const d = state.createDeployment(input());
    const project = state.projects.get(d.projectId);
    expect(d.id).toMatch(/^dpl_[A-Za-z0-9]{28}$/);
    expect(project?.id).toMatch(/^prj_[A-Za-z0-9]{28}$/);
    expect(project?.name).toBe('my-app');
    expect(project?.productionDomain).toBe('my-app.vercel.app');
    expect(d.url).toMatch(/^my-app-[a-z0-9]{9}-me\.vercel\.app$/);
    expect(state.createDeployment(input()).projectId).toBe(d.projectId);
  });

  it('goes QUEUED → BUILDING → READY over buildMs and promotes production', () => {
    vi.useFakeTimers();
    try {
      const state = new VercelState({ buildMs: 60, aliasMs: 0, regions: ['iad1'] });
      const d = state.createDeployment(input());
      expect(d.readyState).toBe('QUEUED');
      vi.advanceTimersByTime(10);
      expect(d.readyState).toBe('BUILDING');
      expect(d.aliasAssigned).toBe(false);
      vi.advanceTimersByTime(60);
      expect(d.readyState).toBe('READY');
      expect(d.readySubstate).toBe('PROMOTED');
      expect(d.aliasAssigned).toBe(true);
      expect(state.projects.get(d.projectId)?.productionDeploymentId).toBe(d.id);
      state.dispose();
    } finally {
      vi.useRealTimers();
    }
  });

  it('fails builds on failNextBuild (once) and on the meta flag', () => {
    const state = instant();
    state.failNextBuild('nope');
    const failed = state.createDeployment(input());
    expect(failed).toMatchObject({ readyState: 'ERROR', errorCode: 'BUILD_FAILED', errorMessage: 'nope' });
    expect(state.createDeployment(input()).readyState).toBe('READY');
    const flagged = state.createDeployment(input({ meta: { [FAIL_BUILD_META]: 'from meta' } }));
    expect(flagged).toMatchObject({ readyState: 'ERROR', errorMessage: 'from meta' });
    expect(state.projects.get(failed.projectId)?.productionDeploymentId).not.toBe(failed.id);
  });

  it('stages production deployments with autoAssignCustomDomains: false, then promotes them', () => {
    const state = instant();
    const live = state.createDeployment(input());
    const staged = state.createDeployment(input({ autoAssignCustomDomains: false }));
    const project = state.projects.get(live.projectId);
    if (!project) throw new Error('no project');
    expect(staged.readySubstate).toBe('STAGED');
    expect(project.productionDeploymentId).toBe(live.id);
    expect(state.moveProduction(project, staged, 'promote')).toBe(true);
    expect(project.productionDeploymentId).toBe(staged.id);
    expect(staged.readySubstate).toBe('PROMOTED');
    expect(live.readySubstate).toBe('STAGED');
    expect(project.lastAliasRequest).toMatchObject({
      type: 'promote',
      jobStatus: 'succeeded',
      fromDeploymentId: live.id,
      toDeploymentId: staged.id,
    });
    expect(state.findDeployment(project.productionDomain)?.id).toBe(staged.id);
  });

  it('after a rollback, new production deployments stay staged until a promote', () => {
    const state = instant();
    const v1 = state.createDeployment(input());
    const v2 = state.createDeployment(input());
    const project = state.projects.get(v1.projectId);
    if (!project) throw new Error('no project');
    state.moveProduction(project, v1, 'rollback');
    expect(project.productionDeploymentId).toBe(v1.id);
    const v3 = state.createDeployment(input());
    expect(v3.readySubstate).toBe('STAGED');
    expect(project.productionDeploymentId).toBe(v1.id);
    state.moveProduction(project, v2, 'promote');
    const v4 = state.createDeployment(input());
    expect(project.productionDeploymentId).toBe(v4.id);
  });

  it('reports in-progress alias jobs when aliasMs > 0', () => {
    vi.useFakeTimers();
    try {
      const state = new VercelState({ buildMs: 0, aliasMs: 20, regions: ['iad1'] });
      const v1 = state.createDeployment(input());
      const v2 = state.createDeployment(input({ autoAssignCustomDomains: false }));
      const project = state.projects.get(v1.projectId);
      if (!project) throw new Error('no project');
      expect(state.moveProduction(project, v2, 'promote')).toBe(false);
      expect(project.lastAliasRequest?.jobStatus).toBe('in-progress');
      expect(project.productionDeploymentId).toBe(v1.id);
      vi.advanceTimersByTime(19);
      expect(project.lastAliasRequest?.jobStatus).toBe('in-progress');
      vi.advanceTimersByTime(1);
      expect(project.lastAliasRequest?.jobStatus).toBe('succeeded');
      expect(project.productionDeploymentId).toBe(v2.id);
      state.dispose();
    } finally {
      vi.useRealTimers();
    }
  });

  it('runs pending build steps and alias jobs early on request', () => {
    const state = new VercelState({ buildMs: 600_000, aliasMs: 600_000, regions: ['iad1'] });
    try {
      const d = state.createDeployment(input());
      expect(d.readyState).toBe('QUEUED');
      expect(state.advanceBuild(d.id)).toBe(true);
      expect(d.readyState).toBe('BUILDING');
      expect(state.advanceBuild(d.id)).toBe(true);
      expect(d.readyState).toBe('READY');
      expect(state.advanceBuild(d.id)).toBe(false);
      const v2 = state.createDeployment(input({ autoAssignCustomDomains: false }));
      state.advanceBuild(v2.id);
      state.advanceBuild(v2.id);
      const project = state.projects.get(d.projectId);
      if (!project) throw new Error('no project');
      expect(state.moveProduction(project, v2, 'promote')).toBe(false);
      expect(project.lastAliasRequest?.jobStatus).toBe('in-progress');
      expect(state.completeAliasJobs()).toBe(1);
      expect(project.lastAliasRequest?.jobStatus).toBe('succeeded');
      expect(project.productionDeploymentId).toBe(v2.id);
      expect(state.completeAliasJobs()).toBe(0);
    } finally {
      state.dispose();
    }
  });

  it('fails the next alias job on failNextAliasJob and leaves production alone', () => {
    const state = instant();
    const v1 = state.createDeployment(input());
    const v2 = state.createDeployment(input({ autoAssignCustomDomains: false }));
    const project = state.projects.get(v1.projectId);
    if (!project) throw new Error('no project');
    state.failNextAliasJob();
    state.moveProduction(project, v2, 'promote');
    expect(project.lastAliasRequest?.jobStatus).toBe('failed');
    expect(project.productionDeploymentId).toBe(v1.id);
    expect(project.promoteAliases).toEqual([{ alias: 'my-app.vercel.app', id: expect.any(String), status: 'failed' }]);
    state.moveProduction(project, v2, 'promote');
    expect(project.lastAliasRequest?.jobStatus).toBe('succeeded');
    expect(project.promoteAliases[0]?.status).toBe('completed');
  });

  it('cancels only unfinished deployments', () => {
    const state = new VercelState({ buildMs: 1000, aliasMs: 0, regions: ['iad1'] });
    const d = state.createDeployment(input());
    expect(state.cancel(d)).toBe(true);
    expect(d.readyState).toBe('CANCELED');
    expect(state.cancel(d)).toBe(false);
    state.dispose();
  });

  it('keeps createdAt strictly increasing', () => {
    const state = instant();
    const a = state.createDeployment(input());
    const b = state.createDeployment(input());
    expect(b.createdAt).toBeGreaterThan(a.createdAt);
  });
});
