import type { ChangePasswordBody } from '@feedbench/shared';
import { useMutation } from '@tanstack/react-query';
import { apiNoContent } from '../../../lib/api-client.ts';

export const changePassword = (body: ChangePasswordBody) => apiNoContent('/api/auth/password', { method: 'PUT', body });

/** One's own password; other sessions of the account end. */
export const useChangePassword = () => useMutation({ mutationFn: changePassword });
