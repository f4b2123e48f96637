import type { Metadata } from "next";
import { CompareSetup } from "@/components/compare/compare-setup";

export const metadata: Metadata = { title: "Compare models · Parley" };

export default function ComparePage() {
  return <CompareSetup />;
}
