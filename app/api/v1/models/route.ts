import { MODELS } from "@/lib/stream/wire";
import { handleV1 } from "../_lib/openai";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** `GET /api/v1/models`: the models Parley offers, in OpenAI's list shape (an API key is required). */
export const GET = handleV1(async () =>
  Response.json({
    object: "list",
    data: MODELS.map((id) => ({ id, object: "model", created: 0, owned_by: id.split("/")[0] })),
  }),
);
