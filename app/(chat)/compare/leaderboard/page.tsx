import type { Metadata } from "next";
import { LeaderboardView } from "@/components/compare/leaderboard-view";

export const metadata: Metadata = { title: "Leaderboard · Parley" };

export default function LeaderboardPage() {
  return <LeaderboardView />;
}
