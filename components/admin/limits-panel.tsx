"use client";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { adminFetch } from "./admin-fetch";

type Limits = { dailyUsd: number | null; monthlyUsd: number | null; requestsPerMinute: number | null };
type Subject = { id: string; name: string; email?: string | null; memberIds?: string[]; limits: Limits };
type LimitsView = { users: Subject[]; groups: Subject[] };
type Scope = "user" | "group";

/** "" in a field means no limit; anything else must be a number the server accepts. */
function toLimit(value: string, integer = false): number | null {
  if (!value.trim()) return null;
  const n = Number(value);
  return integer ? Math.round(n) : n;
}

function LimitRow({ scope, subject, onSaved }: { scope: Scope; subject: Subject; onSaved: () => void }) {
  const [daily, setDaily] = useState(subject.limits.dailyUsd?.toString() ?? "");
  const [monthly, setMonthly] = useState(subject.limits.monthlyUsd?.toString() ?? "");
  const [rpm, setRpm] = useState(subject.limits.requestsPerMinute?.toString() ?? "");
  const [status, setStatus] = useState<string | null>(null);

  async function save(extra: { resetSpend?: boolean } = {}) {
    setStatus(null);
    try {
      await adminFetch("/api/admin/limits", {
        method: "PUT",
        body: {
          scope,
          id: subject.id,
          dailyUsd: toLimit(daily),
          monthlyUsd: toLimit(monthly),
          requestsPerMinute: toLimit(rpm, true),
          ...extra,
        },
      });
      setStatus(extra.resetSpend ? "Spend reset" : "Saved");
      onSaved();
    } catch (e) {
      setStatus((e as Error).message);
    }
  }

  const field = (label: string, value: string, set: (v: string) => void, step: string) => (
    <Input
      aria-label={`${label} for ${subject.name}`}
      type="number"
      min="0"
      step={step}
      placeholder="no limit"
      value={value}
      onChange={(e) => set(e.target.value)}
      className="w-28"
    />
  );

  return (
    <tr data-testid={`limits-${scope}`} data-subject-id={subject.id} className="border-t border-border">
      <td className="py-1 pr-2">
        {subject.name}
        {subject.email && <span className="ml-1 text-fg-muted">{subject.email}</span>}
      </td>
      <td className="pr-2">{field("Daily budget (USD)", daily, setDaily, "0.01")}</td>
      <td className="pr-2">{field("Monthly budget (USD)", monthly, setMonthly, "0.01")}</td>
      <td className="pr-2">{field("Requests per minute", rpm, setRpm, "1")}</td>
      <td className="whitespace-nowrap">
        <Button size="sm" variant="outline" onClick={() => void save()} data-testid="save-limits">
          Save
        </Button>
        <Button size="sm" variant="ghost" onClick={() => void save({ resetSpend: true })}>
          Reset spend
        </Button>
        {status && (
          <span role="status" className="ml-2 text-xs text-fg-muted">
            {status}
          </span>
        )}
      </td>
    </tr>
  );
}

/**
 * Budgets and rate limits per person and per group (the stricter of the two applies). Spend is in
 * USD per UTC day and month; an empty field means no limit.
 */
export function LimitsPanel() {
  const [view, setView] = useState<LimitsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [groupName, setGroupName] = useState("");
  const [members, setMembers] = useState<string[]>([]);
  const load = () =>
    adminFetch<LimitsView>("/api/admin/limits").then(setView, (e: Error) => setError(e.message));
  // biome-ignore lint/correctness/useExhaustiveDependencies: load once; saves call load() again.
  useEffect(() => {
    void load();
  }, []);

  async function createGroup() {
    setError(null);
    try {
      await adminFetch("/api/admin/limits", {
        method: "PUT",
        body: { scope: "group", name: groupName, memberIds: members },
      });
      setGroupName("");
      setMembers([]);
      await load();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  if (!view) return error ? <p role="alert">{error}</p> : null;
  return (
    <section className="space-y-3" aria-labelledby="limits-heading" data-testid="limits-panel">
      <h2 id="limits-heading" className="text-base font-semibold">
        Budgets and limits
      </h2>
      <p className="text-sm text-fg-muted">
        USD per day and per month (UTC) and requests per minute, per person and per group; a person's stricter
        limit applies. When one is reached, Parley says which and when it resets, and sends nothing to the
        gateway.
      </p>
      {error && (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      )}
      <table className="text-sm">
        <thead>
          <tr className="text-left text-fg-muted">
            <th className="pr-2 font-normal">Who</th>
            <th className="pr-2 font-normal">Per day</th>
            <th className="pr-2 font-normal">Per month</th>
            <th className="pr-2 font-normal">Per minute</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {view.users.map((u) => (
            <LimitRow key={`u-${u.id}`} scope="user" subject={u} onSaved={() => void load()} />
          ))}
          {view.groups.map((g) => (
            <LimitRow key={`g-${g.id}`} scope="group" subject={g} onSaved={() => void load()} />
          ))}
        </tbody>
      </table>
      <fieldset className="space-y-2 text-sm">
        <legend className="font-medium">New group</legend>
        <Input
          aria-label="Group name"
          placeholder="Group name"
          value={groupName}
          onChange={(e) => setGroupName(e.target.value)}
          className="w-60"
        />
        <div className="flex flex-wrap gap-3">
          {view.users.map((u) => (
            <label key={u.id} className="flex items-center gap-1">
              <input
                type="checkbox"
                checked={members.includes(u.id)}
                onChange={(e) =>
                  setMembers((m) => (e.target.checked ? [...m, u.id] : m.filter((x) => x !== u.id)))
                }
              />
              {u.name}
            </label>
          ))}
        </div>
        <Button size="sm" variant="outline" disabled={!groupName.trim()} onClick={() => void createGroup()}>
          Create group
        </Button>
      </fieldset>
    </section>
  );
}
