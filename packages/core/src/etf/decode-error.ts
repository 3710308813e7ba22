/**
 * The error `decode` throws for bytes that are not a valid external term.
 */
import { TermError } from '../term.js';

/**
 * Bytes that `binary_to_term` would reject (or that no JS term can stand for). `offset` is the
 * index in the input (or, inside a compressed term, in the inflated data, as the message says)
 * of the byte where the problem was found.
 */
export class DecodeError extends TermError {
  /** The byte offset of the problem. */
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(`${message} at byte ${offset}`);
    this.offset = offset;
    // TermError declares `name` as the literal 'TermError', so a subclass sets its own here.
    Object.defineProperty(this, 'name', { value: 'DecodeError' });
  }
}
