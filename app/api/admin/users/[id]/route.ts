import { z } from "zod";
import { AdminRefused, changeUser, setPassword } from "@/lib/auth/admin-users";
import { getUser } from "@/lib/db/queries/users";
import { adminUserPatchSchema } from "@/lib/validations/admin";
import { ApiError, handle, notFoundError, parse, readJson, requireAdmin } from "../../../_lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

/** Change a role (approve a pending account: role member), disable or enable, or reset the password. */
export const PATCH = handle(async (request: Request, { params }: Ctx) => {
  const { db, userId } = await requireAdmin(request);
  const id = parse(z.uuid(), (await params).id);
  const body = parse(adminUserPatchSchema, await readJson(request));
  try {
    const user =
      body.role !== undefined || body.disabled !== undefined
        ? await changeUser(db, { actorId: userId, id, role: body.role, disabled: body.disabled })
        : await getUser(db, { id });
    if (!user) throw notFoundError("user");
    if (body.password) await setPassword(db, request, { id, password: body.password });
    return Response.json(user);
  } catch (e) {
    if (e instanceof AdminRefused) throw new ApiError(409, "conflict", e.message);
    throw e;
  }
});
