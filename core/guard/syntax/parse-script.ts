import { forEachChild, parse, type ParsedScript, type SyntaxNode } from 'unbash';

/** Why a script cannot be judged: the guard holds rather than guess. */
export interface ParseProblem {
  readonly kind: 'syntax' | 'too-large';
  readonly message: string;
  /** offset in the script's source */
  readonly pos: number;
}

/** A parsed script, or the first reason it cannot be trusted. */
export interface CheckedScript {
  readonly script: ParsedScript;
  readonly problem?: ParseProblem;
}

/** Without these characters a script has no substitution and no heredoc: its own errors are all there are. */
const MAY_NEST = /[$`<>]/;

/** Children of the node being visited (forEachChild hands them over one by one; filled and drained per node). */
const children: SyntaxNode[] = [];
const collectChild = (child: SyntaxNode): void => {
  children.push(child);
};

/** Parses a script and checks every nested script for errors (substitutions report their own), heredocs for a closing line, and the node count. */
export function parseScript(source: string, maxNodes: number): CheckedScript {
  const script = parse(source);
  if (!MAY_NEST.test(source) && source.length < maxNodes) {
    const error = script.errors?.[0];
    return error
      ? { script, problem: { kind: 'syntax', message: error.message, pos: error.pos } }
      : { script };
  }
  const pending: SyntaxNode[] = [script];
  let nodes = 0;
  while (pending.length > 0) {
    const node = pending.pop() as SyntaxNode;
    if (++nodes > maxNodes) {
      return {
        script,
        problem: { kind: 'too-large', message: `more than ${maxNodes} syntax nodes`, pos: node.pos },
      };
    }
    const problem = problemOf(node);
    if (problem) return { script, problem };
    forEachChild(node, collectChild);
    for (const child of children) pending.push(child);
    children.length = 0;
  }
  return { script };
}

function problemOf(node: SyntaxNode): ParseProblem | undefined {
  switch (node.type) {
    case 'Script': {
      const error = (node as ParsedScript).errors?.[0];
      return error ? { kind: 'syntax', message: error.message, pos: error.pos } : undefined;
    }
    case 'HereDoc':
      return node.closing
        ? undefined
        : { kind: 'syntax', message: 'heredoc without its closing line', pos: node.pos };
    case 'CommandExpansion':
    case 'ProcessSubstitution':
    case 'ArithmeticCommandExpansion':
      return node.script
        ? undefined
        : { kind: 'syntax', message: 'substitution that does not parse', pos: node.pos };
    default:
      return undefined;
  }
}
