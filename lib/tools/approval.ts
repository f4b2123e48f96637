/**
 * Per tool: run when called, ask the user first, or never run. Apart from lib/tools/define.ts so
 * the settings panel can list the modes without importing zod.
 */
export type ApprovalMode = "always" | "ask" | "never";
export const APPROVAL_MODES = ["always", "ask", "never"] as const satisfies readonly ApprovalMode[];
