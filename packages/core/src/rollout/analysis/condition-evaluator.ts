import { conditionError } from './condition-tokens.js';
import type { ConditionNode } from './condition-parser.js';

/** What a failing evaluation reports: the column of the node that could not be evaluated. */
export class ConditionRuntimeError extends Error {
  constructor(
    readonly column: number,
    message: string,
  ) {
    super(message);
    this.name = 'ConditionRuntimeError';
  }
}

/**
 * Evaluates a parsed condition against a measurement's `result`. Values are JSON's: numbers,
 * strings, booleans, null (a missing field is null), arrays and objects. Type mismatches
 * (`"a" < 1`, `result[3]` of a two-element array, `!5`) are errors, never silent coercions.
 */
export function evaluateNode(node: ConditionNode, result: unknown): unknown {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'result':
      return normalize(result);
    case 'member':
      return member(evaluateNode(node.object, result), node.name, node.column);
    case 'index':
      return index(
        evaluateNode(node.object, result),
        evaluateNode(node.index, result),
        node.column,
      );
    case 'unary': {
      const operand = evaluateNode(node.operand, result);
      if (node.operator === '!') return !asBoolean(operand, node.column, '!');
      return -asNumber(operand, node.column, '-');
    }
    case 'binary':
      return binary(node, result);
    case 'array':
      return node.items.map((item) => evaluateNode(item, result));
    case 'call':
      return call(
        node.name,
        node.args.map((arg) => evaluateNode(arg, result)),
        node.column,
      );
  }
}

/** Runs `evaluate` and turns its runtime errors into SlipwayErrors naming `where` and the column. */
export function withConditionErrors<T>(expression: string, where: string, evaluate: () => T): T {
  try {
    return evaluate();
  } catch (error) {
    if (error instanceof ConditionRuntimeError) {
      throw conditionError(where, expression, error.column, error.message);
    }
    throw error;
  }
}

function normalize(value: unknown): unknown {
  return value === undefined ? null : value;
}

export function describeType(value: unknown): string {
  if (value === null || value === undefined) return 'nil';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}

function member(object: unknown, name: string, column: number): unknown {
  if (typeof object !== 'object' || object === null || Array.isArray(object)) {
    throw new ConditionRuntimeError(
      column,
      `cannot read field "${name}" of ${describeType(object)}`,
    );
  }
  return Object.hasOwn(object, name) ? normalize((object as Record<string, unknown>)[name]) : null;
}

function index(object: unknown, key: unknown, column: number): unknown {
  if (Array.isArray(object)) {
    if (typeof key !== 'number' || !Number.isInteger(key)) {
      throw new ConditionRuntimeError(
        column,
        `an array index must be an integer, got ${describeType(key)}`,
      );
    }
    // As in expr: a negative index counts from the end.
    const position = key < 0 ? object.length + key : key;
    if (position < 0 || position >= object.length) {
      throw new ConditionRuntimeError(
        column,
        `index ${key} is out of range (the array has ${object.length} element${object.length === 1 ? '' : 's'})`,
      );
    }
    return normalize(object[position]);
  }
  if (typeof key === 'string') return member(object, key, column);
  throw new ConditionRuntimeError(
    column,
    `cannot index ${describeType(object)} with ${describeType(key)}`,
  );
}

function asBoolean(value: unknown, column: number, operator: string): boolean {
  if (typeof value === 'boolean') return value;
  throw new ConditionRuntimeError(
    column,
    `"${operator}" needs true or false, got ${describeType(value)}`,
  );
}

function asNumber(value: unknown, column: number, operator: string): number {
  if (typeof value === 'number') return value;
  throw new ConditionRuntimeError(
    column,
    `"${operator}" needs a number, got ${describeType(value)}`,
  );
}

function binary(node: Extract<ConditionNode, { kind: 'binary' }>, result: unknown): unknown {
  const { operator, column } = node;
  const left = evaluateNode(node.left, result);
  // Short-circuit: the right side of `false && …` is never evaluated (it may not fit the data).
  if (operator === '&&') {
    return (
      asBoolean(left, column, operator) &&
      asBoolean(evaluateNode(node.right, result), column, operator)
    );
  }
  if (operator === '||') {
    return (
      asBoolean(left, column, operator) ||
      asBoolean(evaluateNode(node.right, result), column, operator)
    );
  }
  const right = evaluateNode(node.right, result);
  switch (operator) {
    case '==':
      return equal(left, right);
    case '!=':
      return !equal(left, right);
    case '<':
    case '<=':
    case '>':
    case '>=':
      return compare(operator, left, right, column);
    case 'in':
      return contains(right, left, column);
    case '+':
      if (typeof left === 'string' && typeof right === 'string') return left + right;
      return asNumber(left, column, operator) + asNumber(right, column, operator);
    case '-':
      return asNumber(left, column, operator) - asNumber(right, column, operator);
    case '*':
      return asNumber(left, column, operator) * asNumber(right, column, operator);
    case '/':
      return asNumber(left, column, operator) / asNumber(right, column, operator);
    case '%':
      return asNumber(left, column, operator) % asNumber(right, column, operator);
  }
}

