// What a line prompt says will happen (`This will remove all volumes. Continue? [y/N]`), read from the prompt and
// the rows the program printed above it. A prompt is judged by these words, not by the command that started it.

/** Words that destroy or discard. */
const DESTROY =
  /\b(?:remov(?:e|es|ed|ing)|delet(?:e|es|ed|ing)|destroy(?:s|ed|ing)?|drop(?:s|ped|ping)?|prun(?:e|es|ed|ing)|purg(?:e|es|ed|ing)|wip(?:e|es|ed|ing)|eras(?:e|es|ed|ing)|truncat(?:e|es|ed|ing)|overwrit(?:e|es|ing|ten)|reset(?:s|ting)?|format(?:s|ted|ting)?|descend(?:s|ing)? into|discard(?:s|ed|ing)?|revok(?:e|es|ed|ing)|uninstall(?:s|ed|ing)?|force[- ]push(?:es|ed|ing)?|tear(?:s|ing)? down|teardown|terminat(?:e|es|ed|ing)|decommission(?:s|ed|ing)?|deprovision(?:s|ed|ing)?|nuk(?:e|es|ed|ing)|clobber(?:s|ed|ing)?|shred(?:s|ded|ding)?|kill(?:s|ed|ing)?|(?:lose|loses|losing|lost)\b.{0,30}\b(?:changes|work|data|commits)|reset --hard|rewrit(?:e|es|ing|ten) (?:the )?history)\b/i;

/** Words that act outside this machine: ship code, move money, message people. */
const OUTWARD =
  /\b(?:deploy(?:s|ed|ing)?|publish(?:es|ed|ing)?|releas(?:e|es|ed|ing)|ship(?:s|ped|ping)?|promot(?:e|es|ed|ing)|push(?:es|ed|ing)?|migrat(?:e|es|ed|ing)|send(?:s|ing)?|sent|e-?mail(?:s|ed|ing)?|notify(?:ing)?|charg(?:e|es|ed|ing)|bill(?:s|ed|ing)?|pay(?:s|ing)?|refund(?:s|ed|ing)?|transfer(?:s|red|ring)?)\b/i;
/** Where such an act lands when no one can take it back. */
const OUTWARD_TO =
  /\b(?:prod(?:uction)?|live|customers?|users|subscribers|everyone|registry|npm(?:js)?\.(?:org|com)|pypi|crates\.io|docker ?hub|app ?store|play store)\b/i;

/** Rows after a destructive sentence that may list what it destroys. */
const LIST_ROWS = 5;

/** What must not be destroyed unattended. */
const PRECIOUS: readonly (readonly [RegExp, string])[] = [
  [/\bvolumes?\b/i, 'volumes'],
  [/\b(?:databases?|db|schemas?|tables?|keyspaces?|collections?)\b/i, 'a database'],
  [
    /\b(?:clusters?|namespaces?|buckets?|infrastructure|resources|instances?|deployments?)\b/i,
    'infrastructure',
  ],
  [/\b(?:repositor(?:y|ies)|repos?|branch(?:es)?|history|remote)\b/i, 'a repository'],
  [/\b(?:prod(?:uction)?|live)\b/i, 'production'],
  [/\ball\b|\beverything\b|\bentire\b/i, 'everything'],
  [/\b(?:keys?|credentials?|secrets?|certificates?|tokens?)\b/i, 'credentials'],
  [/\bhome (?:directory|folder)\b/i, 'the home directory'],
  [
    /(?:^|[\s'"`/])\.(?:ssh|gnupg|aws|kube|docker|netrc|env|git)(?=$|[\s'"`/])|\bid_(?:rsa|dsa|ecdsa|ed25519)\b/i,
    'credentials or a repository',
  ],
  [/(?:^|[\s'"`/])\.\.\//, 'a path that climbs out of the folder'],
  [/\b(?:uncommitted|unsaved|unpushed|local) (?:changes|work|commits|edits)\b/i, 'work not saved elsewhere'],
];

/** The home directory itself (not a path inside it), the root, or a top-level system folder. */
const HOME_OR_ROOT =
  /(?:^|[\s'"`(=])(?:~|\$HOME|\/home\/[^/\s'"`]+|\/Users\/[^/\s'"`]+|\/root|\/(?:etc|usr|var|bin|boot|lib|opt|srv)?)\/?(?=$|[\s'"`),?:;])/;

/** Sentences that admit there is no way back. */
const IRREVERSIBLE =
  /\b(?:no undo|cannot be undone|can ?not be reversed|irreversibl[ey]|permanently|lost forever|(?:will be|are|is) (?:lost|gone))\b/i;

/** A bare question that says nothing about what happens: the consequence is elsewhere (or nowhere). */
const BARE_QUESTION =
  /^(?:are you (?:sure|certain)|(?:do you (?:want|wish) to )?(?:continue|proceed|go ahead)|confirm|ok(?:ay)?|really|is this ok|y(?:es)?\s*\/\s*n(?:o)?)\b[^a-z]*$/i;

/**
 * Why the words of a line prompt (the prompt row and the program's rows above it, oldest first) say it is not safe
 * to answer yes, or undefined. `bare`: nothing above the prompt explains what it does.
 */
export function consequenceRisk(
  prompt: string,
  above: readonly string[],
  command: string | undefined,
): string | undefined {
  const text = [...above, prompt].join('\n');
  if (IRREVERSIBLE.test(text)) return 'the prompt says this cannot be undone';
  const lines = [...above, prompt];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!DESTROY.test(line)) continue;
    if (HOME_OR_ROOT.test(line))
      return `the prompt would act on the home directory or a system folder: "${line.trim()}"`;
    // the sentence, the list it may introduce ("This will remove:" / " - all volumes"), and the row before it
    // that may name what it acts on ("~/.ssh/id_ed25519 already exists." / "Overwrite (y/n)?")
    const span = lines.slice(Math.max(0, i - 1), i + LIST_ROWS).join(' ');
    const what = PRECIOUS.find(([re]) => re.test(span));
    if (what) return `the prompt says it will destroy ${what[1]}: "${line.trim()}"`;
  }
  for (const line of lines)
    if (OUTWARD.test(line) && OUTWARD_TO.test(line))
      return `the prompt says it will reach production, a registry or other people: "${line.trim()}"`;
  if (above.every((l) => l.trim() === '') && BARE_QUESTION.test(stripMarker(prompt)) && !knownAsker(command))
    return 'the prompt does not say what answering yes will do';
  return undefined;
}

/** Programs whose yes/no question is fixed by the command itself (`apt-get install jq`, `rm -i x`), not by a script. */
const KNOWN_ASKERS =
  /^(?:(?:sudo|doas)(?:\s+-\S+)*\s+)?(?:apt|apt-get|aptitude|dnf|yum|zypper|pacman|apk|brew|pip3?|pipx|conda|mamba|micromamba|npx|rm|cp|mv|rmdir|ssh|scp|sftp|git|terraform|tofu|gh)\b/;

function knownAsker(command: string | undefined): boolean {
  return command !== undefined && KNOWN_ASKERS.test(command.trim());
}

/** The prompt row without its answer marker (`[y/N]`, `(yes/no)`, a trailing colon). */
function stripMarker(prompt: string): string {
  return prompt
    .replace(/\s*[[(][^\])]*[\])]\s*[?:]?\s*$/, '')
    .replace(/[?:]\s*$/, '')
    .trim();
}
