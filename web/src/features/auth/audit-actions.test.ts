import { AUDIT_ACTIONS } from '@feedbench/shared';
import { describe, expect, it } from 'vitest';
import { auditActionKey, auditActionMessages } from './audit-actions.messages.ts';

describe('audit action names', () => {
  it('names every audit action in every language, and nothing else', () => {
    const keys = AUDIT_ACTIONS.map(auditActionKey).sort();
    expect(Object.keys(auditActionMessages.en).sort()).toEqual(keys);
    expect(Object.keys(auditActionMessages['zh-CN']).sort()).toEqual(keys);
  });
});
