import { conditionError, tokenize } from './condition-tokens.js';
import type { Token } from './condition-tokens.js';

export type BinaryOperator =
  '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | '+' | '-' | '*' | '/' | '%';

/** A parsed condition. Every node keeps its column, so evaluation errors can point at it. */
export type ConditionNode =
  | { readonly kind: 'literal'; readonly value: unknown; readonly column: number }
  | { readonly kind: 'result'; readonly column: number }
  | {
      readonly kind: 'member';
      readonly object: ConditionNode;
      readonly name: string;
      readonly column: number;
    }
  | {
      readonly kind: 'index';
      readonly object: ConditionNode;
      readonly index: ConditionNode;
      readonly column: number;
    }
  | {
      readonly kind: 'unary';
      readonly operator: '!' | '-';
      readonly operand: ConditionNode;
      readonly column: number;
    }
  | {
      readonly kind: 'binary';
      readonly operator: BinaryOperator;
      readonly left: ConditionNode;
      readonly right: ConditionNode;
      readonly column: number;
    }
  | { readonly kind: 'array'; readonly items: readonly ConditionNode[]; readonly column: number }
  | {
      readonly kind: 'call';
      readonly name: string;
      readonly args: readonly ConditionNode[];
      readonly column: number;
    };

/** Arities of the functions a condition may call (see condition-evaluator.ts). */
export const conditionFunctions: Readonly<Record<string, number>> = {
  len: 1,
  isNaN: 1,
  isInf: 1,
  abs: 1,
  asInt: 1,
  asFloat: 1,
  default: 2,
};

/**
 * Precedence levels from loosest to tightest, as in expr (Argo Rollouts' language): `or`,
 * `and`, then all comparisons on one level, then `+ -`, then `* / %`. Word forms map to
 * symbols.
 */
const levels: readonly Readonly<Record<string, BinaryOperator>>[] = [
  { '||': '||', or: '||' },
  { '&&': '&&', and: '&&' },
  { '==': '==', '!=': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=', in: 'in' },
  { '+': '+', '-': '-' },
  { '*': '*', '/': '/', '%': '%' },
];

const literals: Readonly<Record<string, unknown>> = {
  true: true,
  false: false,
  nil: null,
  null: null,
};

/** Parses a condition into a tree; throws a SlipwayError naming `where` and the column. */
export function parseCondition(expression: string, where: string): ConditionNode {
  const tokens = tokenize(expression, where);
  let position = 0;

  const peek = (): Token => tokens[position] as Token;
  const fail = (token: Token, problem: string): never => {
    throw conditionError(where, expression, token.column, problem);
  };
  const found = (token: Token): string =>
    token.kind === 'end' ? 'the end' : JSON.stringify(token.text);
  const isOperator = (text: string): boolean => {
    const token = peek();
    return (token.kind === 'operator' || token.kind === 'name') && token.text === text;
  };
  const expect = (text: string): void => {
    if (!isOperator(text)) fail(peek(), `expected "${text}", found ${found(peek())}`);
    position += 1;
  };

  const binary = (level: number): ConditionNode => {
    const operators = levels[level];
    if (operators === undefined) return unary();
    let left = binary(level + 1);
    for (;;) {
      const token = peek();
      const operator =
        (token.kind === 'operator' || token.kind === 'name') && Object.hasOwn(operators, token.text)
          ? operators[token.text]
          : undefined;
      if (operator === undefined) return left;
      position += 1;
      const right = binary(level + 1);
      left = { kind: 'binary', operator, left, right, column: token.column };
    }
  };

  const unary = (): ConditionNode => {
    const token = peek();
    if (isOperator('!') || isOperator('not')) {
      position += 1;
      return { kind: 'unary', operator: '!', operand: unary(), column: token.column };
    }
    if (isOperator('-')) {
      position += 1;
      return { kind: 'unary', operator: '-', operand: unary(), column: token.column };
    }
    if (isOperator('+')) {
      position += 1;
      return unary();
    }
    return postfix(primary());
  };

  const postfix = (start: ConditionNode): ConditionNode => {
    let node = start;
    for (;;) {
      const token = peek();
      if (isOperator('.')) {
        position += 1;
        const name = peek();
        if (name.kind !== 'name') fail(name, `expected a field name, found ${found(name)}`);
        position += 1;
        node = { kind: 'member', object: node, name: name.text, column: token.column };
      } else if (isOperator('[')) {
        position += 1;
        const index = binary(0);
        expect(']');
        node = { kind: 'index', object: node, index, column: token.column };
      } else {
        return node;
      }
    }
  };

  const primary = (): ConditionNode => {
    const token = peek();
    position += 1;
    if (token.kind === 'number')
      return { kind: 'literal', value: token.value, column: token.column };
    if (token.kind === 'string')
      return { kind: 'literal', value: token.text, column: token.column };
    if (token.kind === 'operator' && token.text === '[') {
      const items = isOperator(']') ? [] : list();
      expect(']');
      return { kind: 'array', items, column: token.column };
    }
    if (token.kind === 'operator' && token.text === '(') {
      const inner = binary(0);
      expect(')');
      return inner;
    }
    if (token.kind === 'name') {
      if (Object.hasOwn(literals, token.text)) {
        return { kind: 'literal', value: literals[token.text], column: token.column };
      }
      if (token.text === 'result') return { kind: 'result', column: token.column };
      if (isOperator('(')) return call(token);
      return fail(token, `unknown name "${token.text}" (only "result" and functions are known)`);
    }
    return fail(token, `expected a value, found ${found(token)}`);
  };

  const call = (name: Token): ConditionNode => {
    const arity = Object.hasOwn(conditionFunctions, name.text)
      ? conditionFunctions[name.text]
      : undefined;
    if (arity === undefined) {
      const known = Object.keys(conditionFunctions).join(', ');
      fail(name, `unknown function "${name.text}" (known: ${known})`);
    }
    position += 1;
    const args = isOperator(')') ? [] : list();
    expect(')');
    if (args.length !== arity) {
      fail(
        name,
        `${name.text}() takes ${arity} argument${arity === 1 ? '' : 's'}, got ${args.length}`,
      );
    }
    return { kind: 'call', name: name.text, args, column: name.column };
  };

  /** Comma-separated expressions (call arguments, array items). */
  const list = (): ConditionNode[] => {
    const items = [binary(0)];
    while (isOperator(',')) {
      position += 1;
      items.push(binary(0));
    }
    return items;
  };

  const tree = binary(0);
  const rest = peek();
  if (rest.kind !== 'end') fail(rest, `unexpected ${found(rest)}`);
  return tree;
}
