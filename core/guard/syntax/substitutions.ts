import { forEachChild, type ParsedScript, type SyntaxNode } from 'unbash';

/** A script the shell runs while it expands a word. */
export interface Substitution {
  /** the substitution as written (`$(curl …)`, `<(…)`), the key {@link Arg.substitutions} uses */
  readonly text: string;
  readonly script: ParsedScript;
  /** `>(…)`: the script reads what the command writes, so its input is a pipe */
  readonly readsPipe: boolean;
}

/** The command, process and arithmetic substitutions inside a word-level node (outermost only). */
export function substitutionsIn(node: SyntaxNode): Substitution[] {
  const found: Substitution[] = [];
  const visit = (child: SyntaxNode): void => {
    if (
      child.type === 'CommandExpansion' ||
      child.type === 'ProcessSubstitution' ||
      child.type === 'ArithmeticCommandExpansion'
    ) {
      const readsPipe = child.type === 'ProcessSubstitution' && child.operator === '>';
      if (child.script) found.push({ text: child.text, script: child.script, readsPipe });
      return;
    }
    forEachChild(child, visit);
  };
  visit(node);
  return found;
}
