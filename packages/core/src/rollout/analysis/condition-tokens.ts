import { SlipwayError } from '../../errors/slipway-error.js';

export type TokenKind = 'number' | 'string' | 'name' | 'operator' | 'end';

export interface Token {
  readonly kind: TokenKind;
  /** The number's value, the string's unescaped text, the name or the operator. */
  readonly text: string;
  readonly value?: number;
  /** 1-based column of the token's first character, for error messages. */
  readonly column: number;
}

/** Longest first, so `<=` is never read as `<` then `=`. */
const operators = [
  '&&',
  '||',
  '<=',
  '>=',
  '==',
  '!=',
  '<',
  '>',
  '!',
  '+',
  '-',
  '*',
  '/',
  '%',
  '(',
  ')',
  '[',
  ']',
  '.',
  ',',
];

const escapes: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  '"': '"',
  "'": "'",
};

/** Where an error in a condition is: the caller's `where`, the column and the expression. */
export function conditionError(
  where: string,
  expression: string,
  column: number,
  problem: string,
): SlipwayError {
  return new SlipwayError(
    'CONFIG_INVALID',
    `${where}: ${problem} at column ${column} of condition ${JSON.stringify(expression)}`,
    { subject: where },
  );
}

/** Splits a condition into tokens; the last is always `end`. */
export function tokenize(expression: string, where: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < expression.length) {
    const char = expression[index] as string;
    const column = index + 1;
    if (/\s/.test(char)) {
      index += 1;
      continue;
    }
    const number = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(expression.slice(index));
    if (number !== null && /[\d.]/.test(char)) {
      const text = number[0];
      if (/^[A-Za-z_]/.test(expression.slice(index + text.length))) {
        throw conditionError(where, expression, column, `malformed number "${text}…"`);
      }
      tokens.push({ kind: 'number', text, value: Number(text), column });
      index += text.length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(expression.slice(index));
    if (name !== null) {
      tokens.push({ kind: 'name', text: name[0], column });
      index += name[0].length;
      continue;
    }
    if (char === '"' || char === "'") {
      const [text, next] = readString(expression, index, where);
      tokens.push({ kind: 'string', text, column });
      index = next;
      continue;
    }
    const operator = operators.find((candidate) => expression.startsWith(candidate, index));
    if (operator === undefined) {
      throw conditionError(where, expression, column, `unexpected character "${char}"`);
    }
    tokens.push({ kind: 'operator', text: operator, column });
    index += operator.length;
  }
  tokens.push({ kind: 'end', text: 'end of condition', column: expression.length + 1 });
  return tokens;
}

function readString(expression: string, start: number, where: string): [string, number] {
  const quote = expression[start];
  let text = '';
  let index = start + 1;
  while (index < expression.length) {
    const char = expression[index] as string;
    if (char === quote) return [text, index + 1];
    if (char === '\\') {
      const escaped = escapes[expression[index + 1] ?? ''];
      if (escaped === undefined) {
        throw conditionError(where, expression, index + 1, 'unknown escape in string');
      }
      text += escaped;
      index += 2;
      continue;
    }
    text += char;
    index += 1;
  }
  throw conditionError(where, expression, start + 1, 'string is not closed');
}
