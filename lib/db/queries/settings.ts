import { eq, sql } from "drizzle-orm";
import {
  DEFAULT_MODEL_POLICY,
  DEFAULT_SIGN_UP_POLICY,
  type ModelPolicy,
  modelPolicySchema,
  SIGN_UP_POLICIES,
  type SignUpPolicy,
} from "../../validations/admin";
import type { Db } from "../connect";
import { cachedRead, forgetCached } from "../read-cache";
import { settings } from "../schema";

export async function getSetting(db: Db, key: string): Promise<unknown> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  return row?.value;
}

export async function setSetting(db: Db, { key, value }: { key: string; value: unknown }): Promise<void> {
  forgetCached("settings:");
  await db
    .insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: sql`now()` } });
  forgetCached("settings:");
}

/** Inserts `value` unless the key exists, and returns whichever value is stored (first writer wins). */
export async function settingOrInit(
  db: Db,
  { key, value }: { key: string; value: unknown },
): Promise<unknown> {
  await db.insert(settings).values({ key, value }).onConflictDoNothing();
  return getSetting(db, key);
}

export async function getSignUpPolicy(db: Db): Promise<SignUpPolicy> {
  const value = await getSetting(db, "sign_up_policy");
  return (SIGN_UP_POLICIES as readonly unknown[]).includes(value)
    ? (value as SignUpPolicy)
    : DEFAULT_SIGN_UP_POLICY;
}

/** The model policy, remembered for a second (lib/db/read-cache.ts): the relay reads it per request. */
export function cachedModelPolicy(db: Db): Promise<ModelPolicy> {
  return cachedRead("settings:models", () => getModelPolicy(db));
}

export async function getModelPolicy(db: Db): Promise<ModelPolicy> {
  const parsed = modelPolicySchema.safeParse(await getSetting(db, "models"));
  return parsed.success ? parsed.data : DEFAULT_MODEL_POLICY;
}
