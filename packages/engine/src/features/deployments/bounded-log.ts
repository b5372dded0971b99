import { maxDeploymentLogBytes } from './deployment-record.js';

/**
 * Collects output up to a byte budget, keeping the head (how it started) and the tail (how it
 * ended): the middle of a long log is the part nobody needs to diagnose a deployment.
 */
export class BoundedLog {
  readonly #half: number;
  readonly #head: Buffer[] = [];
  #headBytes = 0;
  #tail: Buffer[] = [];
  #tailBytes = 0;
  #total = 0;

  constructor(maxBytes = maxDeploymentLogBytes) {
    this.#half = Math.floor(maxBytes / 2);
  }

  append(chunk: Buffer | string): void {
    let data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    this.#total += data.length;
    if (this.#headBytes < this.#half) {
      const taken = data.subarray(0, this.#half - this.#headBytes);
      this.#head.push(taken);
      this.#headBytes += taken.length;
      data = data.subarray(taken.length);
    }
    if (data.length === 0) return;
    this.#tail.push(data);
    this.#tailBytes += data.length;
    if (this.#tailBytes > 2 * this.#half) this.#trimTail();
  }

  toString(): string {
    this.#trimTail();
    const elided = this.#total - this.#headBytes - this.#tailBytes;
    const head = Buffer.concat(this.#head).toString('utf8');
    const tail = Buffer.concat(this.#tail).toString('utf8');
    return elided > 0 ? `${head}\n[… ${elided} bytes of output elided …]\n${tail}` : head + tail;
  }

  #trimTail(): void {
    if (this.#tailBytes <= this.#half) return;
    const joined = Buffer.concat(this.#tail);
    const kept = joined.subarray(joined.length - this.#half);
    this.#tail = [kept];
    this.#tailBytes = kept.length;
  }
}

/** A log text within the budget (head and tail kept), e.g. after CI appended its report. */
export function boundLog(text: string, maxBytes = maxDeploymentLogBytes): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  const log = new BoundedLog(maxBytes);
  log.append(text);
  return log.toString();
}
