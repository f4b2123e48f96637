/**
 * The calculator tool: a small tokenizer and recursive-descent parser over numbers, + - * / % ^,
 * parentheses, a few constants and functions. The model writes the expression, so it is untrusted
 * input: nothing here reaches eval or Function, names are looked up in Maps (so `constructor` or
 * `__proto__` are just unknown names), and length and nesting are capped.
 *
 * Grammar (^ binds tighter than unary minus and is right-associative, so -2^2 = -4, 2^3^2 = 512):
 *   expr  := term (("+" | "-") term)*
 *   term  := unary (("*" | "/" | "%") unary)*
 *   unary := ("-" | "+") unary | power
 *   power := atom ("^" unary)?
 *   atom  := number | constant | name "(" expr ("," expr)* ")" | "(" expr ")"
 */
import { z } from "zod";
import { BUILTIN_TOOL_LABELS } from "./catalog";
import { defineTool } from "./define";
import type { CalculatorResult } from "./results";

export const MAX_EXPRESSION_CHARS = 500;
const MAX_DEPTH = 64;

export class CalculatorError extends Error {
  override name = "CalculatorError";
}

const CONSTANTS = new Map<string, number>([
  ["pi", Math.PI],
  ["e", Math.E],
]);

type Fn = { arity: [min: number, max: number]; apply: (args: number[]) => number };
const one = (f: (x: number) => number): Fn => ({ arity: [1, 1], apply: (a) => f(a[0]!) });
const FUNCTIONS = new Map<string, Fn>([
  ["sqrt", one(Math.sqrt)],
  ["abs", one(Math.abs)],
  ["floor", one(Math.floor)],
  ["ceil", one(Math.ceil)],
  ["sin", one(Math.sin)],
  ["cos", one(Math.cos)],
  ["tan", one(Math.tan)],
  ["ln", one(Math.log)],
  ["exp", one(Math.exp)],
  // log(x) is base 10 as on a pocket calculator; log(x, b) takes the base.
  [
    "log",
    { arity: [1, 2], apply: ([x, b]) => (b === undefined ? Math.log10(x!) : Math.log(x!) / Math.log(b)) },
  ],
  // round(x, digits) rounds to decimal places; round(x) to an integer.
  ["round", { arity: [1, 2], apply: ([x, d = 0]) => Math.round(x! * 10 ** d) / 10 ** d }],
  ["min", { arity: [1, 100], apply: (a) => Math.min(...a) }],
  ["max", { arity: [1, 100], apply: (a) => Math.max(...a) }],
]);

