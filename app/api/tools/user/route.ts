import { createUserTool, listUserTools } from "@/lib/db/queries/tools";
import { BUILTIN_TOOL_NAMES } from "@/lib/tools/catalog";
import { userToolSchema } from "@/lib/validations/tools";
import { ApiError, handle, parse, readJson, session } from "../../_lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** `GET /api/tools/user`: the caller's own tools. */
export const GET = handle(async (request: Request) => {
  const { db, userId } = await session(request);
  const tools = await listUserTools(db, { userId });
  return Response.json({ tools: tools.map((t) => ({ ...t, ref: `user:${t.id}` })) });
});

/**
 * `POST /api/tools/user` `{definition, mode:"manual"|"endpoint", endpointUrl?}`: a pasted
 * function definition (`{type:"function",function:{name,description,parameters}}` or the inner
 * object), answered by hand on the card or by the HTTPS endpoint.
 */
export const POST = handle(async (request: Request) => {
  const { db, userId } = await session(request);
  const body = parse(userToolSchema, await readJson(request, 64 * 1024));
  const { name, description = "", parameters } = body.definition;
  if ((BUILTIN_TOOL_NAMES as readonly string[]).includes(name)) {
    throw new ApiError(
      400,
      "bad_request",
      `"${name}" is a built-in tool's name; choose another.`,
      "definition.name",
    );
  }
  if ((await listUserTools(db, { userId })).some((t) => t.name === name)) {
    throw new ApiError(409, "conflict", `You already have a tool called "${name}".`, "definition.name");
  }
  const row = await createUserTool(db, {
    ownerId: userId,
    name,
    description,
    parameters,
    mode: body.mode,
    endpointUrl: body.mode === "endpoint" ? (body.endpointUrl ?? null) : null,
  });
  return Response.json({ tool: { ...row, ref: `user:${row.id}` } }, { status: 201 });
});
