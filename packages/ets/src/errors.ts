/**
 * ETS errors as OTP raises them: the Erlang reason (`badarg`, ...), the internal cause that
 * OTP 24+ BIFs attach to the stack frame (`#{cause => id}`), and the extended error information
 * that `erl_stdlib_errors:format_error/2` derives from the function, its arguments and the cause
 * (argument number to sentence). The derivation below follows OTP 27's `format_ets_error` and
 * `format_cause` rule by rule; the differential tests compare every map with the one erl builds.
 */
import { type Atom, atom, isAtom, isInteger, List, Pid, Reference, type Term } from '@tsunami/core';
import { CompiledMatchSpec, isValidMatchSpec } from '@tsunami/matchspec';

/**
 * The cause OTP records for a `badarg`: which check failed. `none` when the BIF set none (the
 * sentence is then derived from the arguments alone).
 */
export type EtsErrorCause =
  | 'none'
  | 'type'
  | 'id'
  | 'access'
  | 'table_type'
  | 'badkey'
  | 'keypos'
  | 'position'
  | 'owner'
  | 'not_owner'
  | 'already_exists';

/** Sentences of the extended error information, by argument number (1-based) or `general`. */
export type ErrorInfo = ReadonlyMap<number | 'general', string>;

const SENTENCES = {
  already_owner: 'the process is already the owner of the table',
  bad_boolean: 'not a boolean value',
  bad_continuation: 'invalid continuation',
  bad_info_item: 'not a valid info item',
  bad_key: 'not a key that exists in the table',
  bad_matchspec: 'not a valid match specification',
  bad_options: 'invalid options',
  bad_table_name: 'invalid table name (must be an atom)',
  bad_update_op: 'not a valid update operation',
  counter_not_integer: 'the value in the given position, in the object, is not an integer',
  dead_process: 'the pid refers to a terminated process',
  empty_tuple: 'is an empty tuple',
  name_already_exists: 'table name already exists',
  not_atom: 'not an atom',
  not_integer: 'not an integer',
  not_list: 'not a list',
  not_proper_list: 'not a proper list',
  not_owner: 'the current process is not the owner',
  not_pid: 'not a pid',
  not_tuple: 'not a tuple',
  not_tuple_or_list: 'not a non-empty tuple or a list of non-empty tuples',
  range: 'out of range',
  same_as_keypos: 'the position is the same as the key position',
  update_op_range: 'the position in the update operation is out of range',
  element_greater: 'position is greater than the size of the object',
  bad_element_spec: 'is not a valid element specification',
} as const;

/** One entry per argument: a sentence, or `''` when the argument is fine. */
type Explanation = string[];

function causeSentence(firstArgument: Term | undefined, cause: EtsErrorCause): string {
  switch (cause) {
    case 'type':
      return firstArgument instanceof Reference
        ? 'not a valid table identifier'
        : 'not an atom or a table identifier';
    case 'id':
      return 'the table identifier does not refer to an existing ETS table';
    case 'access':
      return 'the table identifier refers to an ETS table with insufficient access rights';
    case 'table_type':
      return 'the table identifier refers to an ETS table of a type not supported by this operation';
    default:
      return '';
  }
}

const isTuple = (term: Term | undefined): term is readonly Term[] => Array.isArray(term);
const isNonEmptyTuple = (term: Term | undefined): boolean => isTuple(term) && term.length > 0;

function tupleProblem(term: Term | undefined): string {
  if (isNonEmptyTuple(term)) return '';
  return isTuple(term) ? SENTENCES.empty_tuple : SENTENCES.not_tuple;
}

function isUpdateOperation(term: Term): boolean {
  if (isInteger(term)) return true;
  if (!isTuple(term)) return false;
  return (term.length === 2 || term.length === 4) && term.every((element) => isInteger(element));
}

function isUpdateOperationTop(term: Term | undefined): boolean {
  if (term instanceof List) return term.tail === List.EMPTY && term.items.every(isUpdateOperation);
  return term !== undefined && isUpdateOperation(term);
}

function isElementSpecification(term: Term): boolean {
  return isTuple(term) && term.length === 2 && isInteger(term[0]) && term[0] > 0;
}

