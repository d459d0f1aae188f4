/**
 * The slice of CEL the SDK emits and the app is likely to write: `event.data.x == async.data.x`
 * (waitForEvent/cancelOn `match`), `event.data.function_id == 'app-fn'` (onFailure trigger),
 * idempotency and concurrency keys (`event.data.userId`). Supported: dotted/indexed paths rooted
 * at `event` or `async`, string/number/bool/null literals, == != < <= > >=, && || !, parentheses.
 * Anything else throws at compile time, so the run using it fails with a clear message instead
 * of matching nothing.
 */

type Node =
  | { kind: "lit"; value: unknown }
  | { kind: "path"; root: string; keys: Array<string | number> }
  | { kind: "not"; arg: Node }
  | { kind: "bin"; op: string; left: Node; right: Node };

export type Scope = { event?: unknown; async?: unknown };
export type Compiled = (scope: Scope) => unknown;

const TOKEN = /\s*(?:(\d+(?:\.\d+)?)|('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|(==|!=|<=|>=|&&|\|\||[<>!().[\]])|([A-Za-z_][A-Za-z0-9_]*))/y;

function tokenize(source: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    if (/^\s*$/.test(source.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(source);
    if (!m) throw new Error(`unsupported expression ${JSON.stringify(source)}: cannot read from position ${at}`);
    tokens.push(m[1] ?? m[2] ?? m[3] ?? m[4]!);
  }
  return tokens;
}

function parse(source: string): Node {
  const tokens = tokenize(source);
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`unsupported expression ${JSON.stringify(source)}: ${why}`);
  };
  const peek = () => tokens[i];
  const take = (expected?: string) => {
    const t = tokens[i++];
    if (t === undefined || (expected && t !== expected)) fail(`expected ${expected ?? "more"} at token ${i}`);
    return t!;
  };
  const binary = (next: () => Node, ops: string[]) => (): Node => {
    let left = next();
    while (ops.includes(peek() ?? "")) left = { kind: "bin", op: take(), left, right: next() };
    return left;
  };
  const primary = (): Node => {
    const t = take();
    if (t === "!") return { kind: "not", arg: primary() };
    if (t === "(") {
      const inner = or();
      take(")");
      return inner;
    }
    if (/^\d/.test(t)) return { kind: "lit", value: Number(t) };
    if (t.startsWith("'") || t.startsWith('"')) return { kind: "lit", value: t.slice(1, -1).replace(/\\(.)/g, "$1") };
    if (t === "true" || t === "false") return { kind: "lit", value: t === "true" };
    if (t === "null") return { kind: "lit", value: null };
    if (t !== "event" && t !== "async") fail(`unknown identifier ${t}`);
    const keys: Array<string | number> = [];
    for (;;) {
      if (peek() === ".") {
        take();
        const key = take();
        if (!/^[A-Za-z_]/.test(key)) fail(`bad field name ${key}`);
        keys.push(key);
      } else if (peek() === "[") {
        take();
        const key = take();
        take("]");
        keys.push(/^\d/.test(key) ? Number(key) : key.slice(1, -1));
      } else if (peek() === "(") {
        fail("function calls are not supported");
      } else break;
    }
    return { kind: "path", root: t, keys };
  };
  const comparison = binary(primary, ["==", "!=", "<", "<=", ">", ">="]);
  const and = binary(comparison, ["&&"]);
  const or: () => Node = binary(and, ["||"]);
  const tree = or();
  if (i !== tokens.length) fail(`unexpected ${tokens[i]}`);
  return tree;
}

function evaluate(node: Node, scope: Scope): unknown {
  switch (node.kind) {
    case "lit":
      return node.value;
    case "path": {
      let value: unknown = scope[node.root as keyof Scope];
      for (const key of node.keys) value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
      return value ?? null;
    }
    case "not":
      return !evaluate(node.arg, scope);
    case "bin": {
      const left = evaluate(node.left, scope);
      if (node.op === "&&") return Boolean(left) && Boolean(evaluate(node.right, scope));
      if (node.op === "||") return Boolean(left) || Boolean(evaluate(node.right, scope));
      const right = evaluate(node.right, scope);
      if (node.op === "==") return JSON.stringify(left) === JSON.stringify(right);
      if (node.op === "!=") return JSON.stringify(left) !== JSON.stringify(right);
      const [a, b] = [left as number | string, right as number | string];
      return node.op === "<" ? a < b : node.op === "<=" ? a <= b : node.op === ">" ? a > b : a >= b;
    }
  }
}

const cache = new Map<string, Compiled>();

export function compileExpression(source: string): Compiled {
  let compiled = cache.get(source);
  if (!compiled) {
    const tree = parse(source);
    compiled = (scope) => evaluate(tree, scope);
    cache.set(source, compiled);
  }
  return compiled;
}

/** A key expression (`event.data.userId`) evaluated to the string Inngest would hash. */
export function evaluateKey(source: string, event: unknown): string {
  const value = compileExpression(source)({ event });
  return typeof value === "string" ? value : JSON.stringify(value);
}
