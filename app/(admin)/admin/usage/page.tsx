import type { Metadata } from "next";
import { UsagePage } from "@/components/usage/usage-page";

export const metadata: Metadata = { title: "Usage · Parley admin" };

/** Everyone's spend, tokens and requests (the API behind it refuses non-admins). */
export default function AdminUsagePage() {
  return <UsagePage scope="everyone" />;
}
