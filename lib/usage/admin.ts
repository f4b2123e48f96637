import "server-only";
import { LOCAL_USER_ID } from "@/lib/db/local-user";

/**
 * Whether this user may see everyone's usage and set limits. Until accounts land the built-in
 * local user is the only admin; the integrator swaps this for the real role check.
 */
export async function isAdmin(userId: string): Promise<boolean> {
  return userId === LOCAL_USER_ID;
}