type Token = { kind: "num"; value: number; pos: number } | { kind: "name" | "op"; text: string; pos: number };

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const num = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(i));
    if (num) {
      tokens.push({ kind: "num", value: Number(num[0]), pos: i });
      i += num[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (name) {
      tokens.push({ kind: "name", text: name[0].toLowerCase(), pos: i });
      i += name[0].length;
      continue;
    }
    if (src.startsWith("**", i)) {
      tokens.push({ kind: "op", text: "^", pos: i });
      i += 2;
      continue;
    }
    // × and ÷ are how people (and models quoting people) often write multiply and divide.
    const op = ch === "×" ? "*" : ch === "÷" ? "/" : ch;
    if (!"+-*/%^(),".includes(op))
      throw new CalculatorError(`Unexpected character "${ch}" at position ${i + 1}.`);
    tokens.push({ kind: "op", text: op, pos: i });
    i++;
  }
  return tokens;
}

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): number {
    if (this.tokens.length === 0) throw new CalculatorError("The expression is empty.");
    const value = this.expr();
    const extra = this.tokens[this.i];
    if (extra) throw new CalculatorError(`Unexpected ${describeToken(extra)} at position ${extra.pos + 1}.`);
    return value;
  }

  private peekOp(...ops: string[]): string | undefined {
    const t = this.tokens[this.i];
    return t?.kind === "op" && ops.includes(t.text) ? t.text : undefined;
  }

  private expect(op: string): void {
    const t = this.tokens[this.i];
    if (t?.kind === "op" && t.text === op) {
      this.i++;
      return;
    }
    throw new CalculatorError(
      t ? `Expected "${op}" at position ${t.pos + 1}.` : `Expected "${op}" at the end.`,
    );
  }

  private expr(): number {
    let left = this.term();
    for (let op = this.peekOp("+", "-"); op; op = this.peekOp("+", "-")) {
      this.i++;
      const right = this.term();
      left = op === "+" ? left + right : left - right;
    }
    return left;
  }

  private term(): number {
    let left = this.unary();
    for (let op = this.peekOp("*", "/", "%"); op; op = this.peekOp("*", "/", "%")) {
      this.i++;
      const right = this.unary();
      if (op !== "*" && right === 0) throw new CalculatorError("Division by zero.");
      left = op === "*" ? left * right : op === "/" ? left / right : left % right;
    }
    return left;
  }

  private unary(): number {
    const op = this.peekOp("-", "+");
    if (!op) return this.power();
    this.i++;
    return this.nested(() => (op === "-" ? -this.unary() : this.unary()));
  }

  private power(): number {
    const base = this.atom();
    if (!this.peekOp("^")) return base;
    this.i++;
    return base ** this.nested(() => this.unary());
  }

  private atom(): number {
    const t = this.tokens[this.i++];
    if (!t) throw new CalculatorError("The expression ends too early.");
    if (t.kind === "num") return t.value;
    if (t.kind === "op") {
      if (t.text !== "(") throw new CalculatorError(`Unexpected "${t.text}" at position ${t.pos + 1}.`);
      const value = this.nested(() => this.expr());
      this.expect(")");
      return value;
    }
    const constant = CONSTANTS.get(t.text);
    if (constant !== undefined) return constant;
    const fn = FUNCTIONS.get(t.text);
    if (!fn) {
      const known = [...CONSTANTS.keys(), ...FUNCTIONS.keys()].join(", ");
      throw new CalculatorError(`Unknown name "${t.text}" at position ${t.pos + 1}. Known names: ${known}.`);
    }
    this.expect("(");
    const args = [this.nested(() => this.expr())];
    while (this.peekOp(",")) {
      this.i++;
      args.push(this.nested(() => this.expr()));
    }
    this.expect(")");
    const [min, max] = fn.arity;
    if (args.length < min || args.length > max) {
      const want = min === max ? `${min}` : max >= 100 ? `at least ${min}` : `${min} or ${max}`;
      throw new CalculatorError(
        `${t.text}() takes ${want} argument${want === "1" ? "" : "s"}, not ${args.length}.`,
      );
    }
    return fn.apply(args);
  }

  /** Bounds recursion so "((((…" cannot exhaust the stack. */
  private nested<T>(f: () => T): T {
    if (++this.depth > MAX_DEPTH) throw new CalculatorError("The expression is nested too deeply.");
    try {
      return f();
    } finally {
      this.depth--;
    }
  }
}

function describeToken(t: Token): string {
  return t.kind === "num" ? `number ${t.value}` : `"${t.text}"`;
}

/** Evaluates an expression or throws CalculatorError with a message the model can act on. */
export function evaluateExpression(expression: string): number {
  if (expression.length > MAX_EXPRESSION_CHARS) {
    throw new CalculatorError(`The expression is longer than ${MAX_EXPRESSION_CHARS} characters.`);
  }
  const value = new Parser(tokenize(expression)).parse();
  if (Number.isNaN(value)) throw new CalculatorError("The result is not a real number.");
  if (!Number.isFinite(value)) throw new CalculatorError("The result is too large.");
  // 15 significant digits hide binary noise: 0.1 + 0.2 gives 0.3, not 0.30000000000000004.
  return Number.parseFloat(value.toPrecision(15));
}

export function calculator(args: { expression: string }): CalculatorResult {
  return { expression: args.expression, result: evaluateExpression(args.expression) };
}

export const calculatorTool = defineTool({
  name: "calculator",
  label: BUILTIN_TOOL_LABELS.calculator,
  description:
    "Evaluate an arithmetic expression exactly. Supports + - * / % ^, parentheses, pi, e and sqrt, abs, round, floor, ceil, min, max, sin, cos, tan (radians), log (base 10), ln, exp.",
  args: z.object({
    expression: z
      .string()
      .min(1)
      .max(MAX_EXPRESSION_CHARS)
      .describe('The expression, e.g. "12 * (3 + 4) / 2".'),
  }),
  run: (args) => calculator(args),
  readable: [CalculatorError],
});
