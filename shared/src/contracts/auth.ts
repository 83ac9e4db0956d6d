import { z } from 'zod';
import { LOCALES, USER_ROLES } from '../constants.ts';

export const emailSchema = z.string().trim().toLowerCase().email().max(254);
export const passwordSchema = z.string().min(8, 'at least 8 characters').max(200);

export const loginBody = z.object({ email: emailSchema, password: z.string().min(1).max(200) });
export type LoginBody = z.infer<typeof loginBody>;

export const userSchema = z.object({
  id: z.string().uuid(),
  email: z.string(),
  role: z.enum(USER_ROLES),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

/** The signed-in account as it sees itself: with its preferences (null: never chosen, the browser decides). */
export const accountSchema = userSchema.extend({ locale: z.enum(LOCALES).nullable() });
export type Account = z.infer<typeof accountSchema>;

export const meResponse = z.object({ user: accountSchema });
export type MeResponse = z.infer<typeof meResponse>;

/** `PATCH /api/auth/me`: one's own preferences. */
export const updateMeBody = z.object({ locale: z.enum(LOCALES) }).strict();
export type UpdateMeBody = z.infer<typeof updateMeBody>;

export const createUserBody = z.object({
  email: emailSchema,
  password: passwordSchema,
  role: z.enum(USER_ROLES),
  /** The workspace the account joins as a member; omitted: the default workspace. */
  workspaceId: z.string().uuid().optional(),
});
export type CreateUserBody = z.infer<typeof createUserBody>;
export const createUserResponse = z.object({ user: userSchema });

/** An account as the admin's user list shows it: whether it is disabled (signed out, tokens revoked, no sign-in). */
export const adminUserSchema = userSchema.extend({ disabled: z.boolean() });
export type AdminUser = z.infer<typeof adminUserSchema>;
export const userListResponse = z.object({ users: z.array(adminUserSchema) });

export const userIdParams = z.object({ userId: z.string().uuid() });

/** `PATCH /api/users/:userId` (admins): disabling ends the account's sessions and tokens and releases its leases. */
export const updateUserBody = z.object({ disabled: z.boolean() }).strict();
export type UpdateUserBody = z.infer<typeof updateUserBody>;
export const adminUserResponse = z.object({ user: adminUserSchema });

/** `PUT /api/users/:userId/password` (admins): a new password; the account's sessions end. */
export const resetPasswordBody = z.object({ password: passwordSchema }).strict();
export type ResetPasswordBody = z.infer<typeof resetPasswordBody>;

/** `PUT /api/auth/password`: one's own password, confirmed with the current one; other sessions end. */
export const changePasswordBody = z
  .object({ currentPassword: z.string().min(1).max(200), newPassword: passwordSchema })
  .strict();
export type ChangePasswordBody = z.infer<typeof changePasswordBody>;