/** Ordering of two numbers or two strings; any comparison with NaN is false. */
function compare(
  operator: '<' | '<=' | '>' | '>=',
  left: unknown,
  right: unknown,
  column: number,
): boolean {
  const bothNumbers = typeof left === 'number' && typeof right === 'number';
  const bothStrings = typeof left === 'string' && typeof right === 'string';
  if (!bothNumbers && !bothStrings) {
    throw new ConditionRuntimeError(
      column,
      `cannot compare ${describeType(left)} with ${describeType(right)} using "${operator}"`,
    );
  }
  const a = left as number | string;
  const b = right as number | string;
  if (operator === '<') return a < b;
  if (operator === '<=') return a <= b;
  if (operator === '>') return a > b;
  return a >= b;
}

/** Structural equality of JSON values; NaN equals nothing, values of other types are unequal. */
function equal(left: unknown, right: unknown): boolean {
  if (Array.isArray(left) && Array.isArray(right)) {
    return (
      left.length === right.length && left.every((item, position) => equal(item, right[position]))
    );
  }
  if (isObject(left) && isObject(right)) {
    const keys = Object.keys(left);
    return (
      keys.length === Object.keys(right).length &&
      keys.every((key) => Object.hasOwn(right, key) && equal(left[key], right[key]))
    );
  }
  return normalize(left) === normalize(right);
}

/** `x in [1, 2]` (an item), `"key" in result` (an object's field), `"ab" in "abc"` (a substring). */
function contains(container: unknown, item: unknown, column: number): boolean {
  if (Array.isArray(container)) return container.some((candidate) => equal(candidate, item));
  if (typeof container === 'string' && typeof item === 'string') return container.includes(item);
  if (isObject(container) && typeof item === 'string') return Object.hasOwn(container, item);
  throw new ConditionRuntimeError(
    column,
    `cannot look for ${describeType(item)} in ${describeType(container)}`,
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function call(name: string, args: readonly unknown[], column: number): unknown {
  const [first, second] = args;
  switch (name) {
    case 'len':
      if (typeof first === 'string' || Array.isArray(first)) return first.length;
      if (isObject(first)) return Object.keys(first).length;
      throw new ConditionRuntimeError(
        column,
        `len() needs an array, a string or an object, got ${describeType(first)}`,
      );
    case 'isNaN':
      return typeof first === 'number' && Number.isNaN(first);
    case 'isInf':
      return first === Infinity || first === -Infinity;
    case 'abs':
      return Math.abs(asNumber(first, column, 'abs'));
    case 'asInt':
      return parseNumber(first, column, true);
    case 'asFloat':
      return parseNumber(first, column, false);
    case 'default':
      return first === null || first === undefined ? second : first;
    default:
      throw new ConditionRuntimeError(column, `unknown function "${name}"`);
  }
}

/** Web metrics often carry numbers as strings (`"0.95"`); these read them as numbers. */
function parseNumber(value: unknown, column: number, integer: boolean): number {
  const name = integer ? 'asInt' : 'asFloat';
  if (typeof value === 'number') {
    if (integer && !Number.isInteger(value)) {
      throw new ConditionRuntimeError(
        column,
        `${name}() needs an integer, got ${describeType(value)}`,
      );
    }
    return value;
  }
  const pattern = integer
    ? /^[+-]?\d+$/
    : /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$|^[+-]?(?:Inf|NaN)$/i;
  if (typeof value === 'string' && pattern.test(value.trim())) {
    const text = value.trim().toLowerCase();
    if (text.endsWith('nan')) return NaN;
    if (text.endsWith('inf')) return text.startsWith('-') ? -Infinity : Infinity;
    return Number(text);
  }
  throw new ConditionRuntimeError(
    column,
    `${name}() cannot read a number from ${describeType(value)}`,
  );
}
