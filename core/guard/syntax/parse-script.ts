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

/** Parses a script and checks every nested script for errors (substitutions report their own), heredocs for a closing line, and the node count. */
export function parseScript(source: string, maxNodes: number): CheckedScript {
  const script = parse(source);
  let nodes = 0;
  let problem: ParseProblem | undefined;
  const visit = (node: SyntaxNode): void => {
    if (problem) return;
    if (++nodes > maxNodes) {
      problem = { kind: 'too-large', message: `more than ${maxNodes} syntax nodes`, pos: node.pos };
      return;
    }
    problem = problemOf(node);
    if (!problem) forEachChild(node, visit);
  };
  visit(script);
  return problem ? { script, problem } : { script };
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
