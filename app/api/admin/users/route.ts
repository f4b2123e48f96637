import { AdminRefused, createUserWithPassword } from "@/lib/auth/admin-users";
import { listUsers } from "@/lib/db/queries/users";
import { adminCreateUserSchema } from "@/lib/validations/admin";
import { ApiError, handle, parse, readJson, requireAdmin } from "../../_lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Every account (the local user of single-user mode aside), oldest first. */
export const GET = handle(async (request: Request) => {
  const { db } = await requireAdmin(request);
  return Response.json({ items: await listUsers(db) });
});

/** An admin creates an account with a password (sign-up policy does not apply). */
export const POST = handle(async (request: Request) => {
  const { db } = await requireAdmin(request);
  const body = parse(adminCreateUserSchema, await readJson(request));
  try {
    return Response.json(await createUserWithPassword(db, request, body), { status: 201 });
  } catch (e) {
    if (e instanceof AdminRefused) throw new ApiError(409, "conflict", e.message);
    throw e;
  }
});
