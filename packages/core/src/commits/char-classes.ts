// Character tests on char codes: the parser's scanners run on every commit, so they avoid
// regular expressions (and their backtracking) in favour of plain loops over these.

export function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isWordChar(c: number): boolean {
  return isLetter(c) || isDigit(c) || c === 95;
}

/** Characters of a GitHub owner or repository name (`[A-Za-z0-9._-]`). */
export function isRepoChar(c: number): boolean {
  return isLetter(c) || isDigit(c) || c === 45 || c === 46 || c === 95;
}

/**
 * Characters allowed right before a `#12`, `!12` or `owner/repo#12` reference: start of a word or
 * opening punctuation. Anything else (`abc#1`, `&#45;`, `path/x#1`) is not a reference.
 */
export function isRefBoundary(c: number): boolean {
  switch (c) {
    case 32: // space
    case 9: // tab
    case 10: // newline
    case 40: // (
    case 91: // [
    case 123: // {
    case 44: // ,
    case 59: // ;
    case 58: // :
    case 39: // '
    case 34: // "
    case 60: // <
    case 62: // >
    case 42: // *
      return true;
    default:
      return false;
  }
}
