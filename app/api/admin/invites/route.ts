import { createInvite } from "@/lib/db/queries/users";
import { serverEnv } from "@/lib/env";
import { appOrigin } from "@/lib/security/csrf";
import { adminCreateInviteSchema } from "@/lib/validations/admin";
import { handle, parse, readJson, requireAdmin } from "../../_lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** A one-use invite link; its token is shown once (only its hash is stored). */
export const POST = handle(async (request: Request) => {
  const { db, userId } = await requireAdmin(request);
  const body = parse(adminCreateInviteSchema, await readJson(request));
  const invite = await createInvite(db, { role: body.role, createdBy: userId, days: body.days });
  const url = `${appOrigin(request, serverEnv().PARLEY_URL)}/invite/${invite.token}`;
  return Response.json({ id: invite.id, url, expiresAt: invite.expiresAt }, { status: 201 });
});
