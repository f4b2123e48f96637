import type { Metadata } from "next";
import { McpServersSection } from "@/components/tools/mcp-servers-section";
import { UserToolsSection } from "@/components/tools/user-tools-section";

export const metadata: Metadata = { title: "Tools · Parley" };

/** The person's MCP servers and own tools; each conversation enables them in its settings. */
export default function ToolsPage() {
  return (
    <main className="mx-auto w-full max-w-3xl space-y-8 overflow-y-auto p-6">
      <h1 className="text-xl font-semibold">Tools</h1>
      <McpServersSection />
      <UserToolsSection />
    </main>
  );
}
