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
  // Managers of a workspace invite; only instance admins add an account directly (modules/workspaces/invitations).
  inviteRequired: () =>
    new AppError(
      'workspace.invite_required',
      422,
      'Invite this person instead (POST /api/workspaces/:workspaceId/invitations): they join once they accept',
      { path: 'email' },
    ),
  alreadyMember: (email: string) =>
    new AppError('workspace.already_member', 409, `${email} is already a member of this workspace`, { path: 'email' }),
  invitationNotFound: () =>
    new AppError('workspace.invitation_not_found', 404, 'No such invitation (or it has expired)'),
  sessionOnly: () =>
    new AppError('workspace.session_only', 403, 'Invitations are handled when signed in, not with an API token'),
  noMember: () => new AppError('workspace.member_not_found', 404, 'No such member in this workspace'),
};
