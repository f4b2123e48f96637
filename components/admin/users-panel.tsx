"use client";
import { useCallback, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { adminFetch } from "./admin-fetch";

type User = {
  id: string;
  name: string;
  email: string | null;
  role: "admin" | "member" | "pending";
  disabled: boolean;
};

/** Accounts: approve, change role, disable/enable, reset password; create one or an invite link. */
export function UsersPanel() {
  const [users, setUsers] = useState<User[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [invite, setInvite] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setUsers((await adminFetch<{ items: User[] }>("/api/admin/users")).items);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  async function act(fn: () => Promise<unknown>) {
    setError(null);
    try {
      await fn();
      await load();
    } catch (e) {
      setError((e as Error).message);
    }
  }
  const patch = (id: string, body: object) =>
    act(() => adminFetch(`/api/admin/users/${id}`, { method: "PATCH", body }));

  return (
    <section className="space-y-3" aria-labelledby="users-heading">
      <h2 id="users-heading" className="text-base font-semibold">
        People
      </h2>
      {error && (
        <p role="alert" className="text-sm text-danger" data-testid="admin-error">
          {error}
        </p>
      )}
      <table className="w-full text-sm" data-testid="users-table">
        <tbody>
          {users.map((u) => (
            <tr
              key={u.id}
              data-testid="user-row"
              data-email={u.email ?? ""}
              className="border-b border-border"
            >
              <td className="py-2">
                <div className="font-medium">{u.name}</div>
                <div className="text-xs text-fg-muted">{u.email}</div>
              </td>
              <td>
                <Select
                  aria-label={`Role of ${u.email}`}
                  value={u.role}
                  onChange={(e) => void patch(u.id, { role: e.target.value })}
                >
                  <option value="admin">admin</option>
                  <option value="member">member</option>
                  <option value="pending">pending</option>
                </Select>
              </td>
              <td className="space-x-1 text-right">
                {u.role === "pending" && (
                  <Button size="sm" onClick={() => void patch(u.id, { role: "member" })}>
                    Approve
                  </Button>
                )}
                <Button
                  size="sm"
                  variant={u.disabled ? "secondary" : "outline"}
                  data-testid="toggle-disabled"
                  onClick={() => void patch(u.id, { disabled: !u.disabled })}
                >
                  {u.disabled ? "Enable" : "Disable"}
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => {
                    const password = window.prompt(`New password for ${u.email} (at least 8 characters)`);
                    if (password) void patch(u.id, { password });
                  }}
                >
                  Reset password
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="flex flex-wrap gap-2"
        action={(form) =>
          act(() =>
            adminFetch("/api/admin/users", {
              method: "POST",
              body: {
                name: form.get("name"),
                email: form.get("email"),
                password: form.get("password"),
                role: "member",
              },
            }),
          )
        }
      >
        <Input name="name" placeholder="Name" required className="w-36" aria-label="Name" />
        <Input name="email" type="email" placeholder="Email" required className="w-48" aria-label="Email" />
        <Input
          name="password"
          type="password"
          placeholder="Password"
          minLength={8}
          required
          className="w-36"
          aria-label="Password"
        />
        <Button type="submit" variant="outline">
          Create account
        </Button>
      </form>
      <div className="flex flex-wrap items-center gap-2">
        <Button
          variant="outline"
          data-testid="create-invite"
          onClick={() =>
            void act(async () =>
              setInvite(
                (await adminFetch<{ url: string }>("/api/admin/invites", { method: "POST", body: {} })).url,
              ),
            )
          }
        >
          Create invite link
        </Button>
        {invite && (
          <code className="rounded bg-muted px-2 py-1 text-xs break-all" data-testid="invite-url">
            {invite}
          </code>
        )}
      </div>
    </section>
  );
}