function isElementSpecificationTop(term: Term | undefined): boolean {
  if (term instanceof List)
    return term.tail === List.EMPTY && term.items.every(isElementSpecification);
  return term !== undefined && isElementSpecification(term);
}

function positiveIntegerProblem(term: Term | undefined): string {
  if (!isInteger(term)) return SENTENCES.not_integer;
  return term < 1 ? SENTENCES.range : '';
}

/** OTP's `is_match_spec/1` in erl_stdlib_errors: compiled, or one that compiles. */
function isMatchSpecification(term: Term | undefined): boolean {
  return (
    (term as unknown) instanceof CompiledMatchSpec || (term !== undefined && isValidMatchSpec(term))
  );
}

function withDefault(tableSentence: string, sentence: string): Explanation {
  return tableSentence === '' ? ['', sentence] : [tableSentence];
}

/** The per-argument explanation of a failed `ets:<name>(...args)`, as OTP 27 words it. */
function explain(name: string, args: readonly Term[], cause: EtsErrorCause): Explanation {
  const table = causeSentence(args[0], cause);
  switch (name) {
    case 'delete_object':
      return [table, tupleProblem(args[1])];
    case 'give_away':
      if (cause === 'owner') return [table, SENTENCES.already_owner];
      if (cause === 'not_owner') return [table, SENTENCES.not_owner];
      if (!(args[1] instanceof Pid)) return [table, SENTENCES.not_pid];
      return [table, table === '' ? SENTENCES.dead_process : ''];
    case 'info':
      return withDefault(table, SENTENCES.bad_info_item);
    case 'insert':
    case 'insert_new': {
      const objects = args[1];
      if (isNonEmptyTuple(objects)) return [table];
      if (isTuple(objects)) return [table, SENTENCES.empty_tuple];
      if (objects instanceof List) {
        const fine = objects.tail === List.EMPTY && objects.items.every(isNonEmptyTuple);
        return fine ? [table] : [table, SENTENCES.not_tuple_or_list];
      }
      return [table, SENTENCES.not_tuple];
    }
    case 'lookup_element': {
      const position = positiveIntegerProblem(args[2]);
      if (cause === 'badkey') return [table, SENTENCES.bad_key, position];
      if (table === '' && position === '') return ['', '', SENTENCES.element_greater];
      return [table, '', position];
    }
    case 'new': {
      const nameProblem = isAtom(args[0]) ? '' : SENTENCES.not_atom;
      const options = args[1];
      const optionsProblem =
        options instanceof List
          ? options.tail === List.EMPTY
            ? ''
            : SENTENCES.not_proper_list
          : SENTENCES.not_list;
      if (nameProblem === '' && optionsProblem === '') {
        return cause === 'already_exists'
          ? [SENTENCES.name_already_exists, '']
          : ['', SENTENCES.bad_options];
      }
      return [nameProblem, optionsProblem];
    }
    case 'match':
    case 'match_object':
      // OTP's format_limit: the table, then the limit; a pattern is never blamed.
      if (args.length === 1) return [SENTENCES.bad_continuation];
      if (args.length === 3) return [table, '', positiveIntegerProblem(args[2])];
      return [table];
    case 'match_spec_compile':
      return [SENTENCES.bad_matchspec];
    case 'select':
    case 'select_reverse':
    case 'select_count':
    case 'select_delete':
    case 'select_replace':
      if (args.length === 1) return [SENTENCES.bad_continuation];
      if (args.length === 3) {
        // OTP's format_ms_limit: every argument is judged, whatever the table's cause.
        const specification = isMatchSpecification(args[1]) ? '' : SENTENCES.bad_matchspec;
        return [table, specification, positiveIntegerProblem(args[2])];
      }
      return withDefault(table, SENTENCES.bad_matchspec);
    case 'next':
    case 'prev':
    case 'next_lookup':
    case 'prev_lookup':
      return withDefault(table, SENTENCES.bad_key);
    case 'rename': {
      const explanation = [table, isAtom(args[1]) ? '' : SENTENCES.bad_table_name];
      return explanation[0] === '' && explanation[1] === ''
        ? ['', SENTENCES.name_already_exists]
        : explanation;
    }
    case 'safe_fixtable':
      return withDefault(table, SENTENCES.bad_boolean);
    case 'setopts':
      return withDefault(table, SENTENCES.bad_options);
    // OTP's ets:table/2 is no BIF and attaches no error information; the sentence is ours.
    case 'table':
      return ['', SENTENCES.bad_options];
    case 'slot':
      return withDefault(table, SENTENCES.range);
    case 'update_counter':
      return explainUpdateCounter(args, cause, table);
    case 'update_element':
      return [table, '', ...explainElementArguments(args, cause, table)];
    case 'whereis':
      return [SENTENCES.bad_table_name];
    default:
      return [table];
  }
}

