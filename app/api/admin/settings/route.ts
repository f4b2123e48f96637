import type { Db } from "@/lib/db/connect";
import { getModelPolicy, getSignUpPolicy, setSetting } from "@/lib/db/queries/settings";
import { membersMayAddMcp, setMembersMayAddMcp } from "@/lib/tools/mcp/permissions";
import { adminSettingsSchema } from "@/lib/validations/admin";
import { handle, parse, readJson, requireAdmin } from "../../_lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = handle(async (request: Request) => {
  const { db } = await requireAdmin(request);
  return Response.json(await current(db));
});

/** `{ signUpPolicy?, models?: { offered, default }, mcpMembersMayAdd? }`; answers with the settings now in force. */
export const PATCH = handle(async (request: Request) => {
  const { db } = await requireAdmin(request);
  const body = parse(adminSettingsSchema, await readJson(request));
  if (body.signUpPolicy) await setSetting(db, { key: "sign_up_policy", value: body.signUpPolicy });
  if (body.models) await setSetting(db, { key: "models", value: body.models });
  if (body.mcpMembersMayAdd !== undefined) await setMembersMayAddMcp(db, body.mcpMembersMayAdd);
  return Response.json(await current(db));
});

async function current(db: Db) {
  return {
    signUpPolicy: await getSignUpPolicy(db),
    models: await getModelPolicy(db),
    mcpMembersMayAdd: await membersMayAddMcp(db),
  };
}
