import { describe, expect, it } from 'vitest';
import { permissionRank, roleFrom } from '../../../lib/chatops/authorize.js';

describe('roleFrom', () => {
  it.each(['read', 'triage', 'write', 'maintain', 'admin'])('uses role_name %s as is', (role) => {
    expect(roleFrom({ role_name: role, permission: 'read' })).toBe(role);
  });

  it('reads a custom role from its permission flags, strongest first', () => {
    const custom = (permissions: Record<string, boolean>) =>
      roleFrom({ role_name: 'deployer', permission: 'write', user: { permissions } });
    expect(custom({ admin: false, maintain: true, push: true, triage: true, pull: true })).toBe('maintain');
    expect(custom({ admin: false, maintain: false, push: false, triage: true, pull: true })).toBe('triage');
    expect(roleFrom({ role_name: 'deployer', permission: 'write' })).toBe('write');
    expect(roleFrom({ role_name: 'none', permission: 'none' })).toBe('none');
    expect(roleFrom({})).toBe('none');
  });

  it('ranks none below every role', () => {
    expect(['none', 'read', 'triage', 'write', 'maintain', 'admin'].map(permissionRank)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
