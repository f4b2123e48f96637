import type { Metadata } from "next";
import { ComparisonScreen } from "@/components/compare/comparison-screen";

export const metadata: Metadata = { title: "Comparison · Parley" };

export default async function ComparisonPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ComparisonScreen id={id} />;
}
