import type { Metadata } from "next";
import { ApiKeysSection } from "@/components/usage/api-keys-section";
import { UsagePage } from "@/components/usage/usage-page";

export const metadata: Metadata = { title: "Your usage · Parley" };

/** The signed-in person's own usage, and their API keys. */
export default function MyUsagePage() {
  return (
    <UsagePage scope="mine">
      <ApiKeysSection />
    </UsagePage>
  );
}
