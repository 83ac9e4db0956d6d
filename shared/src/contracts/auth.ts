import { z } from 'zod';
import { USER_ROLES } from '../constants.ts';

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

export const meResponse = z.object({ user: userSchema });
export type MeResponse = z.infer<typeof meResponse>;

export const createUserBody = z.object({
  email: emailSchema,
  password: passwordSchema,
  role: z.enum(USER_ROLES),
  /** The workspace the account joins as a member; omitted: the default workspace. */
  workspaceId: z.string().uuid().optional(),
});
export type CreateUserBody = z.infer<typeof createUserBody>;

export const userListResponse = z.object({ users: z.array(userSchema) });
