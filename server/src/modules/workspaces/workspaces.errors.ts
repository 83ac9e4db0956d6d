import { AppError } from '../../lib/app-error.ts';

export const workspaceErrors = {
  // Non-members get 404, not 403: which workspaces exist is itself confidential.
  notFound: () => new AppError('workspace.not_found', 404, 'No such workspace'),
  managersOnly: () =>
    new AppError(
      'workspace.forbidden',
      403,
      "Only the workspace's owners and admins (or an instance admin) may do this",
    ),
  adminsOnly: () => new AppError('workspace.forbidden', 403, 'Only instance admins create workspaces'),
  slugTaken: (slug: string) =>
    new AppError('workspace.slug_taken', 409, `A workspace with slug ${slug} exists already`, { path: 'slug' }),
  unknownUser: (email: string) =>
    new AppError('workspace.unknown_user', 422, `No account with email ${email}; an admin must create it first`, {
      path: 'email',
    }),
  required: () =>
    new AppError('workspace.required', 422, 'You belong to several workspaces: name one with workspaceId', {
      path: 'workspaceId',
    }),
  lastOwner: () =>
    new AppError('workspace.last_owner', 409, 'A workspace keeps at least one owner: make someone else owner first'),
  unknownWorkspace: (workspaceId: string) =>
    new AppError('workspace.unknown', 422, `No workspace ${workspaceId}`, { path: 'workspaceId' }),
  noMember: () => new AppError('workspace.member_not_found', 404, 'No such member in this workspace'),
};
