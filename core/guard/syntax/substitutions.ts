import { forEachChild, type ParsedScript, type SyntaxNode } from 'unbash';

/** A script the shell runs while it expands a word. */
export interface Substitution {
  /** the substitution as written (`$(curl …)`, `<(…)`), the key {@link Arg.substitutions} uses */
  readonly text: string;
  readonly script: ParsedScript;
  /** `>(…)`: the script reads what the command writes, so its input is a pipe */
  readonly readsPipe: boolean;
}

const children: SyntaxNode[] = [];
const collectChild = (child: SyntaxNode): void => {
  children.push(child);
};

/** The command, process and arithmetic substitutions inside a word-level node (outermost only). */
export function substitutionsIn(node: SyntaxNode): Substitution[] {
  const found: Substitution[] = [];
  const pending: SyntaxNode[] = [node];
  while (pending.length > 0) {
    const child = pending.pop() as SyntaxNode;
    if (
      child.type === 'CommandExpansion' ||
      child.type === 'ProcessSubstitution' ||
      child.type === 'ArithmeticCommandExpansion'
    ) {
      const readsPipe = child.type === 'ProcessSubstitution' && child.operator === '>';
      if (child.script) found.push({ text: child.text, script: child.script, readsPipe });
      continue;
    }
    forEachChild(child, collectChild);
    for (let i = children.length - 1; i >= 0; i--) pending.push(children[i] as SyntaxNode);
    children.length = 0;
  }
  return found;
}
