/**
 * Admin settings and actions, shared by the admin page (which checks before sending) and the
 * admin route handlers (which enforce).
 */
import { z } from "zod";
import { USER_ROLES } from "../db/schema";
import { MODELS } from "../stream/wire";

export const SIGN_UP_POLICIES = ["open", "invite", "closed"] as const;
export type SignUpPolicy = (typeof SIGN_UP_POLICIES)[number];
export const DEFAULT_SIGN_UP_POLICY: SignUpPolicy = "invite";

export const modelPolicySchema = z
  .object({
    offered: z.array(z.enum(MODELS)).min(1, "offer at least one model").max(MODELS.length),
    default: z.enum(MODELS),
  })
  .refine((p) => p.offered.includes(p.default), {
    path: ["default"],
    message: "the default model must be one of the offered models",
  });
export type ModelPolicy = z.infer<typeof modelPolicySchema>;
export const DEFAULT_MODEL_POLICY: ModelPolicy = {
  offered: [...MODELS],
  default: "anthropic/claude-sonnet-4.6",
};

export const adminSettingsSchema = z.object({
  signUpPolicy: z.enum(SIGN_UP_POLICIES).optional(),
  models: modelPolicySchema.optional(),
  /** Members (not only admins) may add MCP servers over HTTP. */
  mcpMembersMayAdd: z.boolean().optional(),
});

export const passwordSchema = z.string().min(8, "at least 8 characters").max(128);

export const adminUserPatchSchema = z
  .object({
    role: z.enum(USER_ROLES).optional(),
    disabled: z.boolean().optional(),
    password: passwordSchema.optional(),
  })
  .refine((p) => Object.keys(p).length > 0, "nothing to change");

export const adminCreateUserSchema = z.object({
  name: z.string().trim().min(1).max(100),
  email: z.email().max(254),
  password: passwordSchema,
  role: z.enum(["admin", "member"]).default("member"),
});

export const adminCreateInviteSchema = z.object({
  role: z.enum(["admin", "member"]).default("member"),
  days: z.number().int().min(1).max(30).default(7),
});
