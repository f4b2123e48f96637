import { getModelPolicy, getSignUpPolicy, setSetting } from "@/lib/db/queries/settings";
import { adminSettingsSchema } from "@/lib/validations/admin";
import { handle, parse, readJson, requireAdmin } from "../../_lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = handle(async (request: Request) => {
  const { db } = await requireAdmin(request);
  return Response.json({ signUpPolicy: await getSignUpPolicy(db), models: await getModelPolicy(db) });
});

/** `{ signUpPolicy?, models?: { offered, default } }`; answers with the settings now in force. */
export const PATCH = handle(async (request: Request) => {
  const { db } = await requireAdmin(request);
  const body = parse(adminSettingsSchema, await readJson(request));
  if (body.signUpPolicy) await setSetting(db, { key: "sign_up_policy", value: body.signUpPolicy });
  if (body.models) await setSetting(db, { key: "models", value: body.models });
  return Response.json({ signUpPolicy: await getSignUpPolicy(db), models: await getModelPolicy(db) });
});