function explainUpdateCounter(
  args: readonly Term[],
  cause: EtsErrorCause,
  table: string,
): Explanation {
  const operation = args[2];
  const operationProblem = isUpdateOperationTop(operation) ? '' : SENTENCES.bad_update_op;
  if (args.length === 3) {
    switch (cause) {
      case 'badkey':
        return [table, SENTENCES.bad_key, operationProblem];
      case 'keypos':
        return [table, '', SENTENCES.same_as_keypos];
      case 'position':
        return [table, '', SENTENCES.update_op_range];
      case 'none':
        return [
          table,
          '',
          operationProblem === '' ? SENTENCES.counter_not_integer : operationProblem,
        ];
      default:
        return [table, '', operationProblem];
    }
  }
  if (table !== '') return [table];
  const defaultProblem = tupleProblem(args[3]);
  switch (cause) {
    case 'badkey':
      return ['', SENTENCES.bad_key, operationProblem, defaultProblem];
    case 'keypos':
      return ['', '', SENTENCES.same_as_keypos, defaultProblem];
    case 'position':
      return ['', '', SENTENCES.update_op_range];
    default:
      if (operationProblem === '' && defaultProblem === '')
        return ['', '', SENTENCES.counter_not_integer];
      return ['', '', operationProblem, defaultProblem];
  }
}

function explainElementArguments(
  args: readonly Term[],
  cause: EtsErrorCause,
  table: string,
): Explanation {
  if (cause === 'keypos') return [SENTENCES.same_as_keypos];
  if (cause === 'position') return [SENTENCES.update_op_range];
  const specificationFine = isElementSpecificationTop(args[2]);
  if (args.length === 3) {
    if (!specificationFine) return [SENTENCES.bad_element_spec];
    return table === '' ? [SENTENCES.range] : [];
  }
  const defaultProblem = tupleProblem(args[3]);
  if (defaultProblem !== '') return ['', defaultProblem];
  return [specificationFine ? SENTENCES.range : SENTENCES.bad_element_spec];
}

/** Numbers the non-empty sentences by argument, as `format_error_map` does. */
function numbered(explanation: Explanation): ErrorInfo {
  const info = new Map<number | 'general', string>();
  explanation.forEach((sentence, index) => {
    if (sentence !== '') info.set(index + 1, sentence);
  });
  return info;
}

/**
 * A failed ETS call. `reason` is the Erlang error reason (`badarg` for every ETS argument
 * error), `cause` the check that failed, `errorInfo` OTP's per-argument sentences. A failed call
 * leaves every table as it was.
 */
export class EtsError extends Error {
  override readonly name = 'EtsError';
  /** The Erlang error reason, e.g. the atom `badarg`. */
  readonly reason: Atom;
  /** The Erlang name of the failed function, e.g. `insert_new`. */
  readonly functionName: string;
  /** The arguments the function was called with. */
  readonly args: readonly Term[];
  /** The check that failed, as OTP's `error_info` `cause`; `none` when OTP records none. */
  override readonly cause: EtsErrorCause;
  /** OTP's extended error information: sentence per 1-based argument number. */
  readonly errorInfo: ErrorInfo;

  constructor(functionName: string, args: readonly Term[], cause: EtsErrorCause = 'none') {
    const errorInfo = numbered(explain(functionName, args, cause));
    const details = [...errorInfo].map(([position, sentence]) =>
      position === 'general' ? sentence : `argument ${position}: ${sentence}`,
    );
    super(
      `bad argument in ets:${functionName}/${args.length}${details.length > 0 ? `: ${details.join('; ')}` : ''}`,
    );
    this.reason = atom('badarg');
    this.functionName = functionName;
    this.args = args;
    this.cause = cause;
    this.errorInfo = errorInfo;
  }
}
