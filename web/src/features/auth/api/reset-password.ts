import type { ResetPasswordBody } from '@feedbench/shared';
import { useMutation } from '@tanstack/react-query';
import { apiNoContent } from '../../../lib/api-client.ts';

export const resetPassword = (userId: string, body: ResetPasswordBody) =>
  apiNoContent(`/api/users/${encodeURIComponent(userId)}/password`, { method: 'PUT', body });

/** An admin sets someone's password; their sessions end. */
export const useResetPassword = () =>
  useMutation({
    mutationFn: ({ userId, ...body }: ResetPasswordBody & { userId: string }) => resetPassword(userId, body),
  });
