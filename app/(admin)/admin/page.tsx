import Link from "next/link";
import { LimitsPanel } from "@/components/admin/limits-panel";
import { SettingsPanel } from "@/components/admin/settings-panel";
import { UsersPanel } from "@/components/admin/users-panel";

export const metadata = { title: "Admin · Parley" };

export default function AdminPage() {
  return (
    <main className="space-y-8" data-testid="admin-area">
      <header className="flex items-center justify-between">
        <h1 className="text-lg font-semibold">Parley admin</h1>
        <Link href="/" className="text-sm underline">
          Back to chat
        </Link>
      </header>
      <UsersPanel />
      <SettingsPanel />
      <LimitsPanel />
    </main>
  );
}
