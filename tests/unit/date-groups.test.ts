import { describe, expect, it } from "vitest";
import { dateGroupOf, groupByDate } from "@/lib/client/date-groups";

// Local times: the sidebar groups by the viewer's calendar, not by 24-hour steps.
const now = new Date(2025, 5, 15, 9, 30); // 15 June, 09:30
const at = (month: number, day: number, h = 12, m = 0) => new Date(2025, month, day, h, m).toISOString();

describe("dateGroupOf", () => {
  it("puts today's, yesterday's, this week's and older activity in their groups", () => {
    expect(dateGroupOf(at(5, 15, 0, 1), now)).toBe("Today");
    expect(dateGroupOf(at(5, 14, 23, 59), now)).toBe("Yesterday");
    expect(dateGroupOf(at(5, 14, 0, 0), now)).toBe("Yesterday");
    expect(dateGroupOf(at(5, 13, 23, 59), now)).toBe("Previous 7 days");
    expect(dateGroupOf(at(5, 8, 0, 0), now)).toBe("Previous 7 days");
    expect(dateGroupOf(at(5, 7, 23, 59), now)).toBe("Older");
    expect(dateGroupOf(at(0, 1), now)).toBe("Older");
  });

  it("treats a clock slightly ahead of the server as today", () => {
    expect(dateGroupOf(at(5, 15, 10, 0), now)).toBe("Today");
  });
});

describe("groupByDate", () => {
  it("keeps the list order inside each group and leaves empty groups out", () => {
    const items = [
      { id: "a", updatedAt: at(5, 15, 9) },
      { id: "b", updatedAt: at(5, 15, 8) },
      { id: "c", updatedAt: at(5, 1) },
      { id: "d", updatedAt: at(4, 1) },
    ];
    expect(groupByDate(items, now).map((g) => [g.group, g.items.map((i) => i.id)])).toEqual([
      ["Today", ["a", "b"]],
      ["Older", ["c", "d"]],
    ]);
  });
});

describe("dateGroupOf in a named time zone", () => {
  // The server groups the sidebar in the viewer's zone (from a cookie), not in its own.
  const serverNow = new Date("2025-06-15T02:30:00Z"); // 15 June 04:30 in Paris, 14 June 22:30 in New York

  it("counts calendar days where the viewer lives", () => {
    const late = "2025-06-14T21:00:00Z"; // 14 June 23:00 in Paris, 17:00 in New York
    expect(dateGroupOf(late, serverNow, "Europe/Paris")).toBe("Yesterday");
    expect(dateGroupOf(late, serverNow, "America/New_York")).toBe("Today");
  });

  it("keeps calendar days across a DST change", () => {
    const afterChange = new Date("2025-03-31T10:00:00Z"); // Paris moved to summer time on 30 March
    expect(dateGroupOf("2025-03-29T23:30:00Z", afterChange, "Europe/Paris")).toBe("Yesterday");
    expect(dateGroupOf("2025-03-29T22:30:00Z", afterChange, "Europe/Paris")).toBe("Previous 7 days");
  });
});
