/**
 * Bodies of the tool routes, shared by the route handlers and the forms that send them.
 */
import { z } from "zod";
import { TOOL_NAME } from "../tools/define";

/** POST /api/generations/<id>/tools/<callId>: Run, Deny, or the answer to a tool answered by hand. */
export const toolDecisionSchema = z.discriminatedUnion("decision", [
  z.object({ decision: z.literal("run") }),
  z.object({ decision: z.literal("deny") }),
  z.object({ decision: z.literal("answer"), answer: z.string().min(1).max(100_000) }),
]);
export type ToolDecisionBody = z.infer<typeof toolDecisionSchema>;

const jsonObject = z.record(z.string(), z.unknown());

/** A function definition as pasted: OpenAI's `{type:"function", function:{…}}` or the inner object. */
const functionDefinition = z.object({
  name: z.string().regex(TOOL_NAME, "name: letters, digits, _ and - only, at most 64"),
  description: z.string().max(2000).optional(),
  parameters: jsonObject
    .refine((p) => p.type === "object", 'parameters must be a JSON schema with type "object"')
    .refine((p) => {
      try {
        z.fromJSONSchema(p as Parameters<typeof z.fromJSONSchema>[0]);
        return true;
      } catch {
        return false;
      }
    }, "parameters is not a JSON schema Parley can check arguments against")
    .refine((p) => JSON.stringify(p).length <= 20_000, "parameters is too large"),
});

export const pastedToolSchema = z
  .union([z.object({ type: z.literal("function"), function: functionDefinition }), functionDefinition])
  .transform((d) => ("function" in d ? d.function : d));

/** POST /api/tools/user: a pasted definition, answered by hand or by an HTTPS endpoint. */
export const userToolSchema = z
  .object({
    definition: pastedToolSchema,
    mode: z.enum(["manual", "endpoint"]),
    endpointUrl: z
      .url()
      .refine((u) => u.startsWith("https://"), "the endpoint must be an https:// URL")
      .optional(),
  })
  .refine((b) => b.mode === "manual" || b.endpointUrl, {
    message: "an endpoint tool needs endpointUrl",
    path: ["endpointUrl"],
  });

/** POST /api/tools/mcp: streamable HTTP for everyone allowed, stdio for admins only. */
export const mcpServerSchema = z.discriminatedUnion("transport", [
  z.object({
    transport: z.literal("http"),
    name: z.string().trim().min(1).max(60),
    url: z.url().refine((u) => /^https?:\/\//.test(u), "the URL must be http:// or https://"),
  }),
  z.object({
    transport: z.literal("stdio"),
    name: z.string().trim().min(1).max(60),
    command: z.string().trim().min(1).max(500),
    args: z.array(z.string().max(500)).max(50).default([]),
  }),
]);

export const mcpServerPatchSchema = z.object({ enabled: z.boolean() });
