"use client";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import type { ToolAwaiting } from "@/lib/stream/message-parts";
import type { ToolDecisionBody } from "@/lib/validations/tools";

/**
 * What a waiting tool call asks of the user: Run or Deny (an ask-first tool), or an answer typed
 * by hand. The decision goes to the server, where the generation waits; the card then follows the
 * stream like any other (running → done, or the denial as the result).
 */
export function ToolApproval({ callId, awaiting }: { callId: string; awaiting: ToolAwaiting }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [answer, setAnswer] = useState("");
  const answerId = useId();

  async function decide(body: ToolDecisionBody) {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(
        `/api/generations/${encodeURIComponent(awaiting.generationId)}/tools/${encodeURIComponent(callId)}`,
        { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
      );
      if (!res.ok) {
        const json = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        setError(json?.error?.message ?? `The decision was not accepted (HTTP ${res.status}).`);
        setBusy(false);
      }
      // On success the stream moves the card on; the buttons stay disabled until then.
    } catch {
      setError("Your browser could not reach Parley's server. Try again.");
      setBusy(false);
    }
  }

  return (
    <div data-testid="tool-approval" data-kind={awaiting.kind} className="space-y-2">
      {awaiting.kind === "answer" ? (
        <>
          <label htmlFor={answerId} className="block text-xs font-medium text-fg-muted">
            The model asks you to answer this call
          </label>
          <Textarea
            id={answerId}
            data-testid="tool-answer"
            rows={3}
            value={answer}
            onChange={(e) => setAnswer(e.target.value)}
            placeholder="The result the model will read"
          />
          <div className="flex gap-2">
            <Button
              size="sm"
              data-testid="tool-answer-send"
              disabled={busy || !answer.trim()}
              onClick={() => decide({ decision: "answer", answer })}
            >
              Send answer
            </Button>
            <Button
              size="sm"
              variant="outline"
              data-testid="tool-deny"
              disabled={busy}
              onClick={() => decide({ decision: "deny" })}
            >
              Decline
            </Button>
          </div>
        </>
      ) : (
        <div className="flex items-center gap-2">
          <span className="text-xs text-fg-muted">Run this tool with these arguments?</span>
          <Button
            size="sm"
            data-testid="tool-run"
            disabled={busy}
            onClick={() => decide({ decision: "run" })}
          >
            Run
          </Button>
          <Button
            size="sm"
            variant="outline"
            data-testid="tool-deny"
            disabled={busy}
            onClick={() => decide({ decision: "deny" })}
          >
            Deny
          </Button>
        </div>
      )}
      {error && (
        <p role="alert" className="text-xs text-danger">
          {error}
        </p>
      )}
    </div>
  );
}
