import { describe, expect, it } from "vitest";
import {
  CalculatorError,
  calculator,
  evaluateExpression,
  MAX_EXPRESSION_CHARS,
} from "@/lib/tools/calculator";

describe("evaluateExpression", () => {
  it.each([
    ["1 + 2 * 3", 7],
    ["(1 + 2) * 3", 9],
    ["12 * (3 + 4)", 84],
    ["10 - 4 - 3", 3],
    ["100 / 10 / 5", 2],
    ["2 ^ 3 ^ 2", 512],
    ["2 ** 10", 1024],
    ["-2 ^ 2", -4],
    ["(-2) ^ 2", 4],
    ["2 ^ -1", 0.5],
    ["--3", 3],
    ["-(4 + 1) * 2", -10],
    ["+5", 5],
    ["17 % 5", 2],
    ["7 × 6 ÷ 3", 14],
    [".5 + 1.25", 1.75],
    ["1.5e3 + 2E-1", 1500.2],
    ["0.1 + 0.2", 0.3],
    ["2 * pi", 2 * Math.PI],
    ["E", Math.E],
    ["sqrt(16) + abs(-3)", 7],
    ["round(2.5) + floor(2.7) + ceil(2.1)", 3 + 2 + 3],
    ["round(3.14159, 2)", 3.14],
    ["min(4, 2, 8) + max(1, 9)", 11],
    ["sin(0) + cos(0) + tan(0)", 1],
    ["log(1000)", 3],
    ["log(8, 2)", 3],
    ["ln(e) + exp(0)", 2],
    ["SQRT(9)", 3],
    ["  ( ( 1 ) )  ", 1],
  ])("%s = %d", (expression, expected) => {
    expect(evaluateExpression(expression)).toBeCloseTo(expected, 12);
  });

  it.each([
    ["", /empty/],
    ["1 +", /ends too early/],
    ["(1 + 2", /Expected "\)"/],
    ["1 + 2)", /Unexpected "\)" at position 6/],
    ["1 / 0", /Division by zero/],
    ["5 % 0", /Division by zero/],
    ["sqrt(-1)", /not a real number/],
    ["10 ^ 400", /too large/],
    ["2 3", /Unexpected number 3/],
    ["foo(1)", /Unknown name "foo"/],
    ["sqrt(1, 2)", /sqrt\(\) takes 1 argument, not 2/],
    ["max()", /Unexpected "\)"/],
    ["1 $ 2", /Unexpected character "\$" at position 3/],
    ["sqrt 4", /Expected "\("/],
  ])("rejects %j with a clear message", (expression, message) => {
    expect(() => evaluateExpression(expression)).toThrow(CalculatorError);
    expect(() => evaluateExpression(expression)).toThrow(message);
  });

  it.each([
    "process.exit()",
    "constructor",
    "constructor.constructor('return process')()",
    "__proto__",
    "toString()",
    "this",
    "require('fs')",
    "globalThis",
    "1; process.exit(1)",
    "`1`",
    "a = 1",
    "[1, 2]",
    "x => x",
    "Function('return 1')()",
  ])("rejects the injection attempt %j", (expression) => {
    expect(() => evaluateExpression(expression)).toThrow(CalculatorError);
  });

  it("caps length and nesting instead of running out of stack", () => {
    expect(() => evaluateExpression("1+".repeat(MAX_EXPRESSION_CHARS))).toThrow(/longer than/);
    expect(() => evaluateExpression(`${"(".repeat(200)}1${")".repeat(200)}`)).toThrow(/nested too deeply/);
    expect(() => evaluateExpression(`${"-".repeat(200)}1`)).toThrow(/nested too deeply/);
    expect(evaluateExpression(`${"(".repeat(30)}1${")".repeat(30)}`)).toBe(1);
  });

  it("calculator() returns the expression with its result", () => {
    expect(calculator({ expression: "12 * (3 + 4)" })).toEqual({ expression: "12 * (3 + 4)", result: 84 });
  });
});
